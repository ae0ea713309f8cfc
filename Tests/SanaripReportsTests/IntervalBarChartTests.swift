import Foundation
import Testing

@testable import SanaripReports

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Interval bar charts")
struct IntervalBarChartTests {
    let chart = IntervalBarChart(title: "Barriers <rural> & \"urban\"", bars: [
        .init(label: "Cost", value: 0.45, low: 0.42, high: 0.48),
        .init(label: "Coverage", value: 0.25, low: 0.227, high: 0.275),
        .init(label: "No estimate", value: .nan, low: .nan, high: .nan),
    ], percent: true)

    @Test func svgIsWellFormedXMLWithOneBarPerEstimate() throws {
        let parser = XMLParser(data: Data(chart.svg.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.counts["rect"] == 2)
        #expect(counter.counts["svg"] == 1)
    }

    @Test func barsAreProportionalToTheirValuesOnTheAxis() {
        // The axis ends at a round value above the intervals; shares past one half use 0–100%.
        #expect(chart.axisMaximum == 0.5)
        let widths = chart.svg.split(separator: "\n").filter { $0.hasPrefix("<rect") }.compactMap { line -> Double? in
            guard let range = line.range(of: "width=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        #expect(widths.count == 2)
        #expect(abs(widths[0] / widths[1] - 0.45 / 0.25) < 0.01)
        #expect(IntervalBarChart(title: "t", bars: [.init(label: "a", value: 0.8, low: 0.7, high: 0.9)], percent: true).axisMaximum == 1)
        #expect(IntervalBarChart(title: "t", bars: chart.bars, percent: true, axisMaximum: 1).axisMaximum == 1)
        #expect(IntervalBarChart(title: "t", bars: [.init(label: "a", value: 37, low: 30, high: 44)], percent: false).axisMaximum == 50)
    }

    @Test func numbersIgnoreTheLocale() {
        #expect(format(12.345, 1) == "12.3")
        #expect(format(-0.004, 2) == "-0.00")
    }
}

private final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
    }
}

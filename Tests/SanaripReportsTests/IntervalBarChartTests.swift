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

    @Test func longLabelsWrapWholeInsteadOfBeingCut() throws {
        let long = "Нет полезного контента на своём языке (кыргызском или русском) и нет времени учиться"
        let wrapped = IntervalBarChart(title: "t", bars: [
            .init(label: long, value: 0.3, low: 0.25, high: 0.35),
            .init(label: "Cost", value: 0.2, low: 0.15, high: 0.25),
        ], percent: true)
        let svg = wrapped.svg
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = ElementCounter()
        #expect(parser.parse())
        #expect(!svg.contains("…"))
        // Every word of the label is shown, in order, over several lines that each fit the label column.
        let lines = IntervalBarChart.wrap(long, width: IntervalBarChart.labelCharacters)
        #expect(lines.count > 1)
        #expect(lines.joined(separator: " ") == long)
        #expect(lines.allSatisfy { $0.count <= IntervalBarChart.labelCharacters })
        for line in lines { #expect(svg.contains(">\(line)</tspan>"), "\(line)") }
        // The wrapped row is taller, so the chart grows by the extra lines.
        let single = IntervalBarChart(title: "t", bars: [.init(label: "Short", value: 0.3, low: 0.25, high: 0.35), wrapped.bars[1]], percent: true)
        func height(_ svg: String) -> Int? {
            svg.range(of: "height=\"").flatMap { Int(svg[$0.upperBound...].prefix { $0 != "\"" }) }
        }
        let extra = try #require(height(svg)) - (try #require(height(single.svg)))
        #expect(extra == lines.count * IntervalBarChart.lineHeight + 10 - IntervalBarChart.rowHeight)
        #expect(IntervalBarChart.wrap("a-very-long-word-without-spaces", width: 10) == ["a-very-lon", "g-word-wit", "hout-space", "s"])
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

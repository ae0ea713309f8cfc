import Foundation
import Testing
@testable import SanaripReports

@Suite("Numbers in the reader's locale")
struct LocalizedNumberTests {
    /// ICU's own decimal style for the locale (Foundation's number format style), the reference the fast formatter must match.
    static func icu(_ value: Double, digits: Int, language: String) -> String {
        value.formatted(.number.precision(.fractionLength(digits)).locale(Locale(identifier: LocalizedNumber.localeIdentifier(language))))
    }

    @Test("Kyrgyz, Russian and English text equals ICU's (ky_KG, ru_RU, en_GB)", arguments: ["ky", "ru", "en"])
    func matchesICU(language: String) {
        for (value, digits) in [(0.0, 1), (3.25, 2), (78.4321, 1), (1234.5, 1), (-12.75, 1), (98765.4321, 2), (1_234_567.0, 0), (0.04, 4)] {
            #expect(LocalizedNumber.text(value, digits: digits, language: language) == Self.icu(value, digits: digits, language: language),
                    "\(value) in \(language)")
        }
        #expect(LocalizedNumber.text(Double.nan, digits: 1, language: language) == "–")
    }

    @Test("a chart's labels follow the language: a decimal comma in Russian, a point in English")
    func chartLabels() {
        let bars = [IntervalBarChart.Bar(label: "a", value: 0.784, low: 0.75, high: 0.81)]
        #expect(IntervalBarChart(title: "t", bars: bars, percent: true, language: "ru").svg.contains(">78,4<"))
        #expect(IntervalBarChart(title: "t", bars: bars, percent: true, language: "en").svg.contains(">78.4<"))
    }
}

import Foundation
import SanaripStorage

extension SamplingPlan {
    /// What the plan list shows.
    func listItem(in language: InterfaceLanguage) -> [String: Any] {
        [
            "id": id ?? 0,
            "name": name,
            "studyID": studyID,
            "method": method,
            "selected": language.format(selectedCount),
            "reserve": language.format(reserveCount),
            "expected": language.format(expectedInterviews),
            "createdAt": language.format(createdAt),
        ]
    }

    /// What the plan page and its printable copy show: facts, strata with the chart, selected units and reserves.
    func detail(units: [SamplingPlanUnit], pages: PageRenderer, context: SanaripRequestContext) -> [String: Any] {
        let language = context.language
        let notSet = pages.string("plans.notSet", context)
        func stratumLabel(_ name: String) -> String { name.isEmpty ? pages.string("plans.allUnits", context) : name }
        func row(_ unit: SamplingPlanUnit) -> [String: Any] {
            [
                "stratum": stratumLabel(unit.stratum),
                "order": unit.order,
                "unitID": unit.unitID,
                "unitName": unit.unitName,
                "size": unit.size.map(language.formatSize) ?? "",
                "pi": language.formatProbability(unit.probability),
                "certainty": unit.certainty,
                "expected": language.format(unit.expectedInterviews),
            ]
        }
        var item = listItem(in: language)
        item["seed"] = seed.isEmpty ? notSet : seed
        item["sampleSize"] = sampleSize.isEmpty ? notSet : sampleSize
        item["interviewsPerUnit"] = interviewsPerUnit.map(language.format) ?? notSet
        item["strataColumn"] = strataColumn ?? notSet
        item["sizeColumn"] = sizeColumn ?? notSet
        item["certainty"] = language.format(certaintyCount)
        item["createdBy"] = createdBy
        item["sourceFile"] = sourceFile
        item["strata"] = strata.map { stratum in
            [
                "name": stratumLabel(stratum.name),
                "selected": language.format(stratum.selected),
                "certainty": language.format(stratum.certainty),
                "reserve": language.format(stratum.reserve),
                "expected": language.format(stratum.expectedInterviews),
            ]
        }
        item["chart"] = PlanChart(
            title: pages.string("plans.chart", context),
            bars: strata.map { .init(label: stratumLabel($0.name), value: $0.expectedInterviews, text: language.format($0.expectedInterviews)) }
        ).layout
        item["units"] = units.filter { !$0.reserve }.map(row)
        let reserves = units.filter(\.reserve)
        item["reserves"] = strata.map(\.name).filter { name in reserves.contains { $0.stratum == name } }.map { name in
            ["stratum": stratumLabel(name), "units": reserves.filter { $0.stratum == name }.sorted { $0.order < $1.order }.map(row)] as [String: Any]
        }
        item["hasReserves"] = !reserves.isEmpty
        return item
    }
}

extension InterfaceLanguage {
    /// An inclusion probability with four decimals in this language's notation (`0,4521` in Russian).
    func formatProbability(_ value: Double) -> String {
        decimal(value, fractionDigits: 4)
    }

    /// A size measure: whole numbers grouped (`12 345`), fractions with two decimals.
    func formatSize(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? format(Int(value)) : decimal(value, fractionDigits: 2)
    }

    private func decimal(_ value: Double, fractionDigits: Int) -> String {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = fractionDigits
        formatter.maximumFractionDigits = fractionDigits
        return formatter.string(from: NSNumber(value: value)) ?? String(value)
    }
}

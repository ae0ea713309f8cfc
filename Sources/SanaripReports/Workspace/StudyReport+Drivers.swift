import SanaripCore

extension StudyReport {
    /// What drives skills, cyber hygiene, e-service use and internet use: each of the results' driver models with
    /// its chart and table, the significant characteristics said in plain words; nil when no model was fitted.
    func driverSection(labels: ResultsLabels) -> Section? {
        guard !results.drivers.isEmpty else { return nil }
        let words = TrilingualStrings(code: language, table: DriverView.wording)
        let views = results.drivers.map { DriverView($0, labels: labels) }
        let introduction = [words["reportIntro"]] + views.map { view in view.title + ". " + view.sentences.joined(separator: " ") }
        return Section(title: words["reportTitle"], sheet: "2b " + words["drivers"], introduction: introduction,
                       subsections: views.map { view in (view.title, view.chart.map { [$0.svg] } ?? [], [view.grid]) })
    }
}

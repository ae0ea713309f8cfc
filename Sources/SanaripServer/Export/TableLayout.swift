import Foundation
import SanaripCore

/// The question columns of one exported table and how a row of answers fills them.
struct TableLayout: Sendable {
    /// The repeat the table holds; empty for the submissions.
    var repeatPath: String
    var slots: [Slot]

    /// One question's columns: one, or the value and an indicator per option for a `select_multiple`, or the
    /// four parts of a `geopoint`.
    struct Slot: Sendable {
        enum Shape: Sendable {
            case plain
            case options([String])
            case geopoint
        }

        /// The answer's path from the root, as stored.
        var path: String
        var shape: Shape
        var columns: [ExportColumn]
        /// Choice labels to write instead of choice names (`--labels`); empty to write names.
        var choiceLabels: [String: String] = [:]

        /// The label of choice `name`, or the name when labels are not wanted or it has none.
        func choice(_ name: String) -> String {
            choiceLabels.isEmpty ? name : choiceLabels[name] ?? name
        }
    }

    var columns: [ExportColumn] { slots.flatMap(\.columns) }

    /// The cells of `row`, in column order.
    func cells(for row: SubmissionAnswerRow) -> [String] {
        var answers: [String: String] = [:]
        for answer in row.answers { answers[answer.path] = answer.text }
        var cells: [String] = []
        cells.reserveCapacity(slots.count)
        for slot in slots {
            let text = answers[slot.path] ?? ""
            switch slot.shape {
            case .plain:
                cells.append(slot.choice(text))
            case .options(let options):
                let names = text.split(separator: " ").map(String.init)
                cells.append(slot.choiceLabels.isEmpty ? text : names.map(slot.choice).joined(separator: "; "))
                // As ODK Central writes them: 1 chosen, 0 otherwise, also when the question was not answered.
                let chosen = Set(names)
                for option in options { cells.append(chosen.contains(option) ? "1" : "0") }
            case .geopoint:
                let parts = text.split(separator: " ").map(String.init)
                for index in 0..<4 { cells.append(index < parts.count ? parts[index] : "") }
            }
        }
        return cells
    }

    /// The columns after the questions in the submissions' table, in the order ``SubmissionExport`` fills them.
    static let submissionColumns = [
        "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "ReviewState",
        "DeviceID", "Edits", "FormVersion",
    ].map { ExportColumn(name: $0, kind: ["AttachmentsPresent", "AttachmentsExpected", "Edits"].contains($0) ? .number : .text) }

    /// One layout per table, the submissions first and then the repeats in document order; questions of older
    /// versions that the newest lacks come after the newest's. Questions any version marks sensitive are left
    /// out unless `includeSensitive`; `labels` (a language code, or `""` for the default language) makes choice
    /// columns hold choice labels instead of names.
    static func layouts(of instruments: [Instrument], includeSensitive: Bool = true, labels: String? = nil) -> [TableLayout] {
        var layouts: [TableLayout] = []
        var indexOfRepeat: [String: Int] = [:]
        var seenPaths = includeSensitive ? Set<String>() : sensitivePaths(of: instruments)
        func table(_ repeatPath: String) -> Int {
            if let index = indexOfRepeat[repeatPath] { return index }
            layouts.append(TableLayout(repeatPath: repeatPath, slots: []))
            indexOfRepeat[repeatPath] = layouts.count - 1
            return layouts.count - 1
        }
        for instrument in instruments {
            _ = table("")
            for located in instrument.walk() {
                let repeatPath = located.enclosingRepeatPath?.joined(separator: "/") ?? ""
                switch located.element {
                case .group(let group) where group.isRepeat:
                    _ = table(located.path.joined(separator: "/"))
                case .group:
                    continue
                case .question(let question):
                    guard question.type != .note else { continue }
                    let path = located.path.joined(separator: "/")
                    guard seenPaths.insert(path).inserted else { continue }
                    let relative = repeatPath.isEmpty ? located.path : Array(located.path.dropFirst(repeatPath.split(separator: "/").count))
                    var slot = slot(question, path: path, name: relative.joined(separator: "-"), instrument: instrument)
                    if let labels, question.type.choiceList != nil {
                        let choices = question.type.choiceList.flatMap { instrument.choiceList(named: $0) }?.choices ?? []
                        for choice in choices {
                            slot.choiceLabels[choice.name] = choice.label.text(languageCode: labels.isEmpty ? nil : labels) ?? choice.name
                        }
                    }
                    layouts[table(repeatPath)].slots.append(slot)
                }
            }
        }
        return layouts
    }

    /// The paths of the questions any of `instruments` marks sensitive.
    static func sensitivePaths(of instruments: [Instrument]) -> Set<String> {
        var paths = Set<String>()
        for instrument in instruments {
            for located in instrument.walk() {
                if case .question(let question) = located.element, question.sensitive { paths.insert(located.path.joined(separator: "/")) }
            }
        }
        return paths
    }

    private static func slot(_ question: Question, path: String, name: String, instrument: Instrument) -> Slot {
        let choices = question.type.choiceList.flatMap { instrument.choiceList(named: $0) }?.choices ?? []
        switch question.type {
        case .selectMultiple:
            var columns = [ExportColumn(name: name, label: question.label)]
            for choice in choices {
                var label = LocalizedText()
                for (language, text) in question.label.values {
                    label[language] = "\(text): \(choice.label.text(in: language) ?? choice.name)"
                }
                columns.append(ExportColumn(name: "\(name)/\(choice.name)", label: label, kind: .indicator))
            }
            return Slot(path: path, shape: .options(choices.map(\.name)), columns: columns)
        case .geopoint:
            let columns = ["Latitude", "Longitude", "Altitude", "Accuracy"].map { ExportColumn(name: "\(name)-\($0)", label: question.label, kind: .number) }
            return Slot(path: path, shape: .geopoint, columns: columns)
        default:
            let kind: ExportColumn.Kind =
                switch question.type {
                case .integer, .decimal, .range: .number
                case .date, .metadata(.today): .date
                case .dateTime, .metadata(.start), .metadata(.end): .dateTime
                case .selectOne: .choice
                default: .text
                }
            let valueLabels = kind == .choice ? choices.map { (value: $0.name, label: $0.label) } : []
            return Slot(path: path, shape: .plain, columns: [ExportColumn(name: name, label: question.label, kind: kind, valueLabels: valueLabels)])
        }
    }

    /// `2026-12-04T13:38:25.123Z`, as Central writes `SubmissionDate`.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

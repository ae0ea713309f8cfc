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
                cells.append(text)
            case .options(let options):
                cells.append(text)
                let chosen = Set(text.split(separator: " ").map(String.init))
                for option in options { cells.append(text.isEmpty ? "" : chosen.contains(option) ? "1" : "0") }
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
    /// versions that the newest lacks come after the newest's.
    static func layouts(of instruments: [Instrument]) -> [TableLayout] {
        var layouts: [TableLayout] = []
        var indexOfRepeat: [String: Int] = [:]
        var seenPaths = Set<String>()
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
                    layouts[table(repeatPath)].slots.append(slot(question, path: path, name: relative.joined(separator: "-"), instrument: instrument))
                }
            }
        }
        return layouts
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

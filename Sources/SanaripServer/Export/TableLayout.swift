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

    /// Each slot's path as UTF-8, to match packed answers without making strings of their paths.
    private(set) var pathBytes: [[UInt8]] = []
    /// The slot of each path.
    private(set) var slotOfPath: [String: Int] = [:]

    init(repeatPath: String, slots: [Slot]) {
        self.repeatPath = repeatPath
        self.slots = slots
        index()
    }

    private mutating func index() {
        pathBytes = slots.map { Array($0.path.utf8) }
        slotOfPath = Dictionary(slots.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Appends the cells of a row's `answers` to `cells`, in column order. Answers come mostly in slot order,
    /// so each path is first compared with the slot after the last one matched.
    func appendCells(for answers: PackedAnswers, to cells: inout [String]) {
        var texts = [String](repeating: "", count: slots.count)
        var next = 0
        answers.forEach { path, text in
            let slot: Int
            if next < pathBytes.count, Self.same(pathBytes[next], path) {
                slot = next
            } else if let found = slotOfPath[String(decoding: path, as: UTF8.self)] {
                slot = found
            } else {
                return
            }
            texts[slot] = String(decoding: text, as: UTF8.self)
            next = slot + 1
        }
        for index in slots.indices {
            let slot = slots[index], text = texts[index]
            switch slot.shape {
            case .plain:
                cells.append(slot.choice(text))
            case .options(let options):
                let names = text.split(separator: " ")
                cells.append(slot.choiceLabels.isEmpty ? text : names.map { slot.choice(String($0)) }.joined(separator: "; "))
                // As ODK Central writes them: 1 chosen, 0 otherwise, also when the question was not answered.
                for option in options { cells.append(names.contains { $0 == option } ? "1" : "0") }
            case .geopoint:
                let parts = text.split(separator: " ")
                for index in 0..<4 { cells.append(index < parts.count ? String(parts[index]) : "") }
            }
        }
    }

    private static func same(_ bytes: [UInt8], _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == other.count else { return false }
        guard let base = other.baseAddress, !other.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { $0.baseAddress.map { memcmp($0, base, other.count) == 0 } ?? false }
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
        for index in layouts.indices { layouts[index].index() }
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
}

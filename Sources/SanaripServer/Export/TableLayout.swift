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
    /// Each slot's option names as UTF-8 (empty unless it is a `select_multiple`).
    private(set) var optionBytes: [[[UInt8]]] = []

    init(repeatPath: String, slots: [Slot]) {
        self.repeatPath = repeatPath
        self.slots = slots
        index()
    }

    private mutating func index() {
        pathBytes = slots.map { Array($0.path.utf8) }
        optionBytes = slots.map { slot in
            guard case .options(let options) = slot.shape else { return [] }
            return options.map { Array($0.utf8) }
        }
        slotOfPath = Dictionary(slots.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Appends the cells of a row's `answers` to `row`, in column order, copying bytes from the packed answers
    /// (a string is made only for a choice label). Answers come mostly in slot order, so each path is first
    /// compared with the slot after the last one matched; a path given twice keeps its last text.
    func appendCells(for answers: PackedAnswers, to row: inout ExportRow) {
        answers.bytes.withUnsafeBufferPointer { packed in
            withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: slots.count) { found in
                found.initialize(repeating: 0..<0)
                var next = 0
                answers.forEach { path, text in
                    let slot: Int
                    if next < pathBytes.count, Self.same(pathBytes[next], path) {
                        slot = next
                    } else if let match = slotOfPath[String(decoding: path, as: UTF8.self)] {
                        slot = match
                    } else {
                        return
                    }
                    if let start = text.baseAddress, let base = packed.baseAddress { found[slot] = (start - base)..<(start - base + text.count) }
                    next = slot + 1
                }
                for index in slots.indices {
                    appendCells(of: index, answer: UnsafeBufferPointer(rebasing: packed[found[index]]), to: &row)
                }
            }
        }
    }

    /// Appends the cells of slot `index` answered with the UTF-8 `answer` (empty when not answered).
    private func appendCells(of index: Int, answer: UnsafeBufferPointer<UInt8>, to row: inout ExportRow) {
        let slot = slots[index]
        switch slot.shape {
        case .plain:
            if slot.choiceLabels.isEmpty {
                row.append(answer)
            } else {
                row.append(slot.choice(String(decoding: answer, as: UTF8.self)))
            }
        case .options:
            if slot.choiceLabels.isEmpty {
                row.append(answer)
            } else {
                let names = answer.split(separator: UInt8(ascii: " "))
                row.append(names.map { slot.choice(String(decoding: UnsafeBufferPointer(rebasing: $0), as: UTF8.self)) }.joined(separator: "; "))
            }
            // As ODK Central writes them: 1 chosen, 0 otherwise, also when the question was not answered.
            for option in optionBytes[index] {
                row.appendToCell(CollectionOfOne(Self.contains(option, in: answer) ? UInt8(ascii: "1") : UInt8(ascii: "0")))
                row.endCell()
            }
        case .geopoint:
            let parts = answer.split(separator: UInt8(ascii: " "))
            for part in 0..<4 {
                if part < parts.count { row.append(UnsafeBufferPointer(rebasing: parts[part])) } else { row.endCell() }
            }
        }
    }

    private static func same(_ bytes: [UInt8], _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == other.count else { return false }
        guard let base = other.baseAddress, !other.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { $0.baseAddress.map { memcmp($0, base, other.count) == 0 } ?? false }
    }

    /// Whether the space-separated `answer` has `name` among its words.
    private static func contains(_ name: [UInt8], in answer: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < answer.count {
            var end = start
            while end < answer.count, answer[end] != UInt8(ascii: " ") { end += 1 }
            if end - start == name.count, name.withUnsafeBufferPointer({ $0.elementsEqual(answer[start..<end]) }) { return true }
            start = end + 1
        }
        return false
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

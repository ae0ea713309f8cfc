import Foundation
import SanaripCore

/// A submission's XML read against its form: who it is (form, version, instance, what it replaces) and its
/// answers typed per question, repeats as child rows, with every answer that breaks the form's types listed.
///
/// ```swift
/// let document = try SubmissionDocument(xml: data)
/// let content = document.content(for: instrument)   // rows, expected attachments, problems
/// ```
public struct SubmissionDocument: Sendable {
    public let root: SubmissionXMLElement
    /// The root's `id` attribute.
    public let formID: String
    /// The root's `version` attribute; empty when absent.
    public let version: String
    public let instanceID: String
    /// `meta/deprecatedID`: set when this is an edit of an earlier submission.
    public let deprecatedID: String?
    public let instanceName: String?
    /// True for a submission ODK Collect encrypted with the form's public key: its answers are in the
    /// attachment `encryptedXmlFile`, kept as received until someone with the private key decrypts it.
    public var isEncrypted: Bool { root.attributes["encrypted"] == "yes" }

    /// Reads the XML and its identifying parts.
    public init(xml: Data) throws(SubmissionXMLError) {
        root = try SubmissionXMLElement.parse(xml)
        guard let formID = root.attributes["id"], !formID.isEmpty else { throw .missingFormID }
        self.formID = formID
        version = root.attributes["version"] ?? ""
        let meta = root.child("meta")
        func nonEmpty(_ text: String?) -> String? {
            text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let instanceID = nonEmpty(meta?.child("instanceID")?.text) ?? nonEmpty(root.attributes["instanceID"]) else {
            throw .missingInstanceID
        }
        self.instanceID = instanceID
        deprecatedID = nonEmpty(meta?.child("deprecatedID")?.text)
        instanceName = nonEmpty(meta?.child("instanceName")?.text)
    }

    /// What the submission says, question by question.
    public struct Content: Sendable, Hashable {
        /// The submission's own row first, then one row per repeat instance, parents before children.
        public var rows: [SubmissionAnswerRow]
        /// File names the media questions (and `audit`) refer to: the attachments to expect.
        public var attachments: [String]
        /// Answers that break the form's types, as sentences naming the question.
        public var problems: [String]
    }

    /// The answers as the instrument types them; empty answers are left out. Answers that break a type or a
    /// `constraint` (evaluated by the instrument engine where the question sits) are listed as problems.
    public func content(for instrument: Instrument) -> Content {
        var content = Content(rows: [SubmissionAnswerRow()], attachments: [], problems: [])
        if isEncrypted {
            let files = root.child("media")?.children.filter { $0.name == "file" }.map(\.text) ?? []
            content.attachments = (files + [root.child("encryptedXmlFile")?.text ?? ""]).filter { !$0.isEmpty }
            return content
        }
        var constrained: [(question: Question, path: String, scope: [RepeatPosition])] = []
        let answers = visit(instrument.elements, in: root, path: [], scope: [], row: 0, instrument: instrument, into: &content, constrained: &constrained)
        for (question, path, scope) in constrained {
            guard let source = question.constraint, let expression = try? ExpressionParser.parse(source) else { continue }
            let context = AnswersContext(answers: answers, scope: scope, field: question.name, formVersion: version)
            if let holds = try? ExpressionEvaluator(context: context).evaluateBoolean(expression), !holds {
                content.problems.append("\(path)\(scope.isEmpty ? "" : " (\(scope.map { "\($0.group) \($0.position)" }.joined(separator: ", ")))"): breaks the constraint \(source)")
            }
        }
        return content
    }

    /// Reads one level into `content` and returns it as ``Answers`` for evaluating constraints.
    private func visit(
        _ elements: [SurveyElement], in node: SubmissionXMLElement, path: [String], scope: [RepeatPosition], row: Int, instrument: Instrument,
        into content: inout Content, constrained: inout [(question: Question, path: String, scope: [RepeatPosition])]
    ) -> Answers {
        var level = Answers()
        for element in elements {
            switch element {
            case .question(let question):
                guard question.type != .note, let text = node.child(question.name)?.text, !text.isEmpty else { continue }
                let answerPath = (path + [question.name]).joined(separator: "/")
                let (number, problem) = Self.check(text, of: question, instrument: instrument)
                if let problem { content.problems.append("\(answerPath): \(problem)") }
                if Self.isFile(question.type) { content.attachments.append(text) }
                content.rows[row].answers.append(
                    SubmissionAnswer(path: answerPath, type: question.type.xlsformName, text: text, number: number)
                )
                level[question.name] = Self.value(text, number: number, of: question.type)
                if question.constraint != nil && problem == nil { constrained.append((question, answerPath, scope)) }
            case .group(let group) where !group.isRepeat:
                guard let child = node.child(group.name) else { continue }
                let inner = visit(group.children, in: child, path: path + [group.name], scope: scope, row: row, instrument: instrument,
                                  into: &content, constrained: &constrained)
                level.values.merge(inner.values) { old, _ in old }
                level.repeats.merge(inner.repeats) { old, _ in old }
            case .group(let group):
                let repeatPath = path + [group.name]
                var instances: [Answers] = []
                for (index, instance) in node.children.filter({ $0.name == group.name }).enumerated() {
                    content.rows.append(
                        SubmissionAnswerRow(repeatPath: repeatPath.joined(separator: "/"), position: index + 1, parent: row)
                    )
                    instances.append(visit(
                        group.children, in: instance, path: repeatPath, scope: scope + [RepeatPosition(group: group.name, position: index + 1)],
                        row: content.rows.count - 1, instrument: instrument, into: &content, constrained: &constrained
                    ))
                }
                level.repeats[group.name] = instances
            }
        }
        return level
    }

    /// The answer as the expression engine types it.
    static func value(_ text: String, number: Double?, of type: QuestionType) -> AnswerValue {
        switch type {
        case .integer: number.map { .integer(Int($0)) } ?? .text(text)
        case .decimal, .range: number.map(AnswerValue.number) ?? .text(text)
        case .selectMultiple, .selectMultipleFromFile, .rank: .selections(text.split(separator: " ").map(String.init))
        case .date: .date(text)
        case .time: .time(text)
        case .dateTime, .metadata(.start), .metadata(.end): .dateTime(text)
        default: .text(text)
        }
    }

    /// Whether answers of `type` name a file sent with the submission.
    public static func isFile(_ type: QuestionType) -> Bool {
        switch type {
        case .image, .audio, .video, .file, .metadata(.audit): true
        default: false
        }
    }

    /// The answer's number for numeric types, and what is wrong with it, if anything.
    static func check(_ text: String, of question: Question, instrument: Instrument) -> (number: Double?, problem: String?) {
        func choices(_ list: String, _ names: [String]) -> String? {
            guard !question.orOther, question.choiceFilter == nil, let choiceList = instrument.choiceList(named: list) else { return nil }
            let unknown = names.filter { choiceList.choice(named: $0) == nil }
            guard !unknown.isEmpty else { return nil }
            return "\(unknown.map { "'\($0)'" }.joined(separator: ", ")) \(unknown.count == 1 ? "is not a choice" : "are not choices") of the list \(list)"
        }
        switch question.type {
        case .integer:
            guard let value = Int(text) else { return (nil, "'\(text)' is not a whole number") }
            return (Double(value), nil)
        case .decimal, .range:
            guard let value = Double(text), value.isFinite else { return (nil, "'\(text)' is not a number") }
            return (value, nil)
        case .date, .metadata(.today):
            return (nil, isDate(text) ? nil : "'\(text)' is not a date (yyyy-mm-dd)")
        case .dateTime, .metadata(.start), .metadata(.end):
            return (nil, text.count >= 19 && isDate(String(text.prefix(10))) ? nil : "'\(text)' is not a date and time")
        case .selectOne(let list):
            return (nil, choices(list, [text]))
        case .selectMultiple(let list), .rank(let list):
            return (nil, choices(list, text.split(separator: " ").map(String.init)))
        case .geopoint:
            let parts = text.split(separator: " ").compactMap { Double($0) }
            let valid = (2...4).contains(parts.count) && abs(parts[0]) <= 90 && abs(parts[1]) <= 180
            return (nil, valid ? nil : "'\(text)' is not a location (latitude longitude altitude accuracy)")
        default:
            return (nil, nil)
        }
    }

    private static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil else {
            return false
        }
        return (1...12).contains(month) && (1...31).contains(day) && parts[1].count == 2 && parts[2].count == 2
    }
}

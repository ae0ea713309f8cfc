import Foundation
import SanaripCore
import SanaripInstrument
import SanaripStorage

/// A submission's answers as a reviewer reads them: each question's label and each choice's label in the page's
/// language (the code beside it), files as links to the attachment, repeats as numbered instances.
struct SubmissionAnswersView {
    let instrument: Instrument
    let language: InterfaceLanguage
    /// Every question by its stored path, repeats included.
    let questions: [String: (question: Question, groups: [Group])]

    init(instrument: Instrument, language: InterfaceLanguage) {
        self.instrument = instrument
        self.language = language
        var questions: [String: (question: Question, groups: [Group])] = [:]
        for located in instrument.walk() {
            if case .question(let question) = located.element { questions[located.path.joined(separator: "/")] = (question, located.ancestors) }
        }
        self.questions = questions
    }

    /// Text in the page's language, else the form's default language, else any.
    func text(_ localized: LocalizedText) -> String? {
        localized.text(code: language.rawValue, fallback: instrument.defaultLanguage.map { [$0.name] } ?? [])
    }

    func label(of question: Question) -> String {
        text(question.label) ?? question.name
    }

    /// The answer as shown: choice labels for selects, the text otherwise.
    func display(_ answer: SubmissionAnswer) -> String {
        guard let question = questions[answer.path]?.question else { return answer.text }
        func choice(_ list: String, _ name: String) -> String {
            guard let choice = instrument.choiceList(named: list)?.choice(named: name), let label = text(choice.label) else { return name }
            return "\(label) (\(name))"
        }
        switch question.type {
        case .selectOne(let list), .selectOneExternal(let list): return choice(list, answer.text)
        case .selectMultiple(let list): return answer.text.split(separator: " ").map { choice(list, String($0)) }.joined(separator: "; ")
        default: return answer.text
        }
    }

    /// The rows as template data: the submission's own answers, then each repeat instance with its answers.
    func rows(_ rows: [SubmissionAnswerRow], submissionID: Int64, attachments: [SubmissionAttachment]) -> [[String: Any]] {
        let present = Set(attachments.filter(\.isPresent).map(\.name))
        var positions: [Int: String] = [:]
        return rows.enumerated().map { index, row in
            let groupLabel = questions.values.lazy.flatMap(\.groups).first { $0.isRepeat && row.repeatPath.hasSuffix($0.name) }
                .flatMap { text($0.label) } ?? row.repeatPath
            let heading = row.repeatPath.isEmpty ? "" : "\(positions[row.parent ?? -1].map { "\($0) · " } ?? "")\(groupLabel) \(row.position)"
            positions[index] = heading.isEmpty ? nil : heading
            return [
                "heading": heading,
                "isRepeat": !row.repeatPath.isEmpty,
                "answers": row.answers.map { answer -> [String: Any] in
                    let entry = questions[answer.path]
                    let isFile = entry.map { SubmissionDocument.isFile($0.question.type) } ?? false
                    return [
                        "label": entry.map { label(of: $0.question) } ?? answer.path,
                        "section": entry?.groups.filter { !$0.isRepeat }.compactMap { text($0.label) }.joined(separator: " › ") ?? "",
                        "path": answer.path,
                        "value": display(answer),
                        "isFile": isFile && present.contains(answer.text),
                        "isImage": isFile && present.contains(answer.text) && entry?.question.type == .image,
                        "href": "/submissions/\(submissionID)/attachments/\(answer.text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/"))) ?? answer.text)",
                    ]
                },
            ]
        }
    }
}

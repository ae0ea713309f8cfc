import Foundation
import SanaripCore
import SanaripInstrument

/// A form typed in the browser, page by page, evaluated by the instrument engine on the server: one page per
/// top-level group (loose top-level questions share a page), relevance of groups and questions, `required`,
/// constraints with their messages in the chosen language, and calculations. The finished draft becomes the XML
/// ODK Collect would send, which goes through the same intake.
///
/// Answers are kept as texts by question path (`person/age`); repeats and file questions are not entered here.
struct EntryForm: Sendable {
    let instrument: Instrument

    /// One page: its elements with their paths, and the group it shows (nil for loose questions).
    struct Page: Sendable {
        var group: Group?
        var path: [String]
        var elements: [SurveyElement]
    }

    let pages: [Page]

    init(instrument: Instrument) {
        self.instrument = instrument
        var pages: [Page] = []
        var loose: [SurveyElement] = []
        for element in instrument.elements {
            switch element {
            case .group(let group) where !group.isRepeat:
                if !loose.isEmpty {
                    pages.append(Page(group: nil, path: [], elements: loose))
                    loose = []
                }
                pages.append(Page(group: group, path: [group.name], elements: group.children))
            case .question(let question) where Self.isShown(question):
                loose.append(element)
            default:
                continue
            }
        }
        if !loose.isEmpty { pages.append(Page(group: nil, path: [], elements: loose)) }
        self.pages = pages
    }

    /// Whether the question is typed in by the person entering the form.
    static func isShown(_ question: Question) -> Bool {
        switch question.type {
        case .calculate, .hidden, .metadata, .image, .audio, .video, .file: false
        default: true
        }
    }

    /// Every question outside repeats, with its path, in document order.
    var questions: [(path: String, question: Question, ancestors: [Group])] {
        instrument.walk().compactMap { located in
            guard !located.ancestors.contains(where: \.isRepeat), case .question(let question) = located.element else { return nil }
            return (located.path.joined(separator: "/"), question, located.ancestors)
        }
    }

    /// The texts typed as the expression engine reads them, by question name.
    func answers(_ texts: [String: String]) -> Answers {
        var answers = Answers()
        for (path, question, _) in questions {
            answers[question.name] = SubmissionDocument.typed(texts[path] ?? "", of: question, instrument: instrument).value
        }
        return answers
    }

    private func holds(_ source: String?, _ answers: Answers, field: String? = nil) -> Bool {
        guard let source, !source.trimmingCharacters(in: .whitespaces).isEmpty else { return true }
        guard let expression = try? ExpressionParser.parse(source) else { return true }
        let context = AnswersContext(answers: answers, field: field, formVersion: instrument.settings.version ?? "")
        return (try? ExpressionEvaluator(context: context).evaluateBoolean(expression)) ?? false
    }

    /// Whether a question (with its enclosing groups) is relevant given the answers.
    func isRelevant(_ question: Question, ancestors: [Group], _ answers: Answers) -> Bool {
        ancestors.allSatisfy { holds($0.relevant, answers) } && holds(question.relevant, answers)
    }

    /// Whether `required` holds for the question (`yes`, `true()` or an expression).
    func isRequired(_ question: Question, _ answers: Answers) -> Bool {
        guard let required = question.required?.trimmingCharacters(in: .whitespaces), !required.isEmpty else { return false }
        switch required.lowercased() {
        case "yes", "true", "true()": return true
        case "no", "false", "false()": return false
        default: return holds(required, answers)
        }
    }

    /// The texts with every calculation evaluated in document order, and answers of questions no longer relevant cleared.
    func settled(_ texts: [String: String]) -> [String: String] {
        var texts = texts
        for (path, question, ancestors) in questions {
            let answers = self.answers(texts)
            if !isRelevant(question, ancestors: ancestors, answers) {
                texts[path] = nil
                continue
            }
            guard question.type == .calculate, let source = question.calculation, let expression = try? ExpressionParser.parse(source) else { continue }
            let context = AnswersContext(answers: answers, field: question.name, formVersion: instrument.settings.version ?? "")
            texts[path] = (try? ExpressionEvaluator(context: context).evaluateString(expression)) ?? ""
        }
        return texts
    }

    /// The shown, relevant questions of page `index`, with their paths and groups.
    func questions(onPage index: Int, _ answers: Answers) -> [(path: String, question: Question, ancestors: [Group])] {
        guard pages.indices.contains(index) else { return [] }
        let prefix = pages[index].path
        return questions.filter { entry in
            let path = entry.path.split(separator: "/").map(String.init)
            let onPage = prefix.isEmpty ? path.count == 1 : Array(path.prefix(prefix.count)) == prefix
            return onPage && Self.isShown(entry.question) && isRelevant(entry.question, ancestors: entry.ancestors, answers)
        }
    }

    /// What is wrong with the answers on page `index`: required questions left empty, answers that break their
    /// type or constraint, by path, in `language` (ISO code).
    func problems(onPage index: Int, _ texts: [String: String], language: String, requiredMessage: String) -> [String: String] {
        let answers = self.answers(texts)
        var problems: [String: String] = [:]
        for (path, question, _) in questions(onPage: index, answers) where question.type != .note {
            let text = texts[path] ?? ""
            if text.isEmpty {
                if isRequired(question, answers) {
                    problems[path] = question.requiredMessage.text(code: language, fallback: fallback) ?? requiredMessage
                }
                continue
            }
            if let problem = SubmissionDocument.typed(text, of: question, instrument: instrument).problem {
                problems[path] = problem
            } else if !holds(question.constraint, answers, field: question.name) {
                problems[path] = question.constraintMessage.text(code: language, fallback: fallback) ?? question.constraint ?? ""
            }
        }
        return problems
    }

    var fallback: [String] { instrument.defaultLanguage.map { [$0.name] } ?? [] }

    /// The submission ODK Collect would send for these answers: every question's element in the form's
    /// structure (empty when unanswered), then `meta/instanceID`, written as supervisors' edits are.
    func xml(_ texts: [String: String], instanceID: String) -> Data {
        func elements(_ survey: [SurveyElement], path: [String]) -> [SubmissionXMLElement] {
            survey.compactMap { element -> SubmissionXMLElement? in
                switch element {
                case .question(let question):
                    return SubmissionXMLElement(name: question.name, text: texts[(path + [question.name]).joined(separator: "/")] ?? "")
                case .group(let group) where group.isRepeat:
                    return nil
                case .group(let group):
                    return SubmissionXMLElement(name: group.name, children: elements(group.children, path: path + [group.name]))
                }
            }
        }
        var attributes = ["id": instrument.settings.formID ?? ""]
        attributes["version"] = instrument.settings.version
        let meta = SubmissionXMLElement(name: "meta", children: [SubmissionXMLElement(name: "instanceID", text: instanceID)])
        let root = SubmissionXMLElement(name: instrument.settings.rootName ?? "data", attributes: attributes, children: elements(instrument.elements, path: []) + [meta])
        return root.submissionData
    }
}

import Foundation
import SanaripCore
import SanaripInstrument

/// A form typed in the browser, page by page, evaluated by the instrument engine on the server: one page per
/// group (a group holding other groups gives its own questions a page and each inner group one; loose top-level
/// questions share a page), relevance of groups and questions, `required`,
/// constraints with their messages in the chosen language, and calculations. The finished draft becomes the XML
/// ODK Collect would send, which goes through the same intake.
///
/// Answers are kept as texts by question path (`person/age`); a repeat instance's questions by their path with the
/// instance's number after a tilde (`learning/training~2/tr_topic`: brackets would read as arrays in form posts). A repeat has as many instances as its `repeat_count`
/// says, else as the person entering adds (one to begin with; the count is kept under `learning/training~#`).
/// A file question's answer is the name of a file kept with the draft (``EntryDraftFiles``).
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
        // A group holding other groups is split: its own questions (and repeats) on one page, each inner group on its own.
        func add(_ group: Group, path: [String]) {
            let inner = group.children.compactMap { element -> Group? in
                if case .group(let child) = element, !child.isRepeat { return child }
                return nil
            }
            guard !group.isRepeat, !inner.isEmpty else {
                pages.append(Page(group: group, path: path, elements: group.children))
                return
            }
            let own = group.children.filter { element in
                switch element {
                case .question(let question): Self.isShown(question)
                case .group(let child): child.isRepeat
                }
            }
            if !own.isEmpty { pages.append(Page(group: group, path: path, elements: own)) }
            for child in inner { add(child, path: path + [child.name]) }
        }
        for element in instrument.elements {
            switch element {
            case .group(let group):
                if !loose.isEmpty {
                    pages.append(Page(group: nil, path: [], elements: loose))
                    loose = []
                }
                add(group, path: [group.name])
            case .question(let question) where Self.isShown(question):
                loose.append(element)
            default:
                continue
            }
        }
        if !loose.isEmpty { pages.append(Page(group: nil, path: [], elements: loose)) }
        self.pages = pages
    }

    /// The page showing what sits in the group at `groupPath` (repeat instance numbers left out): the page with the
    /// longest path that starts it.
    func page(ofGroupPath groupPath: [String]) -> Int? {
        var best: Int?
        for (index, page) in pages.enumerated() where page.path.count <= groupPath.count && Array(groupPath.prefix(page.path.count)) == page.path {
            if best.map({ pages[$0].path.count < page.path.count }) ?? true { best = index }
        }
        return best
    }

    /// A path's group components without repeat instance numbers: `learning/training~2/tr_topic` → `[learning, training]`.
    static func groupPath(of path: String) -> [String] {
        Array(path.split(separator: "/").dropLast().map { String($0.prefix { $0 != "~" }) })
    }

    /// Whether the question is typed in by the person entering the form.
    static func isShown(_ question: Question) -> Bool {
        switch question.type {
        case .calculate, .hidden, .metadata: false
        default: true
        }
    }

    /// A question as entered: its path (repeat instances numbered), its enclosing groups and repeat positions.
    typealias Entry = (path: String, question: Question, ancestors: [Group], scope: [RepeatPosition])

    /// The key under which a repeat's instance count is kept when the person entering chooses it.
    static func countKey(_ repeatPath: String) -> String { repeatPath + "~#" }

    /// Every question with its path, in document order, each repeat expanded into its instances given `texts`.
    func entries(_ texts: [String: String]) -> [Entry] {
        var entries: [Entry] = []
        func walk(_ elements: [SurveyElement], path: [String], ancestors: [Group], scope: [RepeatPosition]) {
            for element in elements {
                switch element {
                case .question(let question):
                    entries.append(((path + [question.name]).joined(separator: "/"), question, ancestors, scope))
                case .group(let group) where group.isRepeat:
                    let repeatPath = (path + [group.name]).joined(separator: "/")
                    for index in 0..<instanceCount(group, repeatPath: repeatPath, texts: texts, entries: entries, scope: scope) {
                        walk(group.children, path: path + ["\(group.name)~\(index + 1)"], ancestors: ancestors + [group],
                             scope: scope + [RepeatPosition(group: group.name, position: index + 1)])
                    }
                case .group(let group):
                    walk(group.children, path: path + [group.name], ancestors: ancestors + [group], scope: scope)
                }
            }
        }
        walk(instrument.elements, path: [], ancestors: [], scope: [])
        return entries
    }

    /// How many instances a repeat has: its `repeat_count` evaluated on the answers before it (at most 50), else the
    /// count the person entering chose, else one.
    private func instanceCount(_ group: Group, repeatPath: String, texts: [String: String], entries: [Entry], scope: [RepeatPosition]) -> Int {
        if let source = group.repeatCount, !source.trimmingCharacters(in: .whitespaces).isEmpty {
            let answers = self.answers(texts, entries: entries)
            guard let expression = try? ExpressionParser.parse(source) else { return 0 }
            let context = AnswersContext(answers: answers, scope: scope, formVersion: instrument.settings.version ?? "")
            let count = (try? ExpressionEvaluator(context: context).evaluateString(expression)).flatMap { Double($0) } ?? 0
            return count.isFinite ? min(50, max(0, Int(count))) : 0
        }
        return min(50, max(0, texts[Self.countKey(repeatPath)].flatMap { Int($0) } ?? 1))
    }

    /// The texts typed as the expression engine reads them: fields by name, repeat instances as nested levels.
    func answers(_ texts: [String: String]) -> Answers {
        answers(texts, entries: entries(texts))
    }

    private func answers(_ texts: [String: String], entries: [Entry]) -> Answers {
        var root = Answers()
        func set(_ value: AnswerValue, name: String, scope: ArraySlice<RepeatPosition>, in level: inout Answers) {
            guard let step = scope.first else {
                level[name] = value
                return
            }
            var instances = level.repeats[step.group] ?? []
            while instances.count < step.position { instances.append(Answers()) }
            set(value, name: name, scope: scope.dropFirst(), in: &instances[step.position - 1])
            level.repeats[step.group] = instances
        }
        for entry in entries {
            set(SubmissionDocument.typed(texts[entry.path] ?? "", of: entry.question, instrument: instrument).value, name: entry.question.name,
                scope: entry.scope[...], in: &root)
        }
        return root
    }

    private func holds(_ source: String?, _ answers: Answers, field: String? = nil, scope: [RepeatPosition] = []) -> Bool {
        guard let source, !source.trimmingCharacters(in: .whitespaces).isEmpty else { return true }
        guard let expression = try? ExpressionParser.parse(source) else { return true }
        let context = AnswersContext(answers: answers, scope: scope, field: field, formVersion: instrument.settings.version ?? "")
        return (try? ExpressionEvaluator(context: context).evaluateBoolean(expression)) ?? false
    }

    /// Whether a question (with its enclosing groups) is relevant given the answers.
    func isRelevant(_ entry: Entry, _ answers: Answers) -> Bool {
        entry.ancestors.allSatisfy { holds($0.relevant, answers, scope: entry.scope) } && holds(entry.question.relevant, answers, scope: entry.scope)
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

    /// The texts with every calculation evaluated in document order, and answers of questions no longer relevant
    /// (or of repeat instances no longer there) cleared.
    func settled(_ texts: [String: String]) -> [String: String] {
        var texts = texts
        for entry in entries(texts) {
            let answers = self.answers(texts)
            if !isRelevant(entry, answers) {
                texts[entry.path] = nil
                continue
            }
            guard entry.question.type == .calculate, let source = entry.question.calculation, let expression = try? ExpressionParser.parse(source) else { continue }
            let context = AnswersContext(answers: answers, scope: entry.scope, field: entry.question.name, formVersion: instrument.settings.version ?? "")
            texts[entry.path] = (try? ExpressionEvaluator(context: context).evaluateString(expression)) ?? ""
        }
        let paths = Set(entries(texts).map(\.path))
        for key in texts.keys where !paths.contains(key) && !key.hasSuffix("~#") && key.contains("~") { texts[key] = nil }
        return texts
    }

    /// The shown, relevant questions of page `index`, with their paths and groups, given the texts.
    func questions(onPage index: Int, _ texts: [String: String]) -> [Entry] {
        guard pages.indices.contains(index) else { return [] }
        let answers = self.answers(texts)
        return entries(texts).filter { entry in
            page(ofGroupPath: Self.groupPath(of: entry.path)) == index && Self.isShown(entry.question) && isRelevant(entry, answers)
        }
    }

    /// The relevant repeats without a `repeat_count` shown on page `index`, whose instances the person entering adds
    /// and removes: their paths (outside any other repeat) and groups.
    func openRepeats(onPage index: Int, _ texts: [String: String]) -> [(path: String, group: Group)] {
        guard pages.indices.contains(index) else { return [] }
        let answers = self.answers(texts)
        var found: [(path: String, group: Group)] = []
        func walk(_ elements: [SurveyElement], path: [String], ancestors: [Group]) {
            for case .group(let group) in elements {
                if group.isRepeat {
                    let relevant = (ancestors + [group]).allSatisfy { holds($0.relevant, answers) }
                    if relevant, group.repeatCount?.trimmingCharacters(in: .whitespaces).isEmpty ?? true, page(ofGroupPath: path + [group.name]) == index {
                        found.append(((path + [group.name]).joined(separator: "/"), group))
                    }
                } else {
                    walk(group.children, path: path + [group.name], ancestors: ancestors + [group])
                }
            }
        }
        walk(instrument.elements, path: [], ancestors: [])
        return found
    }

    /// What is wrong with the answers on page `index`: required questions left empty, answers that break their
    /// type or constraint, by path, in `language` (ISO code).
    func problems(onPage index: Int, _ texts: [String: String], language: String, requiredMessage: String) -> [String: String] {
        let answers = self.answers(texts)
        var problems: [String: String] = [:]
        for entry in questions(onPage: index, texts) where entry.question.type != .note {
            let (path, question) = (entry.path, entry.question)
            let text = texts[path] ?? ""
            if text.isEmpty {
                if isRequired(question, answers) {
                    problems[path] = question.requiredMessage.text(code: language, fallback: fallback) ?? requiredMessage
                }
                continue
            }
            if let problem = SubmissionDocument.typed(text, of: question, instrument: instrument).problem {
                problems[path] = problem
            } else if !holds(question.constraint, answers, field: question.name, scope: entry.scope) {
                problems[path] = question.constraintMessage.text(code: language, fallback: fallback) ?? question.constraint ?? ""
            }
        }
        return problems
    }

    var fallback: [String] { instrument.defaultLanguage.map { [$0.name] } ?? [] }

    /// The submission ODK Collect would send for these answers: every question's element in the form's
    /// structure (empty when unanswered), then `meta/instanceID`, written as supervisors' edits are.
    func xml(_ texts: [String: String], instanceID: String) -> Data {
        let paths = entries(texts).map(\.path)
        let answers = self.answers(texts)
        func elements(_ survey: [SurveyElement], path: [String], scope: [RepeatPosition]) -> [SubmissionXMLElement] {
            survey.flatMap { element -> [SubmissionXMLElement] in
                switch element {
                case .question(let question):
                    return [SubmissionXMLElement(name: question.name, text: texts[(path + [question.name]).joined(separator: "/")] ?? "")]
                case .group(let group) where group.isRepeat:
                    let prefix = (path + [group.name]).joined(separator: "/") + "~"
                    let count = Set(paths.filter { $0.hasPrefix(prefix) }.map { $0.dropFirst(prefix.count).prefix { $0 != "/" } }).count
                    guard count > 0, holds(group.relevant, answers, scope: scope) else { return [] }
                    return (1...count).map { position in
                        SubmissionXMLElement(name: group.name, children: elements(
                            group.children, path: path + ["\(group.name)~\(position)"], scope: scope + [RepeatPosition(group: group.name, position: position)]))
                    }
                case .group(let group):
                    return [SubmissionXMLElement(name: group.name, children: elements(group.children, path: path + [group.name], scope: scope))]
                }
            }
        }
        var attributes = ["id": instrument.settings.formID ?? ""]
        attributes["version"] = instrument.settings.version
        let meta = SubmissionXMLElement(name: "meta", children: [SubmissionXMLElement(name: "instanceID", text: instanceID)])
        let root = SubmissionXMLElement(name: instrument.settings.rootName ?? "data", attributes: attributes, children: elements(instrument.elements, path: [], scope: []) + [meta])
        return root.submissionData
    }
}

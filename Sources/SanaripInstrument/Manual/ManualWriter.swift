import SanaripCore

/// Writes an interviewer manual: each question with its wording, instruction, answer options,
/// who is asked (the relevance said in words) and what is checked, grouped by section.
///
/// The manual is one self-contained HTML page that prints well, for the field team's training seminar.
public struct ManualWriter: Sendable {
    public init() {}

    /// The manual in the language whose ISO code is `languageCode` (`ky`, `ru`, `en`).
    public func html(for instrument: Instrument, languageCode: String) -> String {
        var page = ManualPage(instrument: instrument, code: languageCode)
        return page.render()
    }
}

/// One manual being written.
struct ManualPage {
    let instrument: Instrument
    let strings: TrilingualStrings
    let language: String?
    let describer: ExpressionDescriber
    var number = 0
    var output = ""

    init(instrument: Instrument, code: String) {
        self.instrument = instrument
        strings = ManualStrings.strings(code: code)
        language = instrument.languages.first { $0.code == code }?.name
        describer = ExpressionDescriber(instrument: instrument, language: language, strings: strings)
    }

    func text(_ localized: LocalizedText) -> String? {
        localized.text(in: language, fallback: instrument.defaultLanguage.map { [$0.name] } ?? [])
    }

    static func escape(_ text: String) -> String { text.htmlEscaped }

    mutating func render() -> String {
        let title = Self.escape(instrument.settings.formTitle ?? instrument.settings.formID ?? "")
        output += """
            <!DOCTYPE html>
            <html lang="\(strings.code)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) — \(strings["manual"])</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2433}
            h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2.5rem;border-bottom:2px solid #2b6cb0;padding-bottom:.2rem}
            .meta{color:#555}.q{border:1px solid #d7dde8;border-radius:6px;padding:.7rem 1rem;margin:1rem 0;page-break-inside:avoid}
            .q h3{font-size:1.05rem;margin:.1rem 0 .4rem}.num{color:#2b6cb0;font-weight:700;margin-right:.4rem}
            .name{font-family:ui-monospace,monospace;font-size:.85rem;color:#555;background:#f1f4f9;padding:0 .3rem;border-radius:3px}
            .type{font-size:.85rem;color:#555}dl{margin:.3rem 0;display:grid;grid-template-columns:11rem 1fr;gap:.2rem .8rem}
            dt{font-weight:600;color:#444}dd{margin:0}ul.options{margin:.2rem 0;padding-left:1.2rem;columns:2}
            .code{font-family:ui-monospace,monospace;font-size:.8rem;color:#666}.section-note{background:#f7f9fc;padding:.4rem .8rem;border-left:3px solid #2b6cb0}
            @media print{body{margin:0}.q{border-color:#999}}
            </style>
            </head>
            <body>
            <h1>\(title)</h1>
            <p class="meta">\(strings["manual"]) · \(strings["version"]) \(Self.escape(instrument.settings.version ?? "—")) · \(Self.escape(language ?? strings.code))</p>

            """
        output += "<h2>\(strings["rules.title"])</h2>\n<ol>\n"
        for index in 1...5 { output += "<li>\(strings["rules.\(index)"])</li>\n" }
        output += "</ol>\n"
        writeContents()
        writeElements(instrument.elements, inherited: [], repeatDepth: 0)
        writeAutomatic()
        output += "</body>\n</html>\n"
        return output
    }

    mutating func writeContents() {
        let sections = instrument.sections
        guard !sections.isEmpty else { return }
        output += "<h2>\(strings["contents"])</h2>\n<ol>\n"
        for section in sections {
            output += "<li><a href=\"#\(Self.escape(section.name))\">\(Self.escape(text(section.label) ?? section.name))</a> (\(strings["questions"]): \(section.askedQuestionCount))</li>\n"
        }
        output += "</ol>\n"
    }

    mutating func writeElements(_ elements: [SurveyElement], inherited: [String], repeatDepth: Int) {
        for element in elements {
            switch element {
            case .group(let group):
                let isSection = instrument.sections.contains { $0.name == group.name && $0.row == group.row }
                if let label = text(group.label) {
                    let heading = isSection ? "h2" : "h3"
                    output += "<\(heading) id=\"\(Self.escape(group.name))\">\(Self.escape(label))</\(heading)>\n"
                }
                var notes: [String] = []
                if let relevant = group.relevant, !group.label.isEmpty {
                    notes.append("<strong>\(strings["asked"]):</strong> \(Self.escape(describer.describe(relevant)))")
                }
                if group.isRepeat {
                    var note = "<strong>\(strings["repeat"])</strong>"
                    if let count = group.repeatCount {
                        note += ". \(strings["times"]): \(Self.escape(describer.describe(count)))"
                    }
                    notes.append(note)
                }
                if let hint = text(group.hint) { notes.append(Self.escape(hint)) }
                if !notes.isEmpty { output += "<p class=\"section-note\">\(notes.joined(separator: "<br>"))</p>\n" }
                // A labelled group states its condition in its heading; an unlabelled one passes it to its questions.
                let passed = group.label.isEmpty ? (group.relevant.map { [$0] } ?? []) : []
                writeElements(
                    group.children, inherited: inherited + passed,
                    repeatDepth: repeatDepth + (group.isRepeat ? 1 : 0)
                )
            case .question(let question):
                guard !question.type.isSilent else { continue }
                writeQuestion(question, inherited: inherited)
            }
        }
    }

    mutating func writeQuestion(_ question: Question, inherited: [String]) {
        number += 1
        let wording = text(question.label) ?? ""
        output += "<div class=\"q\" id=\"q-\(Self.escape(question.name))\">\n"
        output += "<h3><span class=\"num\">\(number).</span>\(Self.escape(wording))</h3>\n"
        output += "<div><span class=\"name\">\(Self.escape(question.name))</span> <span class=\"type\">\(typeDescription(question))</span></div>\n<dl>\n"
        if let hint = text(question.hint) { output += "<dt>\(strings["hint"])</dt><dd>\(Self.escape(hint))</dd>\n" }
        if let guidance = text(question.guidanceHint) { output += "<dt>\(strings["guidance"])</dt><dd>\(Self.escape(guidance))</dd>\n" }
        if let options = optionsHTML(question) { output += "<dt>\(strings["options"])</dt><dd>\(options)</dd>\n" }
        let conditions = inherited + (question.relevant.map { [$0] } ?? [])
        let asked = conditions.isEmpty ? strings["everyone"] : conditions.map { describer.describe($0) }.joined(separator: "; ")
        output += "<dt>\(strings["asked"])</dt><dd>\(Self.escape(asked))</dd>\n"
        var checks: [String] = []
        if let required = question.required, required != "false()" {
            checks.append(required == "true()" ? strings["required"] : "\(strings["requiredWhen"]) \(describer.describe(required))")
        }
        if let constraint = question.constraint {
            var check = "\(strings["constraint"]): \(describer.describe(constraint))"
            if let message = text(question.constraintMessage) { check += " — \(strings["message"]): «\(message)»" }
            checks.append(check)
        }
        if !checks.isEmpty {
            output += "<dt>\(strings["checks"])</dt><dd>\(checks.map(Self.escape).joined(separator: "<br>"))</dd>\n"
        }
        if let source = question.extra.first(where: { $0.key.lowercased() == "source" })?.value {
            output += "<dt>\(strings["source"])</dt><dd>\(Self.escape(source))</dd>\n"
        }
        output += "</dl>\n</div>\n"
    }

    func typeDescription(_ question: Question) -> String {
        let key: String =
            switch question.type {
            case .integer: "type.integer"
            case .decimal: "type.decimal"
            case .range: "type.range"
            case .text: "type.text"
            case .selectOne, .selectOneFromFile: "type.selectOne"
            case .selectMultiple, .selectMultipleFromFile: "type.selectMultiple"
            case .rank: "type.rank"
            case .note: "type.note"
            case .acknowledge, .trigger: "type.acknowledge"
            case .date: "type.date"
            case .time: "type.time"
            case .dateTime: "type.dateTime"
            case .geopoint, .geotrace, .geoshape: "type.geo"
            case .barcode: "type.barcode"
            default: "type.media"
            }
        return strings[key]
    }

    func optionsHTML(_ question: Question) -> String? {
        if case .selectOneFromFile(let file) = question.type { return "<span class=\"code\">\(Self.escape(file))</span>" }
        if case .selectMultipleFromFile(let file) = question.type { return "<span class=\"code\">\(Self.escape(file))</span>" }
        guard let name = question.type.choiceList, let list = instrument.choiceList(named: name) else { return nil }
        let limit = 24
        var html = "<ul class=\"options\">"
        for choice in list.choices.prefix(limit) {
            html += "<li>\(Self.escape(text(choice.label) ?? choice.name)) <span class=\"code\">\(Self.escape(choice.name))</span></li>"
        }
        html += "</ul>"
        if list.choices.count > limit {
            html += "<p>… " + strings["moreOptions"].replacingOccurrences(of: "%d", with: String(list.choices.count - limit)) + "</p>"
        }
        if let filter = question.choiceFilter {
            html += "<p>\(strings["filtered"]): \(Self.escape(describer.describe(filter)))</p>"
        }
        return html
    }

    mutating func writeAutomatic() {
        let automatic = instrument.questions.filter(\.type.isSilent)
        guard !automatic.isEmpty else { return }
        output += "<h2>\(strings["automatic"])</h2>\n<ul>\n"
        for question in automatic {
            var line = "<span class=\"name\">\(Self.escape(question.name))</span>"
            if let label = text(question.label) { line += " " + Self.escape(label) }
            if let calculation = question.calculation {
                line += " — \(strings["computed"]): \(Self.escape(describer.describe(calculation)))"
            }
            output += "<li>\(line)</li>\n"
        }
        output += "</ul>\n"
    }
}

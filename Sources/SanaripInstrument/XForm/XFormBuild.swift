import SanaripCore

/// The state of writing one XForm: paths of elements, translations collected on the way, and the parts of the model.
struct XFormBuild {
    let instrument: Instrument
    let root: String
    let located: [LocatedElement]
    /// For each element of `located`, the index just past its last descendant.
    let subtreeEnds: [Int]
    let byName: [String: LocatedElement]
    /// Every question in document order.
    let questions: [Question]
    /// True when labels go through itext (several languages, media or guidance hints).
    let usesItext: Bool
    let languages: [String]
    /// Writes labels and hints with their `${name}` references.
    let markup: XFormMarkup
    var translations = XFormTranslations()
    /// Questions whose `trigger` is the key.
    var triggered: [String: [LocatedElement]] = [:]
    /// Expressions parsed so far, by text: forms repeat many (`true()`, a shared constraint).
    private var parsed: [String: WrittenExpression] = [:]

    static let namespaces: [(String, String)] = [
        ("xmlns", "http://www.w3.org/2002/xforms"),
        ("xmlns:ev", "http://www.w3.org/2001/xml-events"),
        ("xmlns:h", "http://www.w3.org/1999/xhtml"),
        ("xmlns:jr", "http://openrosa.org/javarosa"),
        ("xmlns:odk", "http://www.opendatakit.org/xforms"),
        ("xmlns:orx", "http://openrosa.org/xforms"),
        ("xmlns:xsd", "http://www.w3.org/2001/XMLSchema"),
    ]

    init(instrument: Instrument) {
        self.instrument = instrument
        root = instrument.settings.rootName ?? "data"
        located = instrument.walk()
        var subtreeEnds = Array(located.indices.map { $0 + 1 })
        var open: [Int] = []
        for (index, element) in located.enumerated() {
            while let last = open.last, located[last].path.count >= element.path.count {
                subtreeEnds[last] = index
                open.removeLast()
            }
            if case .group = element.element { open.append(index) }
        }
        for index in open { subtreeEnds[index] = located.count }
        self.subtreeEnds = subtreeEnds
        var byName: [String: LocatedElement] = [:]
        for element in located where byName[element.element.name] == nil { byName[element.element.name] = element }
        self.byName = byName
        markup = XFormMarkup(root: root, byName: byName)
        questions = located.compactMap { if case .question(let question) = $0.element { question } else { nil } }
        let names = instrument.languages.map(\.name)
        languages = names.isEmpty ? [Language.defaultName] : names
        let hasMedia = questions.contains { !$0.media.isEmpty || !$0.guidanceHint.isEmpty }
            || instrument.choiceLists.contains { $0.choices.contains { !$0.media.isEmpty } }
        // A choice label that shows an answer (`${name}`) needs itext for its `<output>`, in any form (as in pyxform).
        usesItext = hasMedia || names.contains { $0 != Language.defaultName } || instrument.choiceLists.contains(where: Self.requiresItext)
        for element in located {
            if case .question(let question) = element.element, let trigger = question.trigger {
                let name = String(trigger.dropFirst(2).dropLast())
                triggered[name, default: []].append(element)
            }
        }
    }

    // MARK: Paths

    /// The absolute path of an element (`/data/group/name`); audit metadata lives under `meta`.
    func path(of element: LocatedElement) -> String {
        Self.path(of: element, root: root)
    }

    static func path(of element: LocatedElement, root: String) -> String {
        if case .question(let question) = element.element, question.type == .metadata(.audit) {
            return "/\(root)/meta/\(question.name)"
        }
        return "/\(root)/" + element.path.joined(separator: "/")
    }

    /// Translates `text` to XPath for use at `element`, with `${name}` as absolute paths,
    /// or as `current()/..` paths inside predicates when both sit in the same repeat.
    mutating func xpath(_ text: String, at element: LocatedElement, asPredicate: Bool = false) throws(XFormWriterError) -> String {
        let expression: WrittenExpression
        if let known = parsed[text] {
            expression = known
        } else {
            do {
                expression = try WrittenExpression(text)
            } catch {
                throw XFormWriterError(element: element.path.joined(separator: "/"), expression: text, message: error.description)
            }
            parsed[text] = expression
        }
        return expression.xpath { name, inPredicate in
            guard let target = byName[name] else { return "${\(name)}" }
            if inPredicate || asPredicate, let relative = Self.relativePath(from: element.path, to: target) {
                return "current()/" + relative
            }
            return path(of: target)
        }
    }

    /// The path from the element at `here` to `target` when both are in the same repeat (`../age`), else nil.
    static func relativePath(from here: [String], to target: LocatedElement) -> String? {
        guard let repeatPath = target.enclosingRepeatPath, here.starts(with: repeatPath) else { return nil }
        var common = 0
        while common < min(here.count - 1, target.path.count), here[common] == target.path[common] { common += 1 }
        return (Array(repeating: "..", count: here.count - common) + target.path[common...]).joined(separator: "/")
    }

    /// The indexes in `located` of the children of the element at `index`, or of the top-level elements when nil.
    func children(of index: Int?) -> [Int] {
        var children: [Int] = []
        var child = index.map { $0 + 1 } ?? 0
        let end = index.map { subtreeEnds[$0] } ?? located.count
        while child < end {
            children.append(child)
            child = subtreeEnds[child]
        }
        return children
    }

    // MARK: Document

    /// A part of the document written on its own, with the translations it refers to.
    struct Part: Sendable {
        var output: XMLOutput
        var translations: XFormTranslations
    }

    /// The whole document as UTF-8.
    ///
    /// The body and the model's instances and binds do not depend on each other, so each is written by its own
    /// copy of the build at the same time, and their translations are joined in document order. Both come before
    /// the `<itext>` that holds those translations; its languages are written in two halves at the same time too.
    mutating func document() throws(XFormWriterError) -> [UInt8] {
        let (bodyPart, modelPart) = concurrently(
            { [self] in
                var build = self
                return build.bodyPart()
            },
            { [self] in
                var build = self
                return build.modelPart()
            }
        )
        let body = try bodyPart.get()
        let model = try modelPart.get()
        translations = body.translations
        translations.append(model.translations)

        var output = XMLOutput("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", capacity: 1 << 21)
        output.start("h:html")
        for (name, value) in Self.namespaces { output.attribute(name, value) }
        // The settings' `namespaces` (`ct="http://cybertracker.org/xforms"`), declared for `bind::ct:…` columns.
        for declaration in (instrument.settings.extra["namespaces"] ?? "").split(whereSeparator: \.isWhitespace) {
            let parts = declaration.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let prefix = String(parts[0])
            guard !Self.namespaces.contains(where: { $0.0 == "xmlns:" + prefix }) else { continue }
            output.attribute("xmlns:" + prefix, parts[1].filter { $0 != "\"" && $0 != "'" })
        }
        output.start("h:head")
        output.start("h:title")
        output.text(instrument.settings.formTitle ?? instrument.settings.formID ?? root)
        output.start("model")
        output.attribute("odk:xforms-version", "1.0.0")
        if usesItext {
            output.start("itext")
            let (translations, languages, markup) = (translations, languages, markup)
            let defaultLanguage = instrument.defaultLanguage?.name ?? languages[0]
            let half = (languages.count + 1) / 2
            let (first, second) = concurrently(
                { translations.write(languages: languages[..<half], defaultLanguage: defaultLanguage, markup: markup) },
                { translations.write(languages: languages[half...], defaultLanguage: defaultLanguage, markup: markup) }
            )
            output.append(first)
            output.append(second)
            output.end()
        }
        output.append(model.output)
        if instrument.settings.publicKey != nil || instrument.settings.submissionURL != nil {
            output.start("submission")
            output.attribute("action", instrument.settings.submissionURL)
            output.attribute("base64RsaPublicKey", instrument.settings.publicKey)
            output.attribute("method", "post")
            output.end()
        }
        output.end()
        output.end()
        output.append(body.output)
        output.end()
        return output.bytes
    }

    /// The body, with the translations of its labels and hints.
    private mutating func bodyPart() -> Result<Part, XFormWriterError> {
        var body = XMLOutput(depth: 1, capacity: 1 << 19)
        do {
            try writeBody(into: &body)
        } catch {
            return .failure(error)
        }
        return .success(Part(output: body, translations: translations))
    }

    /// The model's instances, binds and setvalues, with the translations of choices and messages.
    private mutating func modelPart() -> Result<Part, XFormWriterError> {
        var model = XMLOutput(depth: 3, capacity: 1 << 20)
        model.start("instance")
        writePrimaryInstance(into: &model)
        model.end()
        writeSecondaryInstances(into: &model)
        do {
            try writeBinds(into: &model)
            try writeModelSetvalues(into: &model)
        } catch {
            return .failure(error)
        }
        return .success(Part(output: model, translations: translations))
    }

    // MARK: Instances

    func writePrimaryInstance(into output: inout XMLOutput) {
        output.start(root)
        output.attribute("id", instrument.settings.formID ?? root)
        output.attribute("version", instrument.settings.version)
        // SMS settings, written as pyxform writes them.
        output.attribute("odk:prefix", instrument.settings.extra["prefix"])
        output.attribute("odk:delimiter", instrument.settings.extra["delimiter"])
        // As pyxform: a top-level repeat gets a template and one copy; inside a template, nested
        // repeats appear as templates only, and inside the copy as plain nodes only.
        enum Mode { case normal, template, copy }
        func write(_ elements: [SurveyElement], mode: Mode) {
            for element in elements {
                switch element {
                case .question(let question):
                    if question.type == .metadata(.audit) { continue }
                    output.start(question.name)
                    // `instance::NAME` columns become attributes of the question's node, as in pyxform.
                    for key in question.extra.keys.sorted() where key.lowercased().hasPrefix("instance::") {
                        output.attribute(String(key.dropFirst("instance::".count)), question.extra[key])
                    }
                    output.text(question.defaultValue.flatMap { XLSFormParser.isDynamicDefault($0) ? nil : $0 })
                case .group(let group):
                    guard group.isRepeat else {
                        output.start(group.name)
                        write(group.children, mode: mode)
                        output.end()
                        continue
                    }
                    if let count = group.repeatCount, !Self.isSingleReference(count) {
                        output.start(group.name + "_count")
                        output.end()
                    }
                    if mode != .copy {
                        output.start(group.name)
                        output.attribute("jr:template", "")
                        write(group.children, mode: .template)
                        output.end()
                    }
                    if mode != .template {
                        output.start(group.name)
                        write(group.children, mode: .copy)
                        output.end()
                    }
                }
            }
        }
        write(instrument.elements, mode: .normal)
        output.start("meta")
        // As pyxform: the form's own meta fields (audit) first, then instanceID and instanceName.
        for question in questions where question.type == .metadata(.audit) {
            output.start(question.name)
            output.end()
        }
        output.start("instanceID")
        output.end()
        if instrument.settings.instanceName != nil {
            output.start("instanceName")
            output.end()
        }
        output.end()
        output.end()
    }

    /// Every choice list (as pyxform, also those no question uses), and the files that `*_from_file` questions name.
    mutating func writeSecondaryInstances(into output: inout XMLOutput) {
        // Lists of `search()` selects are written as items in the body instead.
        var written = Set(questions.filter(Self.usesSearch).compactMap(\.type.choiceList))
        for list in instrument.choiceLists where !written.contains(list.name) {
            written.insert(list.name)
            writeChoiceInstance(list, into: &output)
        }
        for question in questions {
            switch question.type {
            case .selectOneFromFile(let file), .selectMultipleFromFile(let file):
                let id = Self.instanceID(forFile: file)
                guard !written.contains(id) else { continue }
                written.insert(id)
                let scheme = file.lowercased().hasSuffix(".csv") ? "jr://file-csv/" : "jr://file/"
                output.start("instance")
                output.attribute("id", id)
                output.attribute("src", scheme + file)
                output.end()
            default:
                continue
            }
        }
        // As pyxform: each CSV file that `pulldata('file', …)` reads becomes an external instance.
        for question in questions {
            let expressions = [
                question.calculation, question.constraint, question.readOnly, question.required, question.relevant,
                question.choiceFilter, question.defaultValue,
            ]
            for file in expressions.compactMap({ $0 }).flatMap(Self.pulldataFiles) where !written.contains(file) {
                written.insert(file)
                output.start("instance")
                output.attribute("id", file)
                output.attribute("src", "jr://file-csv/\(file).csv")
                output.end()
            }
        }
    }

    /// The first arguments of the `pulldata(…)` calls in `text`, without quotes (pyxform's reading of them).
    static func pulldataFiles(in text: String) -> [String] {
        var files: [String] = []
        var rest = Substring(text)
        while let call = rest.firstRange(of: "pulldata") {
            rest = rest[call.upperBound...].drop(while: \.isWhitespace)
            guard rest.first == "(", let comma = rest.firstIndex(of: ",") else { continue }
            let argument = rest[rest.index(after: rest.startIndex)..<comma].filter { $0 != "'" && $0 != "\"" }
            files.append(argument.trimmingSpaces())
            rest = rest[comma...]
        }
        return files
    }

    /// Whether a list's labels go through itext in a translated form: as pyxform decides it, when a choice has media,
    /// a label in a named language or a `${…}` in its label; otherwise the labels are written in the items.
    static func requiresItext(_ list: ChoiceList) -> Bool {
        list.choices.contains { choice in
            !choice.media.isEmpty || choice.label.values.contains { $0.key != Language.defaultName || $0.value.contains("${") }
        }
    }

    static func instanceID(forFile file: String) -> String {
        guard let dot = file.lastIndex(of: ".") else { return file }
        return String(file[..<dot])
    }

    private mutating func writeChoiceInstance(_ list: ChoiceList, into output: inout XMLOutput) {
        output.start("instance")
        output.attribute("id", list.name)
        output.start("root")
        let extras = list.extraColumns.filter(isValidXMLName)
        let itext = usesItext && Self.requiresItext(list)
        for (index, choice) in list.choices.enumerated() {
            output.start("item")
            if itext {
                let id = "\(list.name)-\(index)"
                translations.add(id: id, text: choice.label, media: choice.media)
                output.start("itextId")
                output.text(id)
            } else if let label = choice.label.text(in: Language.defaultName) {
                output.start("label")
                output.text(label)
            }
            output.start("name")
            output.text(choice.name)
            // As pyxform: a choice's empty extra cells are left out.
            for column in extras {
                guard let value = choice.extra[column], !value.isEmpty else { continue }
                output.start(column)
                output.text(value)
            }
            output.end()
        }
        output.end()
        output.end()
    }
}

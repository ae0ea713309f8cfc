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
    /// Writes labels and hints with their `${name}` references.
    let markup: XFormMarkup
    var translations: XFormTranslations
    /// Questions whose `trigger` is the key.
    var triggered: [String: [LocatedElement]] = [:]
    /// Expressions parsed so far, by text: forms repeat many (`true()`, a shared constraint).
    private var parsed: [String: WrittenExpression] = [:]

    /// The namespace of `entities:saveto` and the model's `entities:entities-version`.
    static let entitiesNamespace = "http://www.opendatakit.org/xforms/entities"
    /// The attributes an updated entity carries to detect conflicting edits, each with the entity list's field it is
    /// filled from.
    static let entityVersionAttributes = [("baseVersion", "__version"), ("trunkVersion", "__trunkVersion"), ("branchId", "__branchId")]

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
        translations = XFormTranslations(unnamedLanguage: instrument.settings.defaultLanguage ?? Language.defaultName)
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

    /// Translates `text` to XPath for use at `element`, each `${name}` written as pyxform writes it: relative
    /// (`../age`) when the two share a repeat, else absolute (see `XFormBuild+References.swift`); `toRepeat` for
    /// `select_one ${name}`.
    mutating func xpath(
        _ text: String, at element: LocatedElement, asPredicate: Bool = false, toRepeat: Bool = false
    ) throws(XFormWriterError) -> String {
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
        return expression.xpath { reference in
            referencePath(reference.name, from: element, in: text, at: reference.range,
                          current: asPredicate || reference.inPredicate, toRepeat: toRepeat) ?? "${\(reference.name)}"
        }
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
        if !instrument.entities.isEmpty { output.attribute("xmlns:entities", Self.entitiesNamespace) }
        output.start("h:head")
        output.start("h:title")
        output.text(instrument.settings.formTitle ?? instrument.settings.formID ?? root)
        output.start("model")
        output.attribute("odk:xforms-version", "1.0.0")
        if !instrument.entities.isEmpty { output.attribute("entities:entities-version", EntityDeclaration.specVersion) }
        // As pyxform: itext holds the texts that need it, in every language any of them has ("-" where missing).
        let languages = translations.languages(in: instrument.languages.map(\.name))
        if !languages.isEmpty {
            output.start("itext")
            let (translations, markup) = (translations, markup)
            let defaultLanguage = languages.first { $0 == instrument.settings.defaultLanguage } ?? languages[0]
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
        // As pyxform (`Section.xml_instance`): a repeat gets a template and one copy; inside the copy, nested
        // repeats appear as plain nodes only; inside a template, a repeat right under it as a template only, but
        // a group there is written as outside any repeat (its repeats get a template and a copy again).
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
                        write(group.children, mode: mode == .template ? .normal : mode)
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
        // As pyxform: the entity before instanceID, its attributes filled by binds.
        for entity in instrument.entities {
            output.start("entity")
            output.attribute("dataset", entity.dataset)
            if entity.mayCreate { output.attribute("create", "1") }
            if entity.mayUpdate {
                output.attribute("update", "1")
                for (name, _) in Self.entityVersionAttributes { output.attribute(name, "") }
            }
            output.attribute("id", "")
            if entity.label != nil {
                output.start("label")
                output.end()
            }
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

    /// The files that `*_from_file` questions name and that `pulldata(…)` reads, in question order, the last saved
    /// form when an expression reads it (`${last-saved#name}`), then every choice list (as pyxform, also those no question uses) whose name no file took: on a clash pyxform keeps the
    /// file. Lists of `search()` selects are written as items in the body instead.
    mutating func writeSecondaryInstances(into output: inout XMLOutput) {
        var written = Set<String>()
        for file in Self.fileInstances(of: instrument, questions: questions) {
            written.insert(file.id)
            output.start("instance")
            output.attribute("id", file.id)
            output.attribute("src", file.source)
            output.end()
        }
        // As pyxform: after every file, when a default, choice filter or bind expression reads the last saved form.
        if questions.contains(where: { Self.expressions(of: $0).contains(where: LastSavedReference.isUsed) }),
           written.insert(LastSavedReference.instanceID).inserted {
            output.start("instance")
            output.attribute("id", LastSavedReference.instanceID)
            output.attribute("src", LastSavedReference.source)
            output.end()
        }
        written.formUnion(questions.filter(Self.usesSearch).compactMap(\.type.choiceList))
        for list in instrument.choiceLists where !written.contains(list.name) {
            written.insert(list.name)
            writeChoiceInstance(list, into: &output)
        }
    }

    /// The secondary instances the form reads from attached files, in document order as pyxform writes them, each
    /// id once: the files `pulldata(…)` reads and those of selects from files, question by question, with the
    /// `xml-external` and `csv-external` rows among them at their rows.
    static func fileInstances(of instrument: Instrument, questions: [Question]) -> [(id: String, source: String)] {
        var files: [(id: String, source: String)] = []
        var seen = Set<String>()
        func add(id: String, source: String) {
            if seen.insert(id).inserted { files.append((id, source)) }
        }
        var externals = instrument.externalInstances[...]
        for question in questions {
            if let row = question.row {
                while let next = externals.first, (next.row ?? .max) < row {
                    add(id: next.name, source: next.source)
                    externals.removeFirst()
                }
            }
            for file in expressions(of: question).flatMap(Self.pulldataFiles) {
                add(id: file, source: "jr://file-csv/\(file).csv")
            }
            switch question.type {
            case .selectOneFromFile(let file), .selectMultipleFromFile(let file):
                let scheme = file.lowercased().hasSuffix(".csv") ? "jr://file-csv/" : "jr://file/"
                add(id: Self.instanceID(forFile: file), source: scheme + file)
            default:
                continue
            }
        }
        for instance in externals { add(id: instance.name, source: instance.source) }
        return files
    }

    /// The expressions of `question` that pyxform searches for `pulldata(…)` and `${last-saved#…}`: its bind
    /// expressions, choice filter and default.
    static func expressions(of question: Question) -> [String] {
        [question.calculation, question.constraint, question.readOnly, question.required, question.relevant,
         question.choiceFilter, question.defaultValue].compactMap { $0 }
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

    /// Whether a list's labels go through itext: as pyxform decides it, when a choice has media, a translated
    /// label or a `${…}` in its label; otherwise the labels are written in the items.
    static func requiresItext(_ list: ChoiceList) -> Bool {
        list.choices.contains { choice in
            !choice.media.isEmpty || !choice.label.isUntranslated || choice.label.values.contains { $0.value.contains("${") }
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
        let itext = Self.requiresItext(list)
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

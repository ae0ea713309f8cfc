import SanaripCore

/// The state of writing one XForm: paths of elements, translations collected on the way, and the parts of the model.
struct XFormBuild {
    let instrument: Instrument
    let root: String
    let located: [LocatedElement]
    let byName: [String: LocatedElement]
    /// Every question in document order.
    let questions: [Question]
    /// True when labels go through itext (several languages, media or guidance hints).
    let usesItext: Bool
    let languages: [String]
    var translations = XFormTranslations()
    /// Questions whose `trigger` is the key.
    var triggered: [String: [LocatedElement]] = [:]

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
        var byName: [String: LocatedElement] = [:]
        for element in located where byName[element.element.name] == nil { byName[element.element.name] = element }
        self.byName = byName
        questions = located.compactMap { if case .question(let question) = $0.element { question } else { nil } }
        let names = instrument.languages.map(\.name)
        languages = names.isEmpty ? [Language.defaultName] : names
        let hasMedia = questions.contains { !$0.media.isEmpty || !$0.guidanceHint.isEmpty }
            || instrument.choiceLists.contains { $0.choices.contains { !$0.media.isEmpty } }
        usesItext = hasMedia || names.contains { $0 != Language.defaultName }
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
        if case .question(let question) = element.element, question.type == .metadata(.audit) {
            return "/\(root)/meta/\(question.name)"
        }
        return "/\(root)/" + element.path.joined(separator: "/")
    }

    /// Translates `text` to XPath for use at `element`, with `${name}` as absolute paths,
    /// or as `current()/..` paths inside predicates when both sit in the same repeat.
    func xpath(_ text: String, at element: LocatedElement, asPredicate: Bool = false) throws(XFormWriterError) -> String {
        let expression: Expression
        do {
            expression = try ExpressionParser.parse(text)
        } catch {
            throw XFormWriterError(element: element.path.joined(separator: "/"), expression: text, message: error.description)
        }
        return expression.xpath { name, inPredicate in
            guard let target = byName[name] else { return "${\(name)}" }
            if inPredicate || asPredicate, let repeatPath = target.enclosingRepeatPath, element.path.starts(with: repeatPath) {
                let here = element.path
                var common = 0
                while common < min(here.count - 1, target.path.count), here[common] == target.path[common] { common += 1 }
                let ups = Array(repeating: "..", count: here.count - common)
                return "current()/" + (ups + target.path[common...]).joined(separator: "/")
            }
            return path(of: target)
        }
    }

    // MARK: Document

    mutating func document() throws(XFormWriterError) -> XMLNode {
        var html = XMLNode("h:html", Self.namespaces)
        var head = XMLNode("h:head")
        head.append(XMLNode("h:title", text: instrument.settings.formTitle ?? instrument.settings.formID ?? root))
        var model = XMLNode("model", [("odk:xforms-version", "1.0.0")])
        let body = try self.body()
        let primary = primaryInstance()
        let secondary = secondaryInstances()
        let binds = try self.binds()
        let setvalues = try modelSetvalues()
        if usesItext {
            model.append(translations.itext(languages: languages, defaultLanguage: instrument.defaultLanguage?.name ?? languages[0], markup: markup))
        }
        model.append(XMLNode("instance", children: [primary]))
        for instance in secondary { model.append(instance) }
        for bind in binds { model.append(bind) }
        for setvalue in setvalues { model.append(setvalue) }
        if instrument.settings.publicKey != nil || instrument.settings.submissionURL != nil {
            var submission = XMLNode("submission")
            submission.set("action", instrument.settings.submissionURL)
            submission.set("base64RsaPublicKey", instrument.settings.publicKey)
            submission.set("method", "post")
            model.append(submission)
        }
        head.append(model)
        html.append(head)
        html.append(body)
        return html
    }

    // MARK: Instances

    func primaryInstance() -> XMLNode {
        var data = XMLNode(root, [("id", instrument.settings.formID ?? root)])
        data.set("version", instrument.settings.version)
        // As pyxform: a top-level repeat gets a template and one copy; inside a template, nested
        // repeats appear as templates only, and inside the copy as plain nodes only.
        enum Mode { case normal, template, copy }
        func nodes(_ elements: [SurveyElement], mode: Mode) -> [XMLNode] {
            var result: [XMLNode] = []
            for element in elements {
                switch element {
                case .question(let question):
                    if question.type == .metadata(.audit) { continue }
                    let value = question.defaultValue.flatMap { XLSFormParser.isDynamicDefault($0) ? nil : $0 }
                    result.append(XMLNode(question.name, text: value))
                case .group(let group):
                    guard group.isRepeat else {
                        result.append(XMLNode(group.name, children: nodes(group.children, mode: mode)))
                        continue
                    }
                    if let count = group.repeatCount, !Self.isSingleReference(count) {
                        result.append(XMLNode(group.name + "_count"))
                    }
                    if mode != .copy {
                        result.append(XMLNode(group.name, [("jr:template", "")], children: nodes(group.children, mode: .template)))
                    }
                    if mode != .template {
                        result.append(XMLNode(group.name, children: nodes(group.children, mode: .copy)))
                    }
                }
            }
            return result
        }
        for node in nodes(instrument.elements, mode: .normal) { data.append(node) }
        var meta = XMLNode("meta", children: [XMLNode("instanceID")])
        if instrument.settings.instanceName != nil { meta.append(XMLNode("instanceName")) }
        for question in questions where question.type == .metadata(.audit) {
            meta.append(XMLNode(question.name))
        }
        data.append(meta)
        return data
    }

    /// Choice lists used by a select or rank, and the files that `*_from_file` questions name.
    mutating func secondaryInstances() -> [XMLNode] {
        var instances: [XMLNode] = []
        var written: Set<String> = []
        for question in questions {
            switch question.type {
            case .selectOne(let name), .selectMultiple(let name), .rank(let name):
                guard !written.contains(name), let list = instrument.choiceList(named: name) else { continue }
                written.insert(name)
                instances.append(choiceInstance(list))
            case .selectOneFromFile(let file), .selectMultipleFromFile(let file):
                let id = Self.instanceID(forFile: file)
                guard !written.contains(id) else { continue }
                written.insert(id)
                let scheme = file.lowercased().hasSuffix(".csv") ? "jr://file-csv/" : "jr://file/"
                instances.append(XMLNode("instance", [("id", id), ("src", scheme + file)]))
            default:
                continue
            }
        }
        return instances
    }

    static func instanceID(forFile file: String) -> String {
        guard let dot = file.lastIndex(of: ".") else { return file }
        return String(file[..<dot])
    }

    private mutating func choiceInstance(_ list: ChoiceList) -> XMLNode {
        var rootNode = XMLNode("root")
        let extras = list.extraColumns.filter(isValidXMLName)
        for (index, choice) in list.choices.enumerated() {
            var item = XMLNode("item")
            if usesItext {
                let id = "\(list.name)-\(index)"
                translations.add(id: id, text: choice.label, media: choice.media)
                item.append(XMLNode("itextId", text: id))
            } else {
                item.append(XMLNode("label", text: choice.label.text(in: Language.defaultName) ?? choice.name))
            }
            item.append(XMLNode("name", text: choice.name))
            for column in extras {
                item.append(XMLNode(column, text: choice.extra[column]))
            }
            rootNode.append(item)
        }
        return XMLNode("instance", [("id", list.name)], children: [rootNode])
    }
}

extension XFormBuild {
    /// A label or hint as XForm content: the text escaped, with each `${name}` as an `<output/>` of that field.
    func markup(_ text: String) -> String {
        if !text.utf8.contains(UInt8(ascii: "$")) { return XMLNode.escape(text, attribute: false) }
        var result = ""
        for segment in TextReferences.segments(of: text) {
            switch segment {
            case .text(let text), .unclosed(let text):
                result += XMLNode.escape(String(text), attribute: false)
            case .reference(let name):
                if let target = byName[name] {
                    result += "<output value=\" " + XMLNode.escape(path(of: target), attribute: true) + " \"/>"
                } else {
                    result += XMLNode.escape("${" + name + "}", attribute: false)
                }
            }
        }
        return result
    }

}

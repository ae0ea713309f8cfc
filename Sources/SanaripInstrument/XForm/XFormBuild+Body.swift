import SanaripCore

extension XFormBuild {
    mutating func body() throws(XFormWriterError) -> XMLNode {
        var body = XMLNode("h:body")
        body.set("class", instrument.settings.style)
        let topLevel = located.filter { $0.path.count == 1 }
        for element in topLevel {
            if let control = try control(for: element) { body.append(control) }
        }
        return body
    }

    private func children(of element: LocatedElement) -> [LocatedElement] {
        located.filter { $0.path.count == element.path.count + 1 && $0.path.starts(with: element.path) }
    }

    private mutating func control(for element: LocatedElement) throws(XFormWriterError) -> XMLNode? {
        let ref = path(of: element)
        switch element.element {
        case .group(let group):
            var node = XMLNode("group", [("ref", ref)])
            if !group.isRepeat { node.set("appearance", group.appearance) }
            for key in group.bodyAttributes.keys.sorted() where !group.isRepeat { node.set(key, group.bodyAttributes[key]) }
            if let label = label(group.label, id: ref + ":label") { node.append(label) }
            var container = node
            if group.isRepeat {
                container = XMLNode("repeat", [("nodeset", ref)])
                if let count = group.repeatCount {
                    container.set("jr:count", Self.isSingleReference(count) ? try xpath(count, at: element) : ref + "_count")
                }
                container.set("appearance", group.appearance)
                for key in group.bodyAttributes.keys.sorted() { container.set(key, group.bodyAttributes[key]) }
                for child in located where child.path.starts(with: element.path) && child.enclosingRepeatPath == element.path {
                    guard case .question(let question) = child.element, let value = question.defaultValue,
                        XLSFormParser.isDynamicDefault(value)
                    else { continue }
                    container.append(XMLNode("setvalue", [("event", "odk-instance-first-load odk-new-repeat"), ("ref", path(of: child)), ("value", try xpath(value, at: child))]))
                }
            }
            for child in children(of: element) {
                if let control = try control(for: child) { container.append(control) }
            }
            if group.isRepeat {
                node.append(container)
                return node
            }
            return container
        case .question(let question):
            return try questionControl(question, element: element, ref: ref)
        }
    }

    private mutating func questionControl(_ question: Question, element: LocatedElement, ref: String) throws(XFormWriterError) -> XMLNode? {
        var node: XMLNode
        switch question.type {
        case .calculate, .hidden, .metadata:
            return nil
        case .selectOne, .selectOneFromFile: node = XMLNode("select1", [("ref", ref)])
        case .selectMultiple, .selectMultipleFromFile: node = XMLNode("select", [("ref", ref)])
        case .rank: node = XMLNode("odk:rank", [("ref", ref)])
        case .acknowledge: node = XMLNode("trigger", [("ref", ref)])
        case .range:
            node = XMLNode("range", [("ref", ref)])
            node.set("start", question.parameter("start") ?? "1")
            node.set("end", question.parameter("end") ?? "10")
            node.set("step", question.parameter("step") ?? "1")
        case .image, .audio, .video, .file:
            let mediatype = switch question.type { case .image: "image/*"; case .audio: "audio/*"; case .video: "video/*"; default: "application/*" }
            node = XMLNode("upload", [("ref", ref), ("mediatype", mediatype)])
        default:
            node = XMLNode("input", [("ref", ref)])
        }
        node.set("appearance", question.appearance)
        for (key, value) in question.parameters {
            switch key.lowercased() {
            case "rows": node.set("rows", value)
            case "capture-accuracy": node.set("accuracyThreshold", value)
            case "warning-accuracy": node.set("unacceptableAccuracyThreshold", value)
            case "app": node.set("intent", value)
            default: break
            }
        }
        for key in question.bodyAttributes.keys.sorted() { node.set(key, question.bodyAttributes[key]) }
        if let label = label(question.label, id: ref + ":label", media: question.media) { node.append(label) }
        if let hint = hint(question, id: ref + ":hint") { node.append(hint) }
        if question.type.isSelect { node.append(try itemset(for: question, element: element)) }
        for target in triggered[question.name] ?? [] {
            var setvalue = XMLNode("setvalue", [("event", "xforms-value-changed"), ("ref", path(of: target))])
            if case .question(let targetQuestion) = target.element, let calculation = targetQuestion.calculation {
                setvalue.set("value", try xpath(calculation, at: target))
            }
            node.append(setvalue)
        }
        return node
    }

    private mutating func label(_ text: LocalizedText, id: String, media: [String: LocalizedText] = [:]) -> XMLNode? {
        guard !text.isEmpty || !media.isEmpty else { return nil }
        if usesItext {
            translations.add(id: id, text: text, media: media)
            return XMLNode("label", [("ref", "jr:itext('\(id)')")])
        }
        var node = XMLNode("label")
        node.markup = markup(text.text(in: Language.defaultName) ?? "")
        return node
    }

    private mutating func hint(_ question: Question, id: String) -> XMLNode? {
        guard !question.hint.isEmpty || !question.guidanceHint.isEmpty else { return nil }
        if usesItext {
            translations.add(id: id, text: question.hint, guidance: question.guidanceHint)
            return XMLNode("hint", [("ref", "jr:itext('\(id)')")])
        }
        var node = XMLNode("hint")
        node.markup = markup(question.hint.text(in: Language.defaultName) ?? "")
        return node
    }

    private func itemset(for question: Question, element: LocatedElement) throws(XFormWriterError) -> XMLNode {
        let id: String
        var valueRef = "name"
        var labelRef = usesItext ? "jr:itext(itextId)" : "label"
        switch question.type {
        case .selectOneFromFile(let file), .selectMultipleFromFile(let file):
            id = Self.instanceID(forFile: file)
            valueRef = question.parameter("value") ?? "name"
            labelRef = question.parameter("label") ?? "label"
        default:
            id = question.type.choiceList ?? ""
        }
        var nodeset = "instance('\(id)')/root/item"
        if let filter = question.choiceFilter {
            nodeset += "[" + (try xpath(filter, at: element, asPredicate: true)) + "]"
        }
        if question.parameter("randomize")?.lowercased() == "true" {
            if let seed = question.parameter("seed") {
                let seedPath = Self.isSingleReference(seed) ? try xpath(seed, at: element) : seed
                nodeset = "randomize(\(nodeset), \(seedPath))"
            } else {
                nodeset = "randomize(\(nodeset))"
            }
        }
        return XMLNode("itemset", [("nodeset", nodeset)], children: [
            XMLNode("value", [("ref", valueRef)]),
            XMLNode("label", [("ref", labelRef)]),
        ])
    }
}

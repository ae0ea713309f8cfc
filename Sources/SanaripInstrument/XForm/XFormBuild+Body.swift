import SanaripCore

extension XFormBuild {
    mutating func writeBody(into output: inout XMLOutput) throws(XFormWriterError) {
        output.start("h:body")
        output.attribute("class", instrument.settings.style)
        for index in children(of: nil) { try writeControl(for: index, into: &output) }
        output.end()
    }

    private mutating func writeControl(for index: Int, into output: inout XMLOutput) throws(XFormWriterError) {
        let element = located[index]
        let ref = path(of: element)
        switch element.element {
        case .group(let group):
            output.start("group")
            output.attribute("ref", ref)
            if !group.isRepeat {
                // A repeat_count on a plain group means nothing; it is kept where pyxform puts it.
                if let count = group.repeatCount { output.attribute("jr:count", try xpath(count, at: element)) }
                output.attribute("appearance", group.appearance)
                for key in group.bodyAttributes.keys.sorted() { output.attribute(key, group.bodyAttributes[key]) }
            }
            writeLabel(group.label, id: ref + ":label", into: &output)
            if group.isRepeat {
                output.start("repeat")
                output.attribute("nodeset", ref)
                if let count = group.repeatCount {
                    output.attribute("jr:count", Self.isSingleReference(count) ? try xpath(count, at: element) : ref + "_count")
                }
                output.attribute("appearance", group.appearance)
                for key in group.bodyAttributes.keys.sorted() { output.attribute(key, group.bodyAttributes[key]) }
                for child in located[(index + 1)..<subtreeEnds[index]] where child.enclosingRepeatPath == element.path {
                    guard case .question(let question) = child.element, let value = question.defaultValue,
                        XLSFormParser.isDynamicDefault(value)
                    else { continue }
                    output.start("setvalue")
                    output.attribute("event", "odk-instance-first-load odk-new-repeat")
                    output.attribute("ref", path(of: child))
                    output.attribute("value", try xpath(value, at: child))
                    output.end()
                }
            }
            for child in children(of: index) { try writeControl(for: child, into: &output) }
            if group.isRepeat { output.end() }
            output.end()
        case .question(let question):
            try writeQuestionControl(question, element: element, ref: ref, into: &output)
        }
    }

    private mutating func writeQuestionControl(
        _ question: Question, element: LocatedElement, ref: String, into output: inout XMLOutput
    ) throws(XFormWriterError) {
        switch question.type {
        case .calculate, .hidden, .metadata:
            return
        case .selectOne, .selectOneFromFile: output.start("select1")
        case .selectMultiple, .selectMultipleFromFile: output.start("select")
        case .rank: output.start("odk:rank")
        case .acknowledge: output.start("trigger")
        case .range: output.start("range")
        case .image, .audio, .video, .file: output.start("upload")
        default: output.start("input")
        }
        output.attribute("ref", ref)
        switch question.type {
        case .range:
            output.attribute("start", question.parameter("start") ?? "1")
            output.attribute("end", question.parameter("end") ?? "10")
            output.attribute("step", question.parameter("step") ?? "1")
        case .image, .audio, .video, .file:
            let mediatype = switch question.type { case .image: "image/*"; case .audio: "audio/*"; case .video: "video/*"; default: "application/*" }
            output.attribute("mediatype", mediatype)
        case .selectOneExternal(let list):
            var query = "instance('\(list)')/root/item"
            if let filter = question.choiceFilter { query += "[" + (try xpath(filter, at: element, asPredicate: true)) + "]" }
            output.attribute("query", query)
        default:
            break
        }
        output.attribute("appearance", question.appearance)
        for (key, value) in question.parameters {
            switch key.lowercased() {
            case "rows": output.attribute("rows", value)
            case "capture-accuracy": output.attribute("accuracyThreshold", value)
            case "warning-accuracy": output.attribute("unacceptableAccuracyThreshold", value)
            case "app": output.attribute("intent", value)
            default: break
            }
        }
        for key in question.bodyAttributes.keys.sorted() { output.attribute(key, question.bodyAttributes[key]) }
        writeLabel(question.label, id: ref + ":label", media: question.media, into: &output)
        writeHint(question, id: ref + ":hint", into: &output)
        if question.type.isSelect { try writeItemset(for: question, element: element, into: &output) }
        for target in triggered[question.name] ?? [] {
            output.start("setvalue")
            output.attribute("event", "xforms-value-changed")
            output.attribute("ref", path(of: target))
            if case .question(let targetQuestion) = target.element, let calculation = targetQuestion.calculation {
                output.attribute("value", try xpath(calculation, at: target))
            }
            output.end()
        }
        output.end()
    }

    private mutating func writeLabel(
        _ text: LocalizedText, id: String, media: [String: LocalizedText] = [:], into output: inout XMLOutput
    ) {
        guard !text.isEmpty || !media.isEmpty else { return }
        output.start("label")
        if usesItext {
            translations.add(id: id, text: text, media: media)
            output.attribute("ref", "jr:itext('\(id)')")
            output.end()
        } else {
            let markup = markup
            output.content { markup.write(text.text(in: Language.defaultName) ?? "", id: id, into: &$0) }
        }
    }

    private mutating func writeHint(_ question: Question, id: String, into output: inout XMLOutput) {
        guard !question.hint.isEmpty || !question.guidanceHint.isEmpty else { return }
        output.start("hint")
        if usesItext {
            translations.add(id: id, text: question.hint, guidance: question.guidanceHint)
            output.attribute("ref", "jr:itext('\(id)')")
            output.end()
        } else {
            let markup = markup
            output.content { markup.write(question.hint.text(in: Language.defaultName) ?? "", id: id, into: &$0) }
        }
    }

    private mutating func writeItemset(for question: Question, element: LocatedElement, into output: inout XMLOutput) throws(XFormWriterError) {
        let id: String
        var valueRef = "name"
        var labelRef = usesItext ? "jr:itext(itextId)" : "label"
        switch question.type {
        case .selectOneFromFile(let file), .selectMultipleFromFile(let file):
            id = Self.instanceID(forFile: file)
            let isGeoJSON = file.lowercased().hasSuffix(".geojson")
            valueRef = question.parameter("value") ?? (isGeoJSON ? "id" : "name")
            labelRef = question.parameter("label") ?? (isGeoJSON ? "title" : "label")
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
        output.start("itemset")
        output.attribute("nodeset", nodeset)
        output.start("value")
        output.attribute("ref", valueRef)
        output.end()
        output.start("label")
        output.attribute("ref", labelRef)
        output.end()
        output.end()
    }
}

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
        case .acknowledge, .trigger: output.start("trigger")
        case .range: output.start("range")
        case .image, .audio, .video, .file, .osm: output.start("upload")
        default: output.start("input")
        }
        output.attribute("ref", ref)
        switch question.type {
        case .range:
            output.attribute("start", question.parameter("start") ?? "1")
            output.attribute("end", question.parameter("end") ?? "10")
            output.attribute("step", question.parameter("step") ?? "1")
        case .image, .audio, .video, .file, .osm:
            let mediatype = switch question.type {
            case .image: "image/*"; case .audio: "audio/*"; case .video: "video/*"; case .osm: "osm/*"; default: "application/*"
            }
            output.attribute("mediatype", mediatype)
        case .selectOneExternal(let list):
            var query = "instance('\(list)')/root/item"
            if let filter = question.choiceFilter { query += "[" + (try xpath(filter, at: element, asPredicate: true)) + "]" }
            output.attribute("query", query)
        default:
            break
        }
        output.attribute("appearance", question.appearance.map { resolvingReferences(in: $0, at: element) })
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
        if let list = question.type.choiceList, Self.usesSearch(question), let choices = instrument.choiceList(named: list) {
            writeItems(choices, into: &output)
        } else if question.type.isSelect {
            try writeItemset(for: question, element: element, into: &output)
        }
        if case .osm(let list) = question.type {
            for tag in instrument.osmTagLists.first(where: { $0.name == list })?.choices ?? [] {
                output.start("tag")
                output.attribute("key", tag.name)
                writeLabel(tag.label, id: "\(ref)/\(tag.name):label", into: &output)
                output.end()
            }
        }
        for target in triggered[question.name] ?? [] {
            output.start("setvalue")
            output.attribute("event", "xforms-value-changed")
            output.attribute("ref", path(of: target))
            if case .question(let targetQuestion) = target.element, let calculation = targetQuestion.calculation {
                // As pyxform: relative to the question that triggers it.
                output.attribute("value", try xpath(calculation, at: element))
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
        // As pyxform: itext for a translated label or one with media, else the text in place.
        if !text.isUntranslated || !media.isEmpty {
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
        // As pyxform: itext for a translated hint or one with a guidance hint, else the text in place.
        if !question.hint.isUntranslated || !question.guidanceHint.isEmpty {
            translations.add(id: id, text: question.hint, guidance: question.guidanceHint)
            output.attribute("ref", "jr:itext('\(id)')")
            output.end()
        } else {
            let markup = markup
            output.content { markup.write(question.hint.text(in: Language.defaultName) ?? "", id: id, into: &$0) }
        }
    }

    /// The choices as `<item>`s in the control: a select whose appearance calls `search()` must have them there
    /// for ODK Collect (pyxform writes them so and leaves the list out of the secondary instances).
    private mutating func writeItems(_ list: ChoiceList, into output: inout XMLOutput) {
        let itext = Self.requiresItext(list)
        for (index, choice) in list.choices.enumerated() {
            output.start("item")
            let id = "\(list.name)-\(index)"
            output.start("label")
            if itext {
                translations.add(id: id, text: choice.label, media: choice.media)
                output.attribute("ref", "jr:itext('\(id)')")
                output.end()
            } else {
                let markup = markup
                output.content { markup.write(choice.label.text(in: Language.defaultName) ?? choice.name, id: id, into: &$0) }
            }
            output.start("value")
            output.text(choice.name)
            output.end()
        }
    }

    /// `select_one ${name}`: the answers to `name` in its repeat, as pyxform writes them (only non-empty ones,
    /// or those the choice_filter keeps, with `.` for the repeat).
    private mutating func writeRepeatItemset(
        for question: Question, reference: String, element: LocatedElement, into output: inout XMLOutput
    ) throws(XFormWriterError) {
        let target = try xpath(reference, at: element, toRepeat: true)
        var steps = target.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name = steps.removeLast()
        let nodeset = steps.joined(separator: "/")
        var filter = "./\(name) != ''"
        if let choiceFilter = question.choiceFilter {
            filter = try xpath(choiceFilter, at: element, asPredicate: true, toRepeat: true)
                .replacing("current()/\(nodeset)", with: ".").replacing(nodeset, with: ".")
        }
        Self.writeItemset(nodeset: "\(nodeset)[\(filter)]", value: name, label: name, into: &output)
    }

    /// True when the question's appearance calls `search(…)` (external data in ODK Collect).
    static func usesSearch(_ question: Question) -> Bool {
        question.appearance?.contains("search(") == true
    }

    private mutating func writeItemset(for question: Question, element: LocatedElement, into output: inout XMLOutput) throws(XFormWriterError) {
        if let list = question.type.choiceList, Self.isSingleReference(list) {
            try writeRepeatItemset(for: question, reference: list, element: element, into: &output)
            return
        }
        let id: String
        var valueRef = "name"
        var labelRef = "jr:itext(itextId)"
        switch question.type {
        case .selectOneFromFile(let file), .selectMultipleFromFile(let file):
            id = Self.instanceID(forFile: file)
            let isGeoJSON = file.lowercased().hasSuffix(".geojson")
            valueRef = question.parameter("value") ?? (isGeoJSON ? "id" : "name")
            labelRef = question.parameter("label") ?? (isGeoJSON ? "title" : "label")
        default:
            id = question.type.choiceList ?? ""
            if let list = instrument.choiceList(named: id), !Self.requiresItext(list) { labelRef = "label" }
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
        Self.writeItemset(nodeset: nodeset, value: valueRef, label: labelRef, into: &output)
    }

    /// `<itemset nodeset="…"><value ref="…"/><label ref="…"/></itemset>`.
    private static func writeItemset(nodeset: String, value: String, label: String, into output: inout XMLOutput) {
        output.start("itemset")
        output.attribute("nodeset", nodeset)
        output.start("value")
        output.attribute("ref", value)
        output.end()
        output.start("label")
        output.attribute("ref", label)
        output.end()
        output.end()
    }
}

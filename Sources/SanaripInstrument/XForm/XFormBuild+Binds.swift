import SanaripCore

extension XFormBuild {
    /// The bind type of a question.
    static func bindType(of question: Question) -> String {
        switch question.type {
        case .integer: return "int"
        case .decimal: return "decimal"
        case .range:
            let values = ["start", "end", "step"].compactMap { question.parameter($0).flatMap(Double.init) }
            return values.allSatisfy { $0 == $0.rounded() } ? "int" : "decimal"
        case .rank: return "odk:rank"
        case .date: return "date"
        case .time: return "time"
        case .dateTime: return "dateTime"
        case .geopoint: return "geopoint"
        case .geotrace: return "geotrace"
        case .geoshape: return "geoshape"
        case .image, .audio, .video, .file, .osm: return "binary"
        case .barcode: return "barcode"
        case .metadata(.start), .metadata(.end): return "dateTime"
        case .metadata(.today): return "date"
        case .metadata(.audit), .metadata(.backgroundAudio): return "binary"
        case .metadata(.startGeopoint): return "geopoint"
        default: return "string"
        }
    }

    /// `jr:preload` and `jr:preloadParams` of metadata.
    static func preload(of type: QuestionType) -> (String, String)? {
        switch type {
        case .metadata(.start): ("timestamp", "start")
        case .metadata(.end): ("timestamp", "end")
        case .metadata(.today): ("date", "today")
        case .metadata(.audit), .metadata(.startGeopoint), .metadata(.backgroundAudio): nil
        case .metadata(let metadata): ("property", metadata.rawValue)
        default: nil
        }
    }

    /// Parameters that become bind attributes.
    static let bindParameters: [String: String] = [
        "max-pixels": "orx:max-pixels", "quality": "odk:quality", "allow-mock-accuracy": "odk:allow-mock-accuracy",
        "location-priority": "odk:location-priority", "location-min-interval": "odk:location-min-interval",
        "location-max-age": "odk:location-max-age", "track-changes": "odk:track-changes",
        "track-changes-reasons": "odk:track-changes-reasons", "identify-user": "odk:identify-user",
    ]

    mutating func writeBinds(into output: inout XMLOutput) throws(XFormWriterError) {
        // As pyxform: the settings sheet's `bind::` columns make a bind of the root (`bind::ct:icon`).
        let rootAttributes = instrument.settings.extra.keys.filter { $0.lowercased().hasPrefix("bind::") }.sorted()
        if !rootAttributes.isEmpty {
            output.start("bind")
            output.attribute("nodeset", "/\(root)")
            for key in rootAttributes { output.attribute(String(key.dropFirst("bind::".count)), instrument.settings.extra[key]) }
            output.end()
        }
        for element in located {
            let nodeset = path(of: element)
            switch element.element {
            case .group(let group):
                let relevant = try group.relevant.map { text throws(XFormWriterError) in try xpath(text, at: element) }
                let readOnly = try group.readOnly.flatMap(XLSFormParser.booleanExpression)
                    .map { text throws(XFormWriterError) in try xpath(text, at: element) }
                let required = try group.required.map { text throws(XFormWriterError) in try xpath(text, at: element) }
                if relevant != nil || readOnly != nil || required != nil || !group.bindAttributes.isEmpty {
                    output.start("bind")
                    output.attribute("nodeset", nodeset)
                    output.attribute("relevant", relevant)
                    output.attribute("readonly", readOnly)
                    output.attribute("required", required)
                    for key in group.bindAttributes.keys.sorted() { output.attribute(key, group.bindAttributes[key]) }
                    output.end()
                }
                if group.isRepeat, let count = group.repeatCount, !Self.isSingleReference(count) {
                    output.start("bind")
                    output.attribute("nodeset", nodeset + "_count")
                    output.attribute("type", "string")
                    output.attribute("readonly", "true()")
                    output.attribute("calculate", try xpath(count, at: element))
                    output.end()
                }
            case .question(let question):
                let settings = [question.relevant, question.constraint, question.required, question.readOnly, question.calculation]
                if question.type == .trigger, settings.allSatisfy({ $0 == nil }), question.bindAttributes.isEmpty { continue }
                output.start("bind")
                output.attribute("nodeset", nodeset)
                output.attribute("type", question.type == .trigger ? nil : Self.bindType(of: question))
                if let relevant = question.relevant { output.attribute("relevant", try xpath(relevant, at: element)) }
                if let constraint = question.constraint { output.attribute("constraint", try xpath(constraint, at: element)) }
                output.attribute("jr:constraintMsg", message(question.constraintMessage, id: nodeset + ":jr:constraintMsg"))
                if let required = question.required { output.attribute("required", try xpath(required, at: element)) }
                output.attribute("jr:requiredMsg", message(question.requiredMessage, id: nodeset + ":jr:requiredMsg"))
                if question.type == .note {
                    output.attribute("readonly", "true()")
                } else if let readOnly = question.readOnly {
                    output.attribute("readonly", try xpath(readOnly, at: element))
                }
                if let calculation = question.calculation, question.trigger == nil {
                    output.attribute("calculate", try xpath(calculation, at: element))
                }
                if let (preload, parameters) = Self.preload(of: question.type) {
                    // A bind::jr:preload column, written below, replaces the type's own.
                    if question.bindAttributes["jr:preload"] == nil { output.attribute("jr:preload", preload) }
                    if question.bindAttributes["jr:preloadParams"] == nil { output.attribute("jr:preloadParams", parameters) }
                }
                // background-audio's quality goes on its action, not the bind.
                for (key, value) in question.parameters where question.type != .metadata(.backgroundAudio) {
                    if let attribute = Self.bindParameters[key.lowercased()] { output.attribute(attribute, value) }
                }
                for key in question.bindAttributes.keys.sorted() { output.attribute(key, question.bindAttributes[key]) }
                output.end()
            }
        }
        try writeEntityBinds(into: &output)
        output.start("bind")
        output.attribute("nodeset", "/\(root)/meta/instanceID")
        output.attribute("type", "string")
        output.attribute("readonly", "true()")
        output.attribute("jr:preload", "uid")
        output.end()
        if let instanceName = instrument.settings.instanceName {
            let context = LocatedElement(element: .question(Question(name: "instanceName", type: .calculate)), path: ["meta", "instanceName"], ancestors: [])
            output.start("bind")
            output.attribute("nodeset", "/\(root)/meta/instanceName")
            output.attribute("type", "string")
            output.attribute("calculate", try xpath(instanceName, at: context))
            output.end()
        }
    }

    /// The binds that fill `meta/entity`, as pyxform writes them (`get_entity_declaration`): the conditions, the
    /// versions of an updated entity read from its list, the id (a new `uuid()` when creating) and the label.
    private mutating func writeEntityBinds(into output: inout XMLOutput) throws(XFormWriterError) {
        guard let entity = instrument.entities.first else { return }
        let base = "/\(root)/meta/entity"
        let context = LocatedElement(element: .question(Question(name: "entity", type: .calculate)), path: ["meta", "entity"], ancestors: [])
        func bind(_ nodeset: String, calculate: String?) throws(XFormWriterError) {
            output.start("bind")
            output.attribute("nodeset", nodeset)
            if let calculate { output.attribute("calculate", try xpath(calculate, at: context)) }
            output.attribute("readonly", "true()")
            output.attribute("type", "string")
            output.end()
        }
        if entity.mayCreate, let condition = entity.createIf { try bind(base + "/@create", calculate: condition) }
        if let id = entity.entityID {
            if let condition = entity.updateIf { try bind(base + "/@update", calculate: condition) }
            let item = "instance('\(entity.dataset)')/root/item[name=\(id)]"
            for (name, field) in Self.entityVersionAttributes { try bind(base + "/@" + name, calculate: item + "/" + field) }
        }
        try bind(base + "/@id", calculate: entity.entityID)
        if entity.entityID == nil {
            output.start("setvalue")
            output.attribute("event", "odk-instance-first-load")
            output.attribute("ref", base + "/@id")
            output.attribute("value", "uuid()")
            output.end()
        }
        if let label = entity.label { try bind(base + "/label", calculate: label) }
    }

    /// A constraint or required message: an itext reference when it is translated or refers to a question (as
    /// pyxform writes it), else the text itself, also in a translated form.
    private mutating func message(_ text: LocalizedText, id: String) -> String? {
        guard !text.isEmpty else { return nil }
        let untranslated = text.values.count == 1 && text.values.keys.first == Language.defaultName
        if !untranslated || text.values.values.contains(where: { $0.contains("${") }) {
            translations.add(id: id, text: text)
            return "jr:itext('\(id)')"
        }
        return text.text(in: Language.defaultName)
    }

    /// Dynamic defaults outside repeats, set when the form is first opened.
    mutating func writeModelSetvalues(into output: inout XMLOutput) throws(XFormWriterError) {
        for element in located where element.enclosingRepeatPath == nil {
            if case .question(let question) = element.element, question.type == .metadata(.backgroundAudio) {
                output.start("odk:recordaudio")
                output.attribute("event", "odk-instance-load")
                output.attribute("ref", path(of: element))
                output.attribute("odk:quality", question.parameter("quality"))
                output.end()
                continue
            }
            if case .question(let question) = element.element, question.type == .metadata(.startGeopoint) {
                output.start("odk:setgeopoint")
                output.attribute("ref", path(of: element))
                output.attribute("event", "odk-instance-first-load")
                output.end()
                continue
            }
            guard case .question(let question) = element.element, let value = question.defaultValue,
                XLSFormParser.isDynamicDefault(value)
            else { continue }
            output.start("setvalue")
            output.attribute("event", "odk-instance-first-load")
            output.attribute("ref", path(of: element))
            output.attribute("value", try xpath(value, at: element))
            output.end()
        }
    }

    static func isSingleReference(_ text: String) -> Bool {
        let trimmed = text.trimmingSpaces()
        return trimmed.hasPrefix("${") && trimmed.hasSuffix("}") && !trimmed.dropFirst(2).dropLast().contains("}")
    }
}

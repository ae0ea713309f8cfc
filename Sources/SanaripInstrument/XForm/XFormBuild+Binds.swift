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
        case .image, .audio, .video, .file: return "binary"
        case .barcode: return "barcode"
        case .metadata(.start), .metadata(.end): return "dateTime"
        case .metadata(.today): return "date"
        case .metadata(.audit): return "binary"
        default: return "string"
        }
    }

    /// `jr:preload` and `jr:preloadParams` of metadata.
    static func preload(of type: QuestionType) -> (String, String)? {
        switch type {
        case .metadata(.start): ("timestamp", "start")
        case .metadata(.end): ("timestamp", "end")
        case .metadata(.today): ("date", "today")
        case .metadata(.audit): nil
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

    mutating func binds() throws(XFormWriterError) -> [XMLNode] {
        var binds: [XMLNode] = []
        for element in located {
            let nodeset = path(of: element)
            var bind = XMLNode("bind", [("nodeset", nodeset)])
            switch element.element {
            case .group(let group):
                if let relevant = group.relevant { bind.set("relevant", try xpath(relevant, at: element)) }
                if let readOnly = group.readOnly.flatMap(XLSFormParser.booleanExpression) {
                    bind.set("readonly", try xpath(readOnly, at: element))
                }
                for key in group.bindAttributes.keys.sorted() { bind.set(key, group.bindAttributes[key]) }
                if bind.attributes.count > 1 { binds.append(bind) }
                if group.isRepeat, let count = group.repeatCount, !Self.isSingleReference(count) {
                    var countBind = XMLNode("bind", [("nodeset", nodeset + "_count"), ("type", "string")])
                    countBind.set("readonly", "true()")
                    countBind.set("calculate", try xpath(count, at: element))
                    binds.append(countBind)
                }
            case .question(let question):
                bind.set("type", Self.bindType(of: question))
                if let relevant = question.relevant { bind.set("relevant", try xpath(relevant, at: element)) }
                if let constraint = question.constraint { bind.set("constraint", try xpath(constraint, at: element)) }
                bind.set("jr:constraintMsg", message(question.constraintMessage, id: nodeset + ":jr:constraintMsg"))
                if let required = question.required { bind.set("required", try xpath(required, at: element)) }
                bind.set("jr:requiredMsg", message(question.requiredMessage, id: nodeset + ":jr:requiredMsg"))
                if question.type == .note {
                    bind.set("readonly", "true()")
                } else if let readOnly = question.readOnly {
                    bind.set("readonly", try xpath(readOnly, at: element))
                }
                if let calculation = question.calculation, question.trigger == nil {
                    bind.set("calculate", try xpath(calculation, at: element))
                }
                if let (preload, parameters) = Self.preload(of: question.type) {
                    bind.set("jr:preload", preload)
                    bind.set("jr:preloadParams", parameters)
                }
                for (key, value) in question.parameters {
                    if let attribute = Self.bindParameters[key.lowercased()] { bind.set(attribute, value) }
                }
                for key in question.bindAttributes.keys.sorted() { bind.set(key, question.bindAttributes[key]) }
                binds.append(bind)
            }
        }
        binds.append(XMLNode("bind", [("nodeset", "/\(root)/meta/instanceID"), ("type", "string"), ("readonly", "true()"), ("jr:preload", "uid")]))
        if let instanceName = instrument.settings.instanceName {
            let context = LocatedElement(element: .question(Question(name: "instanceName", type: .calculate)), path: ["meta", "instanceName"], ancestors: [])
            binds.append(XMLNode("bind", [("nodeset", "/\(root)/meta/instanceName"), ("type", "string"), ("calculate", try xpath(instanceName, at: context))]))
        }
        return binds
    }

    /// A constraint or required message: an itext reference when the form is translated, else the text.
    private mutating func message(_ text: LocalizedText, id: String) -> String? {
        guard !text.isEmpty else { return nil }
        if usesItext {
            translations.add(id: id, text: text)
            return "jr:itext('\(id)')"
        }
        return text.text(in: Language.defaultName)
    }

    /// Dynamic defaults outside repeats, set when the form is first opened.
    func modelSetvalues() throws(XFormWriterError) -> [XMLNode] {
        var nodes: [XMLNode] = []
        for element in located where element.enclosingRepeatPath == nil {
            guard case .question(let question) = element.element, let value = question.defaultValue,
                XLSFormParser.isDynamicDefault(value)
            else { continue }
            nodes.append(XMLNode("setvalue", [("event", "odk-instance-first-load"), ("ref", path(of: element)), ("value", try xpath(value, at: element))]))
        }
        return nodes
    }

    static func isSingleReference(_ text: String) -> Bool {
        let trimmed = text.trimmingSpaces()
        return trimmed.hasPrefix("${") && trimmed.hasSuffix("}") && !trimmed.dropFirst(2).dropLast().contains("}")
    }
}

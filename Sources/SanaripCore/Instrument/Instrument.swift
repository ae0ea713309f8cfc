/// A questionnaire: settings, the tree of questions and groups, and the choice lists they use.
///
/// This is the in-memory form of an XLSForm after it has been read and checked; the XForm writer,
/// the interviewer manual, the web pages and the submission validator all work from it.
public struct Instrument: Sendable, Hashable {
    public var settings: InstrumentSettings
    /// Languages of the texts, default language first, then in the order the columns introduce them.
    public var languages: [Language]
    /// The top-level elements.
    public var elements: [SurveyElement]
    /// Choice lists in the order of the choices sheet.
    public var choiceLists: [ChoiceList]
    /// The lists of the `osm` sheet: the OpenStreetMap tags each `osm` question asks for, by list name.
    public var osmTagLists: [ChoiceList]
    /// Files the form reads as secondary instances (`xml-external`, `csv-external` rows), in document order.
    public var externalInstances: [ExternalInstance]
    /// The entity list a submission creates or updates (the `entities` sheet), if any.
    public var entities: [EntityDeclaration]

    public init(
        settings: InstrumentSettings = InstrumentSettings(),
        languages: [Language] = [],
        elements: [SurveyElement] = [],
        choiceLists: [ChoiceList] = [],
        osmTagLists: [ChoiceList] = [],
        externalInstances: [ExternalInstance] = [],
        entities: [EntityDeclaration] = []
    ) {
        self.settings = settings
        self.languages = languages
        self.elements = elements
        self.choiceLists = choiceLists
        self.osmTagLists = osmTagLists
        self.externalInstances = externalInstances
        self.entities = entities
    }

    /// The choice list named `name`.
    public func choiceList(named name: String) -> ChoiceList? {
        choiceLists.first { $0.name == name }
    }

    /// Every element in document order with its path and enclosing groups.
    public func walk() -> [LocatedElement] {
        var result: [LocatedElement] = []
        func visit(_ elements: [SurveyElement], path: [String], ancestors: [Group]) {
            for element in elements {
                let located = LocatedElement(element: element, path: path + [element.name], ancestors: ancestors)
                result.append(located)
                if case .group(let group) = element {
                    visit(group.children, path: located.path, ancestors: ancestors + [group])
                }
            }
        }
        visit(elements, path: [], ancestors: [])
        return result
    }

    /// Every question in document order.
    public var questions: [Question] {
        var questions: [Question] = []
        func visit(_ elements: [SurveyElement]) {
            for element in elements {
                switch element {
                case .question(let question): questions.append(question)
                case .group(let group): visit(group.children)
                }
            }
        }
        visit(elements)
        return questions
    }

    /// The language to show first: the settings' default language when it is one of the form's, else the first.
    public var defaultLanguage: Language? {
        if let name = settings.defaultLanguage, let language = languages.first(where: { $0.name == name }) {
            return language
        }
        return languages.first
    }
}

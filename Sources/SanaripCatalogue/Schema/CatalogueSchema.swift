/// The columns of one catalogue kind, in template order, and the rules across columns.
public struct CatalogueSchema: Sendable, Hashable {
    public var kind: CatalogueKind
    public var fields: [CatalogueField]

    /// The name columns, at least one of which must be filled.
    public static let nameFields = ["name_ky", "name_ru", "name_en"]

    /// The field named `name`, matched ignoring case and surrounding blanks.
    public func field(named name: String) -> CatalogueField? {
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return fields.first { $0.name == wanted }
    }

    /// The column names in template order.
    public var columnNames: [String] { fields.map(\.name) }

    static func of(_ kind: CatalogueKind) -> CatalogueSchema {
        let head: [CatalogueField] = [
            CatalogueField("id", .text, required: true, searchable: false, help: "A short identifier, unique in the catalogue (letters, digits, - and _)."),
            CatalogueField("name_ky", .text, help: "Name in Kyrgyz (one of name_ky, name_ru, name_en is required)."),
            CatalogueField("name_ru", .text, help: "Name in Russian."),
            CatalogueField("name_en", .text, help: "Name in English."),
            CatalogueField("description_ky", .text, help: "Description in Kyrgyz."),
            CatalogueField("description_ru", .text, help: "Description in Russian."),
            CatalogueField("description_en", .text, help: "Description in English."),
        ]
        let tail: [CatalogueField] = [
            CatalogueField("url", .url(many: false), help: "The entry's own web page."),
            CatalogueField("source_url", .url(many: true), help: "Where the information was found."),
            CatalogueField("source_seen", .date, help: "The date the source was seen."),
            CatalogueField("review_state", .choice(CatalogueTaxonomy.reviewStates), help: "draft (default), checked or outdated."),
        ]
        let places = CatalogueField("places", .places, help: "online, or the districts (SOATE codes of the frame) where it is offered.")
        let groups = CatalogueField("target_groups", .list(CatalogueTaxonomy.targetGroups), help: "Who it is for.")
        let body: [CatalogueField]
        switch kind {
        case .courses:
            body = [
                CatalogueField("provider", .text, help: "The provider's id in the providers catalogue, or its name."),
                CatalogueField("topics", .list(CatalogueTaxonomy.topics), required: true, help: "What it teaches: the survey's learning topics and DSI 2.0 areas."),
                CatalogueField("level", .choice(["beginner", "intermediate", "advanced"]), help: "Level."),
                CatalogueField("mode", .choice(["online", "onsite", "blended"]), required: true, help: "Course mode (schema.org courseMode)."),
                CatalogueField("languages", .list(CatalogueTaxonomy.languages), required: true, help: "Teaching languages."),
                CatalogueField("cost_som", .number, help: "Price in som (0 when free)."),
                CatalogueField("free_places", .number, help: "Free or subsidised places."),
                CatalogueField("duration_hours", .number, help: "Total hours."),
                CatalogueField("pace", .choice(["self_paced", "scheduled"]), help: "Self-paced or on a schedule."),
                CatalogueField("schedule", .text, help: "When it meets (e.g. evenings, weekends)."),
                groups, places,
                CatalogueField("accessibility", .text, help: "Accessibility features (schema.org accessibilityFeature)."),
                CatalogueField("certificate", .boolean, help: "Whether a certificate is awarded."),
                CatalogueField("start_date", .date, help: "Start date."),
                CatalogueField("end_date", .date, help: "End date."),
            ]
        case .providers:
            body = [
                CatalogueField("provider_type", .choice(["vocational_lyceum", "college", "university", "ngo", "library", "public_service_centre",
                                                         "online_platform", "business", "government", "other"]), required: true, help: "Kind of provider."),
                places,
                CatalogueField("address", .text, help: "Address."),
                CatalogueField("reach", .text, help: "How many people it reaches a year, and where."),
            ]
        case .eservices:
            body = [
                CatalogueField("agency", .text, required: true, help: "The agency providing the service."),
                CatalogueField("channels", .list(["portal", "mobile_app", "service_centre", "other"]), required: true, help: "Channels."),
                CatalogueField("tunduk", .boolean, help: "Whether it runs through Tunduk."),
                CatalogueField("online_level", .choice(["information", "form_download", "full_transaction"]), required: true,
                               help: "How far it can be completed online."),
                CatalogueField("survey_items", .list(CatalogueTaxonomy.surveyEServices), help: "The survey's egov_service choices it matches."),
            ]
        case .laws:
            body = [
                CatalogueField("act_type", .choice(["law", "code", "presidential_decree", "government_resolution", "ministry_order",
                                                    "local_decision", "strategy", "other"]), required: true, help: "Type of act."),
                CatalogueField("number", .text, searchable: true, help: "The act's number."),
                CatalogueField("adopted", .date, required: true, help: "Date adopted."),
                CatalogueField("issuing_body", .text, help: "Who issued it."),
                CatalogueField("status", .choice(["in_force", "amended", "repealed", "draft"]), required: true, help: "Status."),
                CatalogueField("topics", .list(CatalogueTaxonomy.legalTopics), help: "What it regulates."),
                CatalogueField("amends", .list(nil), help: "The ids of the acts in this catalogue it amends, separated by ;."),
            ]
        case .initiatives:
            body = [
                CatalogueField("actor_type", .choice(["programme", "incubator", "accelerator", "ecommerce_platform", "funder", "association", "other"]),
                               required: true, help: "Kind of initiative or actor."),
                CatalogueField("organisation", .text, help: "Who runs it."),
                groups, places,
                CatalogueField("start_date", .date, help: "Start date."),
                CatalogueField("end_date", .date, help: "End date."),
                CatalogueField("status", .choice(["planned", "active", "ended"]), required: true, help: "Status."),
            ]
        }
        return CatalogueSchema(kind: kind, fields: head + body + tail)
    }
}

/// The kinds of catalogue a study keeps: each has a schema the code knows (``CatalogueSchema``).
public enum CatalogueKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Online courses and trainings (schema.org `Course` / `CourseInstance`).
    case courses
    /// Vocational lyceums, colleges, NGOs, libraries, public service centres, online platforms.
    case providers
    /// E-government services.
    case eservices
    /// Legal acts regulating the internet and digital services, with their amendments.
    case laws
    /// Programmes supporting women's entrepreneurship, incubators, accelerators, e-commerce platforms, funders.
    case initiatives

    /// The kind named `text` (`courses`, `providers`, `eservices`, `laws`, `initiatives`), or nil.
    public init?(name text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The names a person may type, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The columns and rules of this kind.
    public var schema: CatalogueSchema { CatalogueSchema.of(self) }
}

import Foundation
import GRDB
import SanaripCore

/// The `study` row of a ``Study``: localized texts as JSON objects keyed by language name.
struct StudyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "study"

    var id: String
    var title: [String: String]
    var summary: [String: String]
    var regions: [String]
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, title, summary, regions
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    init(_ study: Study, createdAt: Date, updatedAt: Date) {
        self.id = study.id
        self.title = study.title.values
        self.summary = study.summary.values
        self.regions = study.regions
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    var study: Study {
        Study(id: id, title: LocalizedText(title), summary: LocalizedText(summary), regions: regions)
    }
}

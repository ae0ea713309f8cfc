import Foundation

/// An instrument as the workbench keeps it: what pages list, the XLSForm sheets it was read from
/// and the XForm written from them, so downloads never depend on files that may have moved.
public struct StoredInstrument: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier used in addresses (`digital-divide-kg-2025011501`).
    public var id: String
    public var studyID: String
    /// The XLSForm `form_id`; together with ``version`` it identifies one edition of a form.
    public var formID: String
    public var version: String
    public var title: String
    /// Language names as the form's columns write them (`Kyrgyz (ky)`), default language first.
    public var languages: [String]
    public var questionCount: Int
    public var sectionCount: Int
    public var sections: [InstrumentSection]
    /// The XLSForm sheets (survey, choices, settings, …) the instrument was read from.
    public var source: [SourceSheet]
    public var xform: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String,
        studyID: String,
        formID: String,
        version: String,
        title: String,
        languages: [String] = [],
        questionCount: Int = 0,
        sectionCount: Int = 0,
        sections: [InstrumentSection] = [],
        source: [SourceSheet] = [],
        xform: String = "",
        createdAt: Date = Date(),
        updatedAt: Date = Date()
    ) {
        self.id = id
        self.studyID = studyID
        self.formID = formID
        self.version = version
        self.title = title
        self.languages = languages
        self.questionCount = questionCount
        self.sectionCount = sectionCount
        self.sections = sections
        self.source = source
        self.xform = xform
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id
        case studyID = "study_id"
        case formID = "form_id"
        case version, title, languages
        case questionCount = "question_count"
        case sectionCount = "section_count"
        case sections, source, xform
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// A top-level group of an instrument, for the section list of its page.
public struct InstrumentSection: Sendable, Hashable, Codable {
    public var name: String
    /// The group's label per language name.
    public var label: [String: String]
    public var questionCount: Int

    public init(name: String, label: [String: String] = [:], questionCount: Int = 0) {
        self.name = name
        self.label = label
        self.questionCount = questionCount
    }
}

/// One sheet of an XLSForm workbook, kept cell for cell so the form can be read or written again.
public struct SourceSheet: Sendable, Hashable, Codable {
    public var name: String
    public var rows: [SourceRow]

    public init(name: String, rows: [SourceRow]) {
        self.name = name
        self.rows = rows
    }
}

/// A non-empty row of a ``SourceSheet`` with its row number as the spreadsheet shows it.
public struct SourceRow: Sendable, Hashable, Codable {
    public var number: Int
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }
}

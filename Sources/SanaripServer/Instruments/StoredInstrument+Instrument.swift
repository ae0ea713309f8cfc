import Foundation
import SanaripCore
import SanaripInstrument
import SanaripStorage

extension StoredInstrument {
    /// A record of `instrument`, read from `workbook`, ready to store: summary counts, the sheets and the XForm.
    init(instrument: Instrument, workbook: Workbook, studyID: String, now: Date = Date()) throws {
        let formID = instrument.settings.formID ?? workbook.source
        let version = instrument.settings.version ?? "1"
        let sections = instrument.sections.map { group in
            InstrumentSection(name: group.name, label: group.label.values, questionCount: group.askedQuestionCount)
        }
        self.init(
            id: Self.identifier(formID: formID, version: version),
            studyID: studyID,
            formID: formID,
            version: version,
            title: instrument.settings.formTitle ?? formID,
            languages: instrument.languages.map(\.name),
            questionCount: Group(name: "", children: instrument.elements).askedQuestionCount,
            sectionCount: sections.count,
            sections: sections,
            source: workbook.sheets.map { sheet in
                SourceSheet(name: sheet.name, rows: sheet.rows.map { SourceRow(number: $0.number, cells: $0.cells) })
            },
            xform: try XFormWriter().xml(for: instrument),
            createdAt: now,
            updatedAt: now
        )
    }

    /// `form_id-version` reduced to letters, digits, `-`, `_` and `.`, for addresses.
    static func identifier(formID: String, version: String) -> String {
        pathSafe("\(formID)-\(version)")
    }

    /// `text` with everything but letters, digits, `-`, `_` and `.` replaced by `-`, for addresses and file names.
    static func pathSafe(_ text: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        return String(text.unicodeScalars.map { allowed.contains($0) ? Character($0) : "-" })
    }

    /// The XLSForm sheets as a workbook again, for the `.xlsx` download and the manual.
    var workbook: Workbook {
        Workbook(
            sheets: source.map { sheet in
                Sheet(name: sheet.name, rows: sheet.rows.map { Row(number: $0.number, cells: $0.cells) })
            },
            source: formID
        )
    }

    /// The instrument read again from its sheets.
    func instrument() throws -> Instrument {
        try XLSFormReader().read(workbook).get()
    }
}

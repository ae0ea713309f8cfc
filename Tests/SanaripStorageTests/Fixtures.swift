import Foundation
import SanaripCore
import SanaripStorage

enum Fixtures {
    static let study = Study(
        id: "digital-divide-kg",
        title: LocalizedText([
            "Kyrgyz (ky)": "Санариптик ажырым",
            "Russian (ru)": "Цифровой разрыв",
            "English (en)": "Digital divide",
        ]),
        summary: LocalizedText(["English (en)": "Household access to the internet."]),
        regions: ["Issyk-Kul", "Osh"]
    )

    static func instrument(id: String = "hh-1", formID: String = "hh", version: String = "1") -> StoredInstrument {
        StoredInstrument(
            id: id,
            studyID: study.id,
            formID: formID,
            version: version,
            title: "Household survey",
            languages: ["Kyrgyz (ky)", "Russian (ru)"],
            questionCount: 3,
            sectionCount: 1,
            sections: [InstrumentSection(name: "household", label: ["Russian (ru)": "Домохозяйство"], questionCount: 3)],
            source: [SourceSheet(name: "survey", rows: [SourceRow(number: 1, cells: ["type", "name", "label"])])],
            xform: "<?xml version=\"1.0\"?><h:html/>"
        )
    }

    static func user(_ username: String, role: Role = .researcher) -> User {
        User(username: username, passwordHash: "$2b$04$hash", role: role)
    }
}

import Foundation
import SanaripCore
import Testing

@testable import SanaripInstrument

/// ODK Entities (`entities` sheet, `save_to`) and files read as secondary instances (`xml-external`,
/// `csv-external`) convert as pyxform 4.5.0 converts them; the forms also pass ODK Validate with the other valid
/// fixtures (`XFormValidationTests`).
@Suite("Entities and external instances as pyxform writes them")
struct XLSFormEntitiesTests {
    @Test("the same XForm structure as pyxform", arguments: ["entities-create", "entities-update"])
    func sameStructureAsPyxform(_ name: String) throws {
        let fixture = FormFixtures.url("valid", name)
        let instrument = try XLSFormReader().read(contentsOf: fixture).get()
        let differences = try PyxformComparison.differences(fixture: fixture, instrument: instrument)
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
    }

    @Test("a new entity: declaration, meta/entity, its binds and the external files in document order")
    func createdEntity() throws {
        let instrument = try XLSFormReader().read(contentsOf: FormFixtures.url("valid", "entities-create")).get()
        let entity = try #require(instrument.entities.first)
        #expect(instrument.entities.count == 1)
        #expect(entity.dataset == "trees")
        #expect(entity.mayCreate && !entity.mayUpdate)
        #expect(instrument.externalInstances.map(\.name) == ["households", "sites"])
        #expect(instrument.externalInstances.map(\.source) == ["jr://file/households.xml", "jr://file-csv/sites.csv"])
        // What a server sends with the form: every file it reads, in the XForm's order.
        #expect(instrument.attachedFiles == ["prices.csv", "households.xml", "species.csv", "sites.csv"])
        // Neither external instance is a question or a node of the submission.
        #expect(!instrument.questions.contains { $0.name == "households" || $0.name == "sites" })
        // The XForm is indented: tags are compared with the white space between them removed.
        let xml = try XFormWriter().xml(for: instrument).replacing(/>\s+</, with: "><")
        #expect(xml.contains(#"xmlns:entities="http://www.opendatakit.org/xforms/entities""#))
        #expect(xml.contains(#"entities:entities-version="2024.1.0""#))
        #expect(xml.contains(#"<meta><entity dataset="trees" create="1" id=""><label/></entity><instanceID/></meta>"#))
        #expect(xml.contains(#"entities:saveto="circumference_cm""#))
        #expect(xml.contains(#"<setvalue event="odk-instance-first-load" ref="/data/meta/entity/@id" value="uuid()"/>"#))
        // As pyxform: pulldata's file, then households, then the select's file, then sites, in document order.
        let sources = xml.matches(of: /<instance id="([^"]+)" src="([^"]+)"\/>/).map { String($0.output.1) }
        #expect(sources == ["prices", "households", "species", "sites"])
        #expect(!xml.contains("<households"))
    }

    @Test("an updated entity carries its id, condition and versions read from the list")
    func updatedEntity() throws {
        let instrument = try XLSFormReader().read(contentsOf: FormFixtures.url("valid", "entities-update")).get()
        let entity = try #require(instrument.entities.first)
        #expect(entity.mayUpdate && !entity.mayCreate)
        // `trees#circumference_cm` names the list: the property is written alone.
        #expect(instrument.questions.first { $0.name == "circumference" }?.bindAttributes["entities:saveto"] == "circumference_cm")
        // The XForm is indented: tags are compared with the white space between them removed.
        let xml = try XFormWriter().xml(for: instrument).replacing(/>\s+</, with: "><")
        #expect(xml.contains(#"<entity dataset="trees" update="1" baseVersion="" trunkVersion="" branchId="" id=""><label/></entity>"#))
        #expect(xml.contains("instance('trees')/root/item[name=/data/tree]/__version"))
        #expect(!xml.contains("uuid()"))
    }
}

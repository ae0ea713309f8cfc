import Foundation
import SanaripCore
import Testing

@testable import SanaripInstrument

@Suite("XForm writer output")
struct XFormWriterTests {
    func xform(_ name: String) throws -> String {
        try XFormWriter().xml(for: XLSFormReader().read(contentsOf: FormFixtures.url("valid", name)).get())
    }

    @Test func translationsUseItextWithTheDefaultMarked() throws {
        let xml = try xform("translations")
        #expect(xml.contains("<translation default=\"true()\" lang=\"Kyrgyz (ky)\">"))
        #expect(xml.contains("<translation lang=\"Russian (ru)\">"))
        #expect(xml.contains("<text id=\"/data/age:label\">"))
        #expect(xml.contains("<value>Сколько вам лет?</value>"))
        #expect(xml.contains("<value form=\"audio\">jr://audio/age.mp3</value>"))
        #expect(xml.contains("<value form=\"guidance\">Do not round</value>"))
        #expect(xml.contains("jr:constraintMsg=\"jr:itext('/data/age:jr:constraintMsg')\""))
        #expect(xml.contains("<label ref=\"jr:itext(itextId)\"/>"))
        #expect(xml.contains("<h:body class=\"pages\">"))
    }

    @Test func choiceFiltersInRepeatsUseRelativePaths() throws {
        let xml = try xform("groups-repeats")
        #expect(xml.contains("<itemset nodeset=\"instance('district')/root/item[region=current()/../member_region]\">"))
        #expect(xml.contains("<repeat nodeset=\"/data/member\" jr:count=\"/data/household/size\">"))
        #expect(xml.contains("<bind nodeset=\"/data/member/job_count\" type=\"string\" readonly=\"true()\" calculate=\"2\"/>"))
        #expect(xml.contains("<member jr:template=\"\">"))
        #expect(xml.contains("<label>Total age <output value=\" /data/total_age \"/></label>"))
    }

    @Test func metadataIsPreloaded() throws {
        let xml = try xform("all-types")
        #expect(xml.contains("<bind nodeset=\"/data/start\" type=\"dateTime\" jr:preload=\"timestamp\" jr:preloadParams=\"start\"/>"))
        #expect(xml.contains("<bind nodeset=\"/data/today\" type=\"date\" jr:preload=\"date\" jr:preloadParams=\"today\"/>"))
        #expect(xml.contains("<bind nodeset=\"/data/deviceid\" type=\"string\" jr:preload=\"property\" jr:preloadParams=\"deviceid\"/>"))
        #expect(xml.contains("<bind nodeset=\"/data/meta/audit\" type=\"binary\" odk:location-priority=\"balanced\""))
        #expect(xml.contains("<instance id=\"villages\" src=\"jr://file-csv/villages.csv\"/>"))
        #expect(xml.contains("<range ref=\"/data/share\" start=\"0\" end=\"1\" step=\"0.1\">"))
        #expect(xml.contains("<bind nodeset=\"/data/share\" type=\"decimal\"/>"))
        #expect(xml.contains("<upload ref=\"/data/photo\" mediatype=\"image/*\">"))
        #expect(xml.contains("orx:max-pixels=\"1024\""))
        #expect(xml.contains("<odk:rank ref=\"/data/device_rank\">"))
        #expect(xml.contains("<trigger ref=\"/data/consent\">"))
        #expect(xml.contains("randomize(instance('devices')/root/item)"))
        #expect(xml.contains("<value ref=\"code\"/>"))
    }

    @Test func columnsBecomeBindsAndBodyAttributes() throws {
        let xml = try xform("all-columns")
        #expect(xml.contains("<bind nodeset=\"/data/age\" type=\"int\" constraint=\". &gt;= 15 and . &lt;= 100\" jr:constraintMsg=\"Age must be between 15 and 100\" required=\"true()\"/>"))
        #expect(xml.contains("required=\"/data/age &gt;= 18\""))
        #expect(xml.contains("<setvalue event=\"odk-instance-first-load\" ref=\"/data/interview_date\" value=\"today()\"/>"))
        #expect(xml.contains("<setvalue event=\"xforms-value-changed\" ref=\"/data/age_note\" value=\"concat('Group: ', /data/is_adult)\"/>"))
        #expect(xml.contains("<itemset nodeset=\"instance('district')/root/item[region=/data/region]\">"))
        #expect(xml.contains("<input ref=\"/data/point\" accuracyThreshold=\"10\">"))
        #expect(xml.contains("odk:length=\"3\""))
        #expect(xml.contains("<members>1</members>"))
        #expect(xml.contains("<bind nodeset=\"/data/meta/instanceName\" type=\"string\" calculate=\"concat(/data/region, '-', /data/age)\"/>"))
    }

    @Test func settingsShapeTheDocument() throws {
        let xml = try xform("settings")
        #expect(xml.contains("<household id=\"settings_form\" version=\"2026010101\">"))
        #expect(xml.contains("<submission action=\"https://example.org/submission\" base64RsaPublicKey="))
        #expect(xml.contains("<h:body class=\"theme-grid\">"))
        #expect(xml.contains("<instanceName/>"))
    }

    @Test func orOtherAddsAnOtherChoice() throws {
        let xml = try xform("or-other")
        let other = try #require(xml.range(of: "<label>Other</label>"))
        #expect(xml[other.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<name>other</name>"))
        #expect(xml.contains("<bind nodeset=\"/data/lang_other\" type=\"string\" relevant=\"selected(/data/lang, 'other')\"/>"))
    }
}

import Foundation
import SanaripCore
import Testing

@testable import SanaripInstrument

@Suite("Submission XML")
struct SubmissionDocumentTests {
    /// The form the OpenRosa tests use, read from the server tests' fixture.
    static func instrument() throws -> Instrument {
        let folder = RepositoryPaths.root.appendingPathComponent("Tests/SanaripServerTests/Fixtures/field-check")
        return try XLSFormReader().read(contentsOf: folder).get()
    }

    /// A submission as ODK Collect writes one for that form, with nested values to type and check.
    static func xml(instanceID: String = "uuid:0e6a1b3e-1c1f-4a55-9a49-3f2b8b1d2c01", age: String = "34", apps: String = "whatsapp telegram",
                    secondMemberAge: String = "abc", deprecatedID: String? = nil) -> Data {
        let meta = "<instanceID>\(instanceID)</instanceID>" + (deprecatedID.map { "<deprecatedID>\($0)</deprecatedID>" } ?? "")
        return Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="field_check" version="1">\
            <start>2026-12-04T10:00:00.000+06:00</start>\
            <access><used_internet>1</used_internet><apps>\(apps)</apps><age>\(age)</age></access>\
            <photo>house.jpg</photo>\
            <member><member_name>Айгүл &amp; Bek</member_name><member_age>34</member_age></member>\
            <member><member_name><![CDATA[Bek <2>]]></member_name><member_age>\(secondMemberAge)</member_age></member>\
            <orx:meta>\(meta)</orx:meta></data>
            """.utf8)
    }

    @Test("the identifying parts: form id, version, instance id and the edited version")
    func header() throws {
        let document = try SubmissionDocument(xml: Self.xml(deprecatedID: "uuid:earlier"))
        #expect(document.formID == "field_check")
        #expect(document.version == "1")
        #expect(document.instanceID == "uuid:0e6a1b3e-1c1f-4a55-9a49-3f2b8b1d2c01")
        #expect(document.deprecatedID == "uuid:earlier")
    }

    @Test("answers are typed per question, repeats are child rows, and the photo is an expected attachment")
    func content() throws {
        let content = try SubmissionDocument(xml: Self.xml()).content(for: Self.instrument())
        try #require(content.rows.count == 3)
        let root = content.rows[0]
        #expect(root.repeatPath == "" && root.parent == nil)
        let age = try #require(root.answers.first { $0.path == "access/age" })
        #expect(age.type == "integer" && age.number == 34 && age.text == "34")
        #expect(root.answers.first { $0.path == "access/apps" }?.text == "whatsapp telegram")
        #expect(content.rows[1].repeatPath == "member" && content.rows[1].position == 1 && content.rows[1].parent == 0)
        #expect(content.rows[2].position == 2)
        #expect(content.rows[1].answers.first { $0.path == "member/member_name" }?.text == "Айгүл & Bek")
        #expect(content.rows[2].answers.first { $0.path == "member/member_name" }?.text == "Bek <2>")
        #expect(content.attachments == ["house.jpg"])
        #expect(content.problems == ["member/member_age: 'abc' is not a whole number"])
    }

    @Test("answers that break the form's types are listed, naming the question")
    func problems() throws {
        let content = try SubmissionDocument(xml: Self.xml(age: "3.5", apps: "whatsapp viber", secondMemberAge: "61"))
            .content(for: Self.instrument())
        #expect(content.problems == ["access/apps: 'viber' is not a choice of the list apps", "access/age: '3.5' is not a whole number"])
        #expect(content.rows[0].answers.first { $0.path == "access/age" }?.text == "3.5", "the answer is kept as sent")
    }

    @Test("answers that break a constraint are listed, evaluated where the question sits, also inside repeats")
    func constraints() throws {
        let content = try SubmissionDocument(xml: Self.xml(age: "12", secondMemberAge: "130")).content(for: Self.instrument())
        #expect(content.problems == [
            "access/age: breaks the constraint . >= 15 and . <= 110",
            "member/member_age (member 2): breaks the constraint . >= 0 and . < ${age} + 100",
        ])
        let valid = try SubmissionDocument(xml: Self.xml(age: "40", secondMemberAge: "130")).content(for: Self.instrument())
        #expect(valid.problems.isEmpty, "the repeat's constraint reads ${age} from the submission: \(valid.problems)")
    }

    @Test("an encrypted submission expects its encrypted XML and media as attachments, to be stored as received")
    func encrypted() throws {
        let xml = Data("""
            <data id="field_check" version="1" encrypted="yes" xmlns="http://www.opendatakit.org/xforms/encrypted">\
            <base64EncryptedKey>a2V5</base64EncryptedKey><orx:meta xmlns:orx="http://openrosa.org/xforms">\
            <orx:instanceID>uuid:enc-1</orx:instanceID></orx:meta><media><file>house.jpg.enc</file></media>\
            <encryptedXmlFile>submission.xml.enc</encryptedXmlFile></data>
            """.utf8)
        let document = try SubmissionDocument(xml: xml)
        #expect(document.isEncrypted && document.instanceID == "uuid:enc-1" && document.formID == "field_check")
        let content = document.content(for: try Self.instrument())
        #expect(content.attachments == ["house.jpg.enc", "submission.xml.enc"])
        #expect(content.rows.count == 1 && content.rows[0].answers.isEmpty && content.problems.isEmpty)
    }

    @Test("every answer equals the text Python's ElementTree reads at the same path")
    func agreesWithElementTree() throws {
        let data = Self.xml()
        let content = try SubmissionDocument(xml: data).content(for: Self.instrument())
        let file = try FormFixtures.temporaryDirectory().appendingPathComponent("submission.xml")
        try data.write(to: file)
        let output = try PythonTool.run(
            script: """
                import sys, json, xml.etree.ElementTree as ET
                root = ET.parse(sys.argv[1]).getroot()
                rows = []
                def walk(node, path, row):
                    for child in node:
                        name = child.tag.split('}')[-1]
                        if name == 'member':
                            new = []
                            rows.append(new)
                            walk(child, path + [name], new)
                        elif len(child):
                            walk(child, path + [name], row)
                        elif child.text and name not in ('instanceID',):
                            row.append(['/'.join(path + [name]), child.text])
                top = []
                rows.append(top)
                walk(root, [], top)
                print(json.dumps(rows, ensure_ascii=False))
                """,
            arguments: [file.path]
        )
        let reference = try JSONDecoder().decode([[[String]]].self, from: Data(output.utf8))
        let ours = content.rows.map { row in row.answers.map { [$0.path, $0.text] } }
        #expect(ours == reference)
    }

    /// Where and why `xml` is refused as malformed; nil when it reads (or fails otherwise).
    static func malformed(_ xml: String) -> (line: Int, column: Int, reason: String)? {
        do {
            _ = try SubmissionXMLElement.parse(Data(xml.utf8))
            return nil
        } catch {
            guard case .malformed(let line, let column, let reason) = error else { return nil }
            return (line, column, reason)
        }
    }

    @Test("bytes that are not UTF-8 are refused with their line and column (fuzzing found they crashed Foundation's parser)")
    func notUTF8() throws {
        // The fuzzer's input, shortened: an element name made of 0xE7 bytes after a valid start.
        var xml = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data id=\"field_check\"><member".utf8)
        xml.append(contentsOf: [UInt8](repeating: 0xE7, count: 40))
        xml.append(contentsOf: Array("></data>".utf8))
        #expect(throws: SubmissionXMLError.malformed(line: 2, column: 31, reason: "the bytes at this place are not UTF-8; send the XML in UTF-8")) {
            try SubmissionDocument(xml: xml)
        }
        #expect(try SubmissionXMLElement.parse(Data("<data id=\"x\">Кыргызча ✓</data>".utf8)).text == "Кыргызча ✓")
    }

    @Test("processing instructions other than the XML declaration are refused (fuzzing found one crashed Foundation's parser)")
    func processingInstructions() throws {
        #expect(try SubmissionXMLElement.parse(Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data id=\"x\"/>".utf8)).name == "data")
        #expect(try SubmissionXMLElement.parse(Data("\u{FEFF}<?xml version=\"1.0\"?><data id=\"x\"/>".utf8)).name == "data")
        for (xml, line, column) in [("<?xml?>\n<data id=\"x\"/>", 1, 1), ("<data id=\"x\"><?x?></data>", 1, 14), ("<data/>\n<?xml version=\"1.0\"?>", 2, 1),
                                    ("\n<?xml version=\"1.0\"?><data/>", 2, 1)] {
            let failure = try #require(Self.malformed(xml), "\(xml) is refused")
            #expect(failure.line == line && failure.column == column && failure.reason.contains("processing instruction"), "\(xml): \(failure)")
        }
    }

    @Test("a DOCTYPE (entity declarations, external entities) is refused with its place, and nothing is expanded")
    func doctype() throws {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE data [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]>
            <data id="x">&secret;&a;</data>
            """
        let failure = try #require(Self.malformed(xxe))
        #expect(failure.line == 2 && failure.column == 1 && failure.reason.contains("DOCTYPE"), "\(failure)")
        #expect(throws: SubmissionXMLError.self) { try SubmissionXMLElement.parse(Data("<data id=\"x\">&secret;</data>".utf8)) }
    }

    @Test("entities, character references, CDATA, comments, line ends and namespaces read as XML says")
    func xmlFeatures() throws {
        let root = try SubmissionXMLElement.parse(Data("""
            <?xml version="1.0" encoding="utf-8"?>\r
            <h:data xmlns:h="urn:h" xmlns:jr="http://openrosa.org/javarosa" id="a&amp;b" jr:note="x\ty&#10;z"><!-- c -->\r
            <a>&lt;&gt;&amp;&quot;&apos;&#65;&#x416;<![CDATA[<&>]]>b<!-- c -->c\r
            d</a><h:b/></h:data>
            """.utf8))
        #expect(root.name == "data" && root.text.isEmpty)
        #expect(root.attributes == ["id": "a&b", "jr:note": "x y\nz"], "namespace declarations are left out, prefixed attributes keep their prefix")
        #expect(root.children.map(\.name) == ["a", "b"])
        #expect(root.child("a")?.text == "<>&\"'AЖ<&>bc\nd")
        for (xml, reason) in [("<a:b/>", "prefix a is not declared"), ("<a x:y=\"1\"/>", "prefix x is not declared"), ("<1a/>", "name"),
                              ("<a>]]></a>", "]]>"), ("<a><!-- x -- y --></a>", "--"), ("<a>&#0;</a>", "character"),
                              ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", "encoding ISO-8859-1"),
                              (String(repeating: "<a>", count: 257) + String(repeating: "</a>", count: 257), "256")] {
            let failure = try #require(Self.malformed(xml), "\(xml.prefix(60)) is refused")
            #expect(failure.reason.contains(reason), "\(xml.prefix(60)): \(failure)")
        }
    }

    @Test("malformed XML, a missing form id and a missing instance id are clear errors", arguments: [
        ("<data id=\"field_check\"><access><age>3", "not well-formed XML (line 1, column 38:"),
        ("<data><meta><instanceID>uuid:x</instanceID></meta></data>", "no id attribute"),
        ("<data id=\"field_check\"><meta/></data>", "no meta/instanceID"),
    ])
    func errors(xml: String, message: String) {
        #expect {
            try SubmissionDocument(xml: Data(xml.utf8))
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

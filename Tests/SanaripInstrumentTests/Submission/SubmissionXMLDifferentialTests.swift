import Foundation
import Testing

@testable import SanaripInstrument

/// The submission reader against an independent XML parser: Python's expat (the parser under `xml.etree`), with
/// namespace processing and the same policy for what well-formed XML submissions may not contain (a DOCTYPE,
/// processing instructions, a declared encoding other than UTF-8, nesting over 256). Every submission fixture,
/// seeded mutations of each and generated documents are read by both; trees (names, attributes, text) and
/// accept/refuse decisions must agree.
@Suite("Submission XML against expat")
struct SubmissionXMLDifferentialTests {
    /// A tree as both sides write it, flat (JSON decoders limit nesting): `["<", name, key, value, …]` with the
    /// attributes sorted by key, `["#", text]`, `[">"]`.
    static func events(_ element: SubmissionXMLElement) -> [[String]] {
        [["<", element.name] + element.attributes.sorted { $0.key < $1.key }.flatMap { [$0.key, $0.value] }, ["#", element.text]]
            + element.children.flatMap(events) + [[">"]]
    }

    /// Expat's answer for one document: its tree, or why it refused it.
    struct Verdict: Decodable {
        var tree: [[String]]?
        var error: String?
    }

    static let reference = """
        import sys, os, json, re, xml.parsers.expat as expat

        class Refused(Exception):
            pass

        def read(data):
            parser = expat.ParserCreate('UTF-8', '\\x01')  # a separator no XML name or URI can hold
            parser.namespace_prefixes = True
            stack, roots = [], []
            def start(name, attributes):
                if len(stack) >= 256:
                    raise Refused('nested more than 256 deep')
                parts = name.split('\\x01')
                values = {}
                for key, value in attributes.items():
                    p = key.split('\\x01')
                    values[p[2] + ':' + p[1] if len(p) == 3 else p[-1]] = value
                stack.append({'name': parts[1] if len(parts) > 1 else parts[0], 'attributes': values, 'children': [], 'text': ''})
            def end(name):
                element = stack.pop()
                if element['children']:
                    element['text'] = ''
                (stack[-1]['children'] if stack else roots).append(element)
            def characters(text):
                if stack:
                    stack[-1]['text'] += text
            def declaration(version, encoding, standalone):
                if not re.fullmatch(r'1\\.[0-9]+', version or ''):
                    raise Refused('version')
                if encoding is not None and encoding.lower() not in ('utf-8', 'utf8'):
                    raise Refused('encoding')
            def instruction(target, data):
                raise Refused('processing instruction')
            def doctype(*arguments):
                raise Refused('DOCTYPE')
            parser.StartElementHandler = start
            parser.EndElementHandler = end
            parser.CharacterDataHandler = characters
            parser.XmlDeclHandler = declaration
            parser.ProcessingInstructionHandler = instruction
            parser.StartDoctypeDeclHandler = doctype
            parser.Parse(data, True)
            return roots[0]

        def events(element):
            start = ['<', element['name']]
            for key in sorted(element['attributes']):
                start += [key, element['attributes'][key]]
            result = [start, ['#', element['text']]]
            for child in element['children']:
                result += events(child)
            return result + [['>']]

        folder = sys.argv[1]
        verdicts = []
        for name in sorted(os.listdir(folder), key=lambda n: int(n)):
            data = open(os.path.join(folder, name), 'rb').read()
            try:
                verdicts.append({'tree': events(read(data))})
            except (expat.ExpatError, Refused) as error:
                verdicts.append({'error': str(error)})
        print(json.dumps(verdicts))
        """

    /// Every `.xml` file in `Fixtures/submissions`; fails when there is none.
    static func fixtures() throws -> [(name: String, data: Data)] {
        let folder = RepositoryPaths.root.appendingPathComponent("Tests/SanaripInstrumentTests/Fixtures/submissions")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
        try #require(!names.isEmpty, "no submission fixtures in \(folder.path)")
        return try names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// Pieces of XML the mutations insert: markup, entities, namespaces, characters XML refuses, bytes not UTF-8.
    static let snippets: [[UInt8]] = [
        "<", ">", "&", "&amp;", "&lt;", "&#0;", "&#x10FFFF;", "&#xD800;", "&#65;", "&#x;", "&nbsp;", "]]>", "<!--", "-->", "--",
        "<![CDATA[", "]]", "<?x?>", "<?xml version=\"1.0\"?>", "<!DOCTYPE data [<!ENTITY e \"x\">]>", "&e;", " xmlns:q=\"urn:q\"",
        " xmlns:q=\"\"", " q:a=\"1\"", "q:", ":", "\"", "'", "=", "/", " ", "\r\n", "\r", "\t", "é", "Кыргыз", "·", "\u{1}", "\u{7F}",
        "\u{FFFE}", "</a>", "<a>", "<a/>", "<q:a/>", " a=\"1\"", " a='2'", "1", "-", ".", "\u{FEFF}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x00]]

    /// `count` seeded mutations of `data`: bytes deleted, snippets inserted, ranges duplicated or replaced.
    static func mutations(of data: Data, count: Int, generator: inout SeededGenerator) -> [Data] {
        (0..<count).map { _ in
            var bytes = [UInt8](data)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0...bytes.count, using: &generator)
                let length = min(bytes.count - at, Int.random(in: 0...8, using: &generator))
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes.removeSubrange(at..<(at + length))
                case 1: bytes.insert(contentsOf: snippets.randomElement(using: &generator)!, at: at)
                case 2: bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
                default: bytes.replaceSubrange(at..<(at + length), with: snippets.randomElement(using: &generator)!)
                }
            }
            return Data(bytes)
        }
    }

    /// A random well-formed document: nested elements with prefixes, attributes, text with entities, CDATA and comments.
    static func generated(generator: inout SeededGenerator) -> Data {
        let names = ["data", "a", "member", "x_1", "q:item", "é", "Кыргыз", "p.q-r"]
        let texts = ["", "34", " text ", "&amp;&lt;&gt;&quot;&apos;", "&#1092;&#x1F600;", "<![CDATA[<b>&amp;</b>]]>", "<!-- note -->", "\r\nline\r\n",
                     "Айгүл", "a&#13;b", "  "]
        func element(depth: Int) -> String {
            let name = names.randomElement(using: &generator)!
            var tag = "<\(name)"
            if name.hasPrefix("q:") || Bool.random(using: &generator) { tag += " xmlns:q=\"urn:q\"" }
            for (index, key) in ["id", "q:v", "version", "jr"].enumerated() where Int.random(in: 0..<3, using: &generator) == 0 {
                tag += " \(key)=\(index % 2 == 0 ? "\"" : "'")\(["1", "a&amp;b", "&#10;x\ty", "Ош"].randomElement(using: &generator)!)\(index % 2 == 0 ? "\"" : "'")"
            }
            if tag.contains("q:v"), !tag.contains("xmlns:q") { tag += " xmlns:q=\"urn:q\"" }
            let childCount = depth < 5 ? Int.random(in: 0...3, using: &generator) : 0
            if childCount == 0, Bool.random(using: &generator) { return tag + "/>" }
            var body = texts.randomElement(using: &generator)!
            for _ in 0..<childCount { body += element(depth: depth + 1) + texts.randomElement(using: &generator)! }
            return tag + ">" + body + "</\(name)>"
        }
        let prolog = ["", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "<?xml version='1.0'?>", "\u{FEFF}"].randomElement(using: &generator)!
        return Data((prolog + element(depth: 0) + ["", "\n", "<!-- end -->"].randomElement(using: &generator)!).utf8)
    }

    @Test("fixtures, mutations and generated documents: the same trees and the same refusals as expat")
    func agreesWithExpat() throws {
        var generator = SeededGenerator(seed: 2026_12_04)
        var cases = try Self.fixtures().map(\.data)
        for fixture in cases { cases += Self.mutations(of: fixture, count: 400, generator: &generator) }
        for _ in 0..<300 { cases.append(Self.generated(generator: &generator)) }
        let nested = { (depth: Int) in Data((String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)).utf8) }
        cases += [nested(256), nested(257)]

        let folder = try FormFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, data) in cases.enumerated() { try data.write(to: folder.appendingPathComponent("\(index)")) }
        let output = try PythonTool.run(script: Self.reference, arguments: [folder.path])
        let verdicts = try JSONDecoder().decode([Verdict].self, from: Data(output.utf8))
        try #require(verdicts.count == cases.count)

        var accepted = 0, refused = 0
        var disagreements: [String] = []
        for (data, verdict) in zip(cases, verdicts) {
            let ours = Result { () throws(SubmissionXMLError) in Self.events(try SubmissionXMLElement.parse(data)) }
            switch (ours, verdict.tree) {
            case (.success(let tree), let theirs?) where tree == theirs: accepted += 1
            case (.failure, nil): refused += 1
            case (.success(let tree), let theirs):
                disagreements.append("\(String(decoding: data, as: UTF8.self).debugDescription): ours \(tree), expat \(theirs.map { "\($0)" } ?? verdict.error ?? "")")
            case (.failure(let error), _):
                disagreements.append("\(String(decoding: data, as: UTF8.self).debugDescription): ours \(error), expat accepts it")
            }
        }
        print("submission XML vs expat: \(cases.count) documents, \(accepted) accepted with equal trees, \(refused) refused by both, \(disagreements.count) disagreements")
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(cases.count) differ:\n\(disagreements.prefix(20).joined(separator: "\n"))")
        #expect(accepted > 300 && refused > 300, "both kinds of document are exercised: \(accepted) accepted, \(refused) refused")
    }
}

import Foundation
import Testing
import ZIPFoundation

@testable import SanaripInstrument

/// Fixtures and scratch files for the spreadsheet tests.
enum SpreadsheetTestSupport {
    /// A committed fixture from `Fixtures/spreadsheet`.
    static func fixture(_ name: String, _ ext: String = "xlsx") throws -> URL {
        try #require(
            Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/spreadsheet"),
            "missing fixture \(name).\(ext); run Fixtures/spreadsheet/make_fixtures.py"
        )
    }

    /// A fresh empty folder under the temporary directory; the caller removes it.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-sheet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A ZIP archive holding `entries` (path and bytes), deflated.
    static func zip(_ entries: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in entries {
            try archive.addEntry(
                with: path,
                type: .file,
                uncompressedSize: Int64(bytes.count),
                compressionMethod: .deflate,
                provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) }
            )
        }
        return try #require(archive.data)
    }

    /// The parts of a one-sheet workbook whose sheet XML is `sheetXML`.
    static func minimalParts(sheetXML: String) -> [(String, Data)] {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        return [
            ("xl/workbook.xml", Data("""
                <workbook xmlns="\(main)" xmlns:r="\(rels)"><sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>
                """.utf8)),
            ("xl/_rels/workbook.xml.rels", Data("""
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(rels)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """.utf8)),
            ("xl/worksheets/sheet1.xml", Data(sheetXML.utf8)),
        ]
    }

    /// Cell values of every sheet of the `.xlsx` at `url` as openpyxl reads them, `None` as `""`,
    /// keyed by sheet name and listing `[row number, cells]` for each row with a value.
    static func openpyxlRows(of url: URL) throws -> [String: [[String]]] {
        let script = """
            import json, sys
            from openpyxl import load_workbook
            wb = load_workbook(sys.argv[1])
            out = {"order": wb.sheetnames, "sheets": {}}
            for ws in wb.worksheets:
                rows = []
                for row in ws.iter_rows():
                    values = ["" if c.value is None else str(c.value) for c in row]
                    while values and values[-1] == "":
                        values.pop()
                    if values:
                        rows.append([str(row[0].row)] + values)
                out["sheets"][ws.title] = rows
            print(json.dumps(out, ensure_ascii=False))
            """
        let output = try PythonTool.run(script: script, arguments: [url.path])
        let decoded = try JSONDecoder().decode(OpenpyxlDump.self, from: Data(output.utf8))
        var result = decoded.sheets
        result["\u{0}order"] = [decoded.order]
        return result
    }

    private struct OpenpyxlDump: Decodable {
        var order: [String]
        var sheets: [String: [[String]]]
    }

    /// A workbook as `openpyxlRows(of:)` lays it out, for comparison.
    static func openpyxlLayout(of workbook: Workbook) -> [String: [[String]]] {
        var result: [String: [[String]]] = [:]
        for sheet in workbook.sheets {
            result[sheet.name] = sheet.rows.map { ["\($0.number)"] + $0.cells }
        }
        result["\u{0}order"] = [workbook.sheetNames]
        return result
    }
}

import Foundation
import SanaripCore

@testable import SanaripInstrument

/// Converts a fixture form (a folder of CSV sheets) with Sanarip and with pyxform 4.5.0, and compares the two
/// XForms with the corpus harness (`Benchmarks/xlsform-corpus/compare.py`).
///
/// pyxform reads a workbook that openpyxl builds from the same CSV sheets (one sheet per file, named after it), so
/// Sanarip's XLSX writer is not involved.
enum PyxformComparison {
    /// The harness's differences between pyxform's XForm and Sanarip's for `instrument`, read from `fixture`.
    static func differences(fixture: URL, instrument: Instrument) throws -> [String] {
        let output = try FormFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let sanarip = output.appendingPathComponent("sanarip.xml")
        try XFormWriter().xml(for: instrument).write(to: sanarip, atomically: true, encoding: .utf8)
        let script = """
            import csv, json, sys
            from pathlib import Path
            import openpyxl
            from pyxform.xls2xform import convert
            folder, sanarip, harness, scratch = map(Path, sys.argv[1:5])
            sys.path.insert(0, str(harness))
            from compare import compare
            book = openpyxl.Workbook()
            book.remove(book.active)
            for sheet in sorted(folder.glob("*.csv"), key=lambda p: (p.stem != "survey", p.stem)):
                target = book.create_sheet(sheet.stem)
                for row in csv.reader(sheet.open(encoding="utf-8")):
                    target.append(row)
            book.save(scratch / "form.xlsx")
            (scratch / "pyxform.xml").write_text(convert(xlsform=str(scratch / "form.xlsx"), warnings=[]).xform)
            print(json.dumps(compare(scratch / "pyxform.xml", sanarip)))
            """
        let harness = RepositoryPaths.root.appendingPathComponent("Benchmarks/xlsform-corpus")
        let result = try PythonTool.run(script: script, arguments: [fixture.path, sanarip.path, harness.path, output.path])
        return try JSONDecoder().decode([String].self, from: Data(result.utf8))
    }
}

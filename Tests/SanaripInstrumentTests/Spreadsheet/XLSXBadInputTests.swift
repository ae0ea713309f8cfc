import Foundation
import Testing
import ZIPFoundation

@testable import SanaripInstrument

@Suite("XLSXReader on bad input")
struct XLSXBadInputTests {
    /// Reads `data` expecting a one-line error that names `name`, and returns it.
    @discardableResult
    private func expectError(
        _ data: Data,
        name: String = "form.xlsx",
        limits: SpreadsheetLimits = .default,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> SpreadsheetError {
        let error = try #require(throws: SpreadsheetError.self, sourceLocation: sourceLocation) {
            try XLSXReader(limits: limits).read(data: data, name: name)
        }
        #expect(error.file == name, sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), "one line: \(error)", sourceLocation: sourceLocation)
        #expect(error.description.hasPrefix("\(name): "), sourceLocation: sourceLocation)
        return error
    }

    private func basicData() throws -> Data {
        try Data(contentsOf: SpreadsheetTestSupport.fixture("basic"))
    }

    @Test("an empty file")
    func emptyFile() throws {
        let error = try expectError(Data())
        #expect(error.description == "form.xlsx: the file is empty (0 bytes). Save it from Excel or LibreOffice as \"Excel Workbook (.xlsx)\".")
    }

    @Test("random bytes of several sizes", arguments: [1, 21, 22, 100, 4_096, 70_000, 300_000])
    func randomBytes(size: Int) throws {
        var generator = SeededGenerator(seed: UInt64(size))
        let error = try expectError(generator.bytes(size))
        #expect(error.description == "form.xlsx: not an .xlsx workbook (not a ZIP archive). Save it from Excel or LibreOffice as \"Excel Workbook (.xlsx)\".")
    }

    @Test("random bytes behind a ZIP signature and a planted end-of-archive record")
    func randomBytesLookingLikeZIP() throws {
        var generator = SeededGenerator(seed: 42)
        for size in [30, 500, 20_000] {
            var data = Data([0x50, 0x4B, 0x03, 0x04]) + generator.bytes(size)
            #expect(try expectError(data).message.hasPrefix("the archive is damaged or truncated ("))
            data += Data([0x50, 0x4B, 0x05, 0x06]) + generator.bytes(18)
            let error = try expectError(data)
            #expect(error.message.contains("damaged"), "\(error)")
        }
    }

    @Test("a valid workbook cut short at many lengths")
    func truncated() throws {
        let data = try basicData()
        var lengths = Array(stride(from: 1, to: data.count, by: 211))
        lengths += [data.count - 1, data.count - 21, data.count - 22, data.count - 23, data.count / 2]
        for length in lengths {
            let error = try expectError(data.prefix(length))
            #expect(
                error.message.hasPrefix("the archive is damaged or truncated (") || error.message.hasPrefix("not an .xlsx workbook"),
                "length \(length): \(error)"
            )
        }
    }

    @Test("a valid workbook with bytes flipped never crashes and is either read or refused in one line")
    func flippedBytes() throws {
        let data = try basicData()
        var generator = SeededGenerator(seed: 7)
        var refused = 0
        for _ in 0..<150 {
            var damaged = data
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[index] ^= UInt8.random(in: 1...255, using: &generator)
            }
            do {
                _ = try XLSXReader().read(data: damaged, name: "form.xlsx")
            } catch {
                refused += 1
                #expect(!error.description.contains("\n"), "\(error)")
                #expect(error.description.hasPrefix("form.xlsx: "))
            }
        }
        #expect(refused > 0)
    }

    @Test("a ZIP without xl/workbook.xml")
    func zipWithoutWorkbook() throws {
        let data = try SpreadsheetTestSupport.zip([("hello.txt", Data("hi".utf8))])
        let error = try expectError(data)
        #expect(error.description == "form.xlsx: not an .xlsx workbook (the ZIP archive has no xl/workbook.xml). Save it from Excel or LibreOffice as \"Excel Workbook (.xlsx)\".")
    }

    @Test("an OpenDocument spreadsheet and a Word document renamed to .xlsx are named as such")
    func otherOfficeFormats() throws {
        let ods = try SpreadsheetTestSupport.zip([
            ("mimetype", Data("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", Data("<a/>".utf8)),
        ])
        #expect(try expectError(ods).message.contains("OpenDocument spreadsheet (.ods)"))
        let docx = try SpreadsheetTestSupport.zip([("word/document.xml", Data("<a/>".utf8))])
        #expect(try expectError(docx).message.contains("Word document"))
    }

    @Test("an old .xls or a password-protected workbook (OLE compound file)")
    func compoundFile() throws {
        let data = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 600)
        #expect(try expectError(data).message.contains("Excel 97-2003 (.xls)"))
    }

    @Test("a sheet that is not well-formed XML", arguments: [
        ("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></sheetData></worksheet>", "does not match"),
        ("<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>", "not properly closed (is the file cut short?)"),
        ("", "it has no content"),
        ("<worksheet/><worksheet/>", "not properly closed"),
        ("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a &bogus; b</t></is></c></row></sheetData></worksheet>",
         "unknown or broken entity"),
        ("<worksheet><sheetData><row r=1></row></sheetData></worksheet>", "an attribute is broken"),
        ("<worksheet>\u{1}</worksheet>", "a character XML does not allow"),
    ])
    func invalidSheetXML(xml: String, reason: String) throws {
        let data = try SpreadsheetTestSupport.zip(SpreadsheetTestSupport.minimalParts(sheetXML: xml))
        let error = try expectError(data)
        #expect(error.message.hasPrefix("sheet 'survey' is not valid XML at line "), "\(error)")
        #expect(error.message.contains(reason), "\(error)")
    }

    @Test("the line of an XML error is reported")
    func xmlErrorLine() throws {
        let xml = """
            <?xml version="1.0"?>
            <worksheet><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>a &bogus; b</t></is></c></row>
            </sheetData></worksheet>
            """
        let data = try SpreadsheetTestSupport.zip(SpreadsheetTestSupport.minimalParts(sheetXML: xml))
        let error = try expectError(data)
        #expect(error.message.hasPrefix("sheet 'survey' is not valid XML at line 3, column "), "\(error)")
    }

    @Test("a DTD (the way to an entity-expansion bomb) is refused")
    func documentTypeDefinition() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>
            """
        let data = try SpreadsheetTestSupport.zip(SpreadsheetTestSupport.minimalParts(sheetXML: xml))
        #expect(try expectError(data).message == "sheet 'survey' contains a DTD, which spreadsheet files never do")
    }

    @Test("cells that point at nothing or nowhere", arguments: [
        ("<c r=\"A1\" t=\"s\"><v>3</v></c>", "sheet 'survey' has a cell A1 that refers to shared string #3, but the workbook has only 0"),
        ("<c r=\"XFE1\"><v>1</v></c>", "sheet 'survey' has a cell with an invalid reference 'XFE1'"),
        ("<c r=\"A0\"><v>1</v></c>", "sheet 'survey' has a cell with an invalid reference 'A0'"),
        ("<c r=\"1A\"><v>1</v></c>", "sheet 'survey' has a cell with an invalid reference '1A'"),
    ])
    func badCells(cell: String, message: String) throws {
        let xml = "<worksheet><sheetData><row r=\"1\">\(cell)</row></sheetData></worksheet>"
        let data = try SpreadsheetTestSupport.zip(SpreadsheetTestSupport.minimalParts(sheetXML: xml))
        #expect(try expectError(data).message == message)
    }

    @Test("a sheet that points at a missing part")
    func missingSheetPart() throws {
        var parts = SpreadsheetTestSupport.minimalParts(sheetXML: "<worksheet/>")
        parts.removeLast()
        let error = try expectError(SpreadsheetTestSupport.zip(parts))
        #expect(error.message.hasPrefix("sheet 'survey' points to xl/worksheets/sheet1.xml, which is missing from the archive"))
    }

    @Test("more cells than the limit allows")
    func cellLimit() throws {
        let cells = (0..<20).map { "<c r=\"\(SpreadsheetColumn.letter($0))1\"><v>\($0)</v></c>" }.joined()
        let xml = "<worksheet><sheetData><row r=\"1\">\(cells)</row></sheetData></worksheet>"
        let data = try SpreadsheetTestSupport.zip(SpreadsheetTestSupport.minimalParts(sheetXML: xml))
        let error = try expectError(data, limits: SpreadsheetLimits(maxCells: 10))
        #expect(error.message == "sheet 'survey' takes the workbook past 10 cells; refusing to read it")
        #expect(try XLSXReader(limits: SpreadsheetLimits(maxCells: 20)).read(data: data, name: "x").sheets[0].rows[0].cells.count == 20)
    }

    // MARK: - Zip bombs

    /// Writes a one-sheet workbook whose sheet entry is `size` bytes of the same character, streamed
    /// through ZIPFoundation so the test never holds it, and returns the archive's bytes.
    private func bombData(sheetSize: Int, sharedStringsSize: Int? = nil) throws -> Data {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bomb.xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, bytes) in SpreadsheetTestSupport.minimalParts(sheetXML: "").dropLast() {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) {
                position, size in bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        func addPadded(_ path: String, open: String, close: String, size: Int) throws {
            let head = Data(open.utf8), tail = Data(close.utf8)
            let total = head.count + size + tail.count
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(total), compressionMethod: .deflate) {
                position, chunk in
                let start = Int(position), end = Int(position) + chunk
                var data = Data(repeating: 0x20, count: chunk)
                if start < head.count {
                    let upper = min(head.count, end)
                    data.replaceSubrange(0..<(upper - start), with: head[start..<upper])
                }
                let tailStart = total - tail.count
                if end > tailStart {
                    let lower = max(start, tailStart)
                    data.replaceSubrange((lower - start)..<chunk, with: tail[(lower - tailStart)..<(end - tailStart)])
                }
                return data
            }
        }
        if let sharedStringsSize {
            try addPadded("xl/sharedStrings.xml", open: "<sst>", close: "</sst>", size: sharedStringsSize)
        }
        try addPadded("xl/worksheets/sheet1.xml", open: "<worksheet>", close: "</worksheet>", size: sheetSize)
        return try Data(contentsOf: url)
    }

    @Test("an entry that inflates past the entry limit (50 MB of spaces against 5 MB)")
    func zipBombEntryLimit() throws {
        let data = try bombData(sheetSize: 50_000_000)
        #expect(data.count < 200_000)
        let limits = SpreadsheetLimits(maxEntryBytes: 5_000_000, maxCompressionRatio: 1_000_000)
        let error = try expectError(data, name: "bomb.xlsx", limits: limits)
        #expect(error.description == "bomb.xlsx: xl/worksheets/sheet1.xml expands beyond 5 MB; refusing to read it (possible zip bomb)")
    }

    @Test("an entry whose directory lies about its size is stopped by the bytes actually inflated")
    func zipBombLyingSize() throws {
        var data = try bombData(sheetSize: 50_000_000)
        let name = Data("xl/worksheets/sheet1.xml".utf8)
        let local = try #require(data.range(of: name)).lowerBound - 30
        let central = try #require(data.range(of: name, options: .backwards)).lowerBound - 46
        for offset in [local + 22, central + 24] {
            data.replaceSubrange(offset..<offset + 4, with: [0xE8, 0x03, 0, 0])
        }
        let limits = SpreadsheetLimits(maxEntryBytes: 5_000_000, maxCompressionRatio: 1_000_000)
        let error = try expectError(data, name: "bomb.xlsx", limits: limits)
        #expect(error.description == "bomb.xlsx: xl/worksheets/sheet1.xml expands beyond 5 MB; refusing to read it (possible zip bomb)")
    }

    @Test("an entry that inflates past the compression ratio limit")
    func zipBombRatio() throws {
        let data = try bombData(sheetSize: 3_000_000)
        let error = try expectError(data, name: "bomb.xlsx", limits: SpreadsheetLimits(maxCompressionRatio: 100))
        #expect(error.description == "bomb.xlsx: xl/worksheets/sheet1.xml expands more than 100 times its compressed size; refusing to read it (possible zip bomb)")
        let generous = SpreadsheetLimits(maxCompressionRatio: 100_000)
        #expect(try XLSXReader(limits: generous).read(data: data, name: "bomb.xlsx").sheets.first?.rows == [])
    }

    @Test("entries that together inflate past the total limit")
    func zipBombTotal() throws {
        let data = try bombData(sheetSize: 3_000_000, sharedStringsSize: 3_000_000)
        let limits = SpreadsheetLimits(maxTotalUncompressedBytes: 4_000_000, maxCompressionRatio: 1_000_000)
        let error = try expectError(data, name: "bomb.xlsx", limits: limits)
        #expect(error.description == "bomb.xlsx: the workbook expands beyond 4 MB in total; refusing to read it (possible zip bomb)")
    }

    @Test("a deflate stream that never ends is reported, not waited on", .timeLimit(.minutes(1)))
    func endlessDeflateStream() throws {
        // A stored, non-final deflate block holding the whole sheet: the stream asks for another block
        // where the entry ends.
        let sheet = Data("<worksheet/>".utf8)
        let raw = Data([0x00, UInt8(sheet.count), 0x00, ~UInt8(sheet.count), 0xFF]) + sheet
        var parts = SpreadsheetTestSupport.minimalParts(sheetXML: "")
        parts.removeLast()
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in parts + [("xl/worksheets/sheet1.xml", raw)] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .none) {
                position, size in bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        var data = try #require(archive.data)
        let name = Data("xl/worksheets/sheet1.xml".utf8)
        let local = try #require(data.range(of: name)).lowerBound - 30
        let central = try #require(data.range(of: name, options: .backwards)).lowerBound - 46
        data[local + 8] = 8
        data[central + 10] = 8
        let error = try expectError(data)
        #expect(error.message.hasPrefix("the archive is damaged or truncated (xl/worksheets/sheet1.xml"), "\(error)")
    }

    @Test("a file larger than the limit is refused before it is read")
    func oversizedFile() throws {
        let folder = try SpreadsheetTestSupport.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("big.xlsx")
        try Data(count: 2_000).write(to: url)
        let error = try #require(throws: SpreadsheetError.self) {
            try XLSXReader(limits: SpreadsheetLimits(maxTotalUncompressedBytes: 1_000)).read(contentsOf: url)
        }
        #expect(error.description == "big.xlsx: the file is larger than 1 KB; refusing to read it")
    }
}

import Foundation
import Testing

@testable import SanaripInstrument

@Suite("CSV")
struct CSVCodecTests {
    let codec = CSVCodec()

    @Test("RFC 4180 parsing", arguments: [
        ("a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("a,b,c\r\n1,2,3\r\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ("a,b\r1,2", [["a", "b"], ["1", "2"]]),
        ("a,b\n1,2", [["a", "b"], ["1", "2"]]),
        ("\"a,b\",c", [["a,b", "c"]]),
        ("\"say \"\"hi\"\"\",x", [["say \"hi\"", "x"]]),
        ("\"line\nbreak\",\"crlf\r\nbreak\"\nnext", [["line\nbreak", "crlf\r\nbreak"], ["next"]]),
        (",,\n", [["", "", ""]]),
        ("a,\n", [["a", ""]]),
        ("\"\"\n\"\",\"\"", [[""], ["", ""]]),
        ("a\n\nb\n", [["a"], [""], ["b"]]),
        ("", []),
        ("\n", [[""]]),
        ("ab\"c,d", [["ab\"c", "d"]]),
        ("\"quoted\"tail,x", [["quotedtail", "x"]]),
        (" \"spaced\" ,x", [[" \"spaced\" ", "x"]]),
        ("\u{FEFF}type,name\n", [["type", "name"]]),
        ("тип,имя\nтекст,\"Как вас зовут?\"\n", [["тип", "имя"], ["текст", "Как вас зовут?"]]),
    ])
    func parses(text: String, records: [[String]]) throws {
        #expect(try codec.records(in: text) == records)
        #expect(try codec.records(in: Data(text.utf8)) == records)
    }

    @Test("a UTF-8 byte order mark in bytes is skipped")
    func byteOrderMark() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("type,name\ntext,q1\n".utf8)
        #expect(try codec.records(in: data) == [["type", "name"], ["text", "q1"]])
    }

    @Test("an unclosed quote is an error naming the line it opens on")
    func unclosedQuote() throws {
        let error = try #require(throws: CSVCodec.ParseError.self) {
            try codec.records(in: "a,b\n\"multi\nline\",ok\n\"never closed,x\ny\n")
        }
        #expect(error == CSVCodec.ParseError(line: 4, message: "a quoted field is never closed (a \" is missing)"))
    }

    @Test("text that is not UTF-8 is an error naming the line")
    func notUTF8() throws {
        let data = Data("a,b\nc,d\n".utf8) + Data([0xCF, 0xF0, 0xE8, 0x2C, 0x31, 0x0A])  // Windows-1251 "При,1"
        let error = try #require(throws: CSVCodec.ParseError.self) { try codec.records(in: data) }
        #expect(error.line == 3)
        #expect(error.message == "the text is not UTF-8")
    }

    @Test("writing quotes only what needs quotes and ends lines with LF")
    func writes() {
        let text = codec.text(for: [
            ["plain", "with,comma", "with \"quote\"", "line\nbreak", "crlf\r\nbreak", " padded", "tail ", "Кыргызча"],
            [],
            ["", "x"],
        ])
        #expect(text == "plain,\"with,comma\",\"with \"\"quote\"\"\",\"line\nbreak\",\"crlf\r\nbreak\",\" padded\",\"tail \",Кыргызча\n\n,x\n")
    }

    @Test("whatever is written reads back the same")
    func roundTrip() throws {
        let records = [
            ["type", "name", "label::Русский", "hint"],
            ["text", "q1", "Как вас зовут?", "\"цитата\", с запятой"],
            ["note", "q2", "line one\nline two", "crlf\r\nline"],
            ["", "", "", "trailing  "],
            ["a\u{301}", "🎉", "tab\tinside", ";semicolon"],
        ]
        #expect(try codec.records(in: codec.text(for: records)) == records)
        let semicolons = CSVCodec(delimiter: ";")
        #expect(try semicolons.records(in: semicolons.text(for: records)) == records)
    }

    @Test("the delimiter is judged from the first line", arguments: [
        ("type,name,label\n", ","),
        ("type;name;label\n1,5;2\n", ";"),
        ("type\tname\n", "\t"),
        ("\"a;b\",c\n", ","),
        ("\"a,b\";c\n", ";"),
        ("single\n", ","),
    ] as [(String, Character)])
    func detectsDelimiter(text: String, delimiter: Character) {
        #expect(CSVCodec.detectDelimiter(in: text) == delimiter)
    }

    @Test("a CSV sheet keeps row numbers, leaves out empty rows, trims trailing empty cells")
    func sheet() throws {
        let data = Data("type,name,label,,\n,,\n\ntext,q1,\"Имя\"\n".utf8)
        let sheet = try CSVSheetReader().sheet(named: "survey", data: data, file: "survey.csv")
        #expect(sheet == Sheet(name: "survey", rows: [
            Row(number: 1, cells: ["type", "name", "label"]),
            Row(number: 4, cells: ["text", "q1", "Имя"]),
        ]))
    }

    @Test("a semicolon CSV from a Russian-locale Excel reads as columns")
    func semicolonSheet() throws {
        let data = Data("\u{FEFF}type;name;label\r\ninteger;age;Возраст\r\n".utf8)
        let sheet = try CSVSheetReader().sheet(named: "survey", data: data, file: "survey.csv")
        #expect(sheet.rows.map(\.cells) == [["type", "name", "label"], ["integer", "age", "Возраст"]])
    }

    @Test("CSV sheet errors are one line naming the file")
    func sheetErrors() throws {
        let unclosed = try #require(throws: SpreadsheetError.self) {
            try CSVSheetReader().sheet(named: "survey", data: Data("a\n\"b\n".utf8), file: "survey.csv")
        }
        #expect(unclosed.description == "survey.csv: line 2: a quoted field is never closed (a \" is missing)")
        let latin = try #require(throws: SpreadsheetError.self) {
            try CSVSheetReader().sheet(named: "survey", data: Data([0x61, 0x0A, 0xFF]), file: "survey.csv")
        }
        #expect(latin.description == "survey.csv: line 2 is not UTF-8 text. Save the sheet as \"CSV UTF-8 (Comma delimited) (*.csv)\".")
        let big = try #require(throws: SpreadsheetError.self) {
            try CSVSheetReader(limits: SpreadsheetLimits(maxCells: 3)).sheet(named: "s", data: Data("a,b\nc,d\n".utf8), file: "s.csv")
        }
        #expect(big.description == "s.csv: holds more than 3 cells; refusing to read it")
    }
}

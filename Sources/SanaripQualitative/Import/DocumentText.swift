import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SanaripInstrument

/// The plain text of a transcript file: `.txt` (UTF-8), `.docx` (Word: `word/document.xml`) or `.odt`
/// (OpenDocument: `content.xml`), read from the ZIP with the reader the workbook import uses and its size limits.
/// Paragraphs end with a line feed; tabs and line breaks inside paragraphs are kept as `\t` and `\n`.
public enum DocumentText {
    /// Reads `url` by its extension.
    public static func read(_ url: URL) throws(QualitativeError) -> String {
        let file = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: file, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try read(data, file: file)
    }

    /// Reads the bytes of a file named `file` (an upload) by the name's extension.
    public static func read(_ data: Data, file: String) throws(QualitativeError) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "txt", "text": return try plainText(data, file: file)
        case "docx": return try zippedXML(data, file: file, part: "word/document.xml", format: .docx)
        case "odt": return try zippedXML(data, file: file, part: "content.xml", format: .odt)
        default:
            throw .unreadable(file: file, reason: "is not a transcript Sanarip reads; save it as .txt (UTF-8), .docx or .odt")
        }
    }

    /// UTF-8 text, a leading byte-order mark dropped.
    public static func plainText(_ data: Data, file: String) throws(QualitativeError) -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw .unreadable(file: file, reason: "is not UTF-8 text; save it as UTF-8 (in Notepad: Save as → Encoding UTF-8)")
        }
        return text
    }

    enum Format { case docx, odt }

    static func zippedXML(_ data: Data, file: String, part: String, format: Format) throws(QualitativeError) -> String {
        let kind = format == .docx ? "Word .docx" : "OpenDocument .odt"
        let xml: Data
        do {
            let archive = try ZIPArchiveReader(data: data)
            guard let entry = archive.entry(part) else {
                throw QualitativeError.unreadable(file: file, reason: "is a ZIP file without \(part), so not a \(kind) document; open it in Word or LibreOffice and save it again")
            }
            var budget = ZIPArchiveReader.Budget(limits: .default)
            xml = try archive.contents(of: entry, budget: &budget)
        } catch let error as QualitativeError {
            throw error
        } catch {
            throw .unreadable(file: file, reason: "is not a readable \(kind) document (\(error)); open it in Word or LibreOffice and save it again")
        }
        let collector = ParagraphCollector(format: format)
        let parser = XMLParser(data: xml)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        guard parser.parse() else {
            throw .unreadable(file: file, reason: "\(part), line \(parser.lineNumber), column \(parser.columnNumber): broken XML (\(parser.parserError.map { "\($0)" } ?? "unknown error")); the document is damaged")
        }
        return collector.text
    }
}

/// Collects paragraph text from WordprocessingML or ODF text XML.
private final class ParagraphCollector: NSObject, XMLParserDelegate {
    let format: DocumentText.Format
    var text = ""
    private var inText = false
    private var depthInParagraph = 0

    init(format: DocumentText.Format) {
        self.format = format
    }

    private static let word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    private static let odf = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch format {
        case .docx:
            guard namespaceURI == Self.word else { return }
            switch name {
            case "p": depthInParagraph += 1
            case "t": inText = true
            case "tab": text += "\t"
            case "br", "cr": text += "\n"
            default: break
            }
        case .odt:
            guard namespaceURI == Self.odf else { return }
            switch name {
            case "p", "h":
                depthInParagraph += 1
                inText = true
            case "s":
                let count = attributes["text:c"].flatMap(Int.init) ?? attributes["c"].flatMap(Int.init) ?? 1
                text += String(repeating: " ", count: max(1, min(count, 10_000)))
            case "tab": text += "\t"
            case "line-break": text += "\n"
            default: break
            }
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch format {
        case .docx:
            guard namespaceURI == Self.word else { return }
            if name == "t" { inText = false }
            if name == "p" {
                depthInParagraph -= 1
                text += "\n"
            }
        case .odt:
            guard namespaceURI == Self.odf else { return }
            if name == "p" || name == "h" {
                depthInParagraph -= 1
                inText = depthInParagraph > 0
                text += "\n"
            }
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { text += string }
    }
}

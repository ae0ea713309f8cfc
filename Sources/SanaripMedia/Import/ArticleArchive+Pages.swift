import Foundation
import SanaripQualitative

extension ArticleArchive {
    /// Reads a folder of saved article pages (`.html`, `.htm`, in subfolders too, in path order): each page's
    /// encoding detected (byte-order mark, `<meta charset>`, UTF-8, else windows-1251), its main text extracted
    /// (``ArticleExtractor``), its address from `<link rel="canonical">`, `og:url` or a browser's
    /// `<!-- saved from url=(…)… -->`, title and date from its metadata, outlet from the address's host (named by
    /// `og:site_name` when the page gives it).
    ///
    /// - Throws: ``MediaError/invalid(file:row:column:reason:)`` naming the page (relative to the folder) and the field.
    public static func readPages(folder: URL, known: [MediaSource]) throws(MediaError) -> ArticleArchive {
        let files = pageFiles(in: folder)
        guard !files.isEmpty else {
            throw .invalid(file: folder.lastPathComponent, row: nil, column: nil, reason: "no .html or .htm pages in the folder")
        }
        var builder = Builder(file: folder.lastPathComponent, known: known, origin: "page")
        for file in files {
            let name = String(file.path.dropFirst(folder.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            builder.file = name
            guard let data = try? Data(contentsOf: file) else { throw .invalid(file: name, row: nil, column: nil, reason: "cannot be read") }
            let bytes = [UInt8](data)
            let page = ArticleExtractor.extract(bytes: bytes)
            var address = page.url
            if address.isEmpty || URL(string: address)?.host == nil { address = savedFrom(bytes) ?? address }
            guard !address.isEmpty else {
                throw .invalid(file: name, row: nil, column: "url",
                               reason: "the page does not say its address (no <link rel=\"canonical\">, og:url or \"saved from url\"); add <link rel=\"canonical\" href=\"https://…\"> to it")
            }
            let fields = ["url": address, "title": page.title.isEmpty ? file.deletingPathExtension().lastPathComponent : page.title,
                          "source": page.siteName, "language": page.language, "text": page.text, "author": page.author]
            try builder.add(fields, row: nil, published: page.published) { $0 }
        }
        return builder.archive
    }

    /// The `.html`/`.htm` files under `folder`, sorted by path.
    static func pageFiles(in folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where ["html", "htm"].contains(url.pathExtension.lowercased()) { files.append(url) }
        return files.sorted { $0.path < $1.path }
    }

    /// The address in a browser's `<!-- saved from url=(0042)https://… -->` mark near the top of a saved page.
    static func savedFrom(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self)
        guard let mark = head.range(of: "saved from url=("), let close = head[mark.upperBound...].firstIndex(of: ")") else { return nil }
        let rest = head[head.index(after: close)...]
        let value = String(rest.prefix { !$0.isWhitespace }).components(separatedBy: "-->").first ?? ""
        return value.isEmpty ? nil : value
    }
}

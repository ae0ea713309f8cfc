import Foundation

extension ExportTable {
    /// Where each table of an export to `output` goes: the submissions to `output` itself, each repeat beside it
    /// as `OUTPUT-repeat.EXT` (as ODK Central names them); `EXT` is the output's extension, else `defaultExtension`.
    static func destinations(of tables: [ExportTable], output: URL, defaultExtension: String) -> [URL] {
        let folder = output.deletingLastPathComponent()
        let stem = output.deletingPathExtension().lastPathComponent
        let ext = output.pathExtension.isEmpty ? defaultExtension : output.pathExtension
        return tables.enumerated().map { index, table in
            let suffix = table.repeatPath.split(separator: "/").last.map(String.init) ?? table.name
            return index == 0 ? output : folder.appendingPathComponent("\(stem)-\(suffix).\(ext)")
        }
    }
}

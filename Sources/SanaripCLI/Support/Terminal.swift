import Foundation

/// Output for people: results on standard output, messages and progress on standard error.
enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// True when standard error is a terminal, so progress may redraw a line.
    static var isInteractive: Bool { isatty(2) != 0 }

    /// Writes `data` to `url` through a temporary file in the same folder, so a failure never leaves half a file.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }
}

import Foundation

/// Python 3's standard library (zlib, base64, json) as the independent reference for zlib, PNG and
/// Collect settings: scripts run with `python3 -c`, inputs passed as files.
enum Python {
    /// Runs `script` with `arguments` as `sys.argv[1:]`; returns standard output.
    static func run(_ script: String, _ arguments: [String] = []) throws -> String {
        try ExternalTool.output("python3", ["-c", script] + arguments)
    }

    /// Inflates the zlib stream in `data` with Python's zlib.
    static func inflate(_ data: [UInt8]) throws -> [UInt8] {
        let input = ExternalTool.file(".z"), output = ExternalTool.file(".raw")
        try Data(data).write(to: input)
        _ = try run("import sys, zlib; open(sys.argv[2], 'wb').write(zlib.decompress(open(sys.argv[1], 'rb').read()))", [input.path, output.path])
        return Array(try Data(contentsOf: output))
    }
}

import Foundation
import Testing

@testable import SanaripServer

@Suite("The web export's download")
struct ExportJobsTests {
    /// Python's `zipfile` (not the writer's own library) lists the archive and reads each entry back.
    static func entries(of zip: URL) throws -> [String: Data] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import base64, json, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(json.dumps({n: base64.b64encode(z.read(n)).decode() for n in z.namelist()}))",
            zip.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let listed = try JSONDecoder().decode([String: String].self, from: data)
        return listed.compactMapValues { Data(base64Encoded: $0) }
    }

    @Test("tables at the top of the zip and decrypted attachments under media/, as in ODK Central's export ZIP")
    func decryptedAttachmentsGoUnderMedia() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-export-zip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let media = directory.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        let files: [(URL, Data)] = [
            (directory.appendingPathComponent("enc_check.csv"), Data("KEY\nuuid:1\n".utf8)),
            (directory.appendingPathComponent("enc_check-child.csv"), Data("PARENT_KEY,KEY\n".utf8)),
            (media.appendingPathComponent("1701700000000.jpg"), Data((0..<2000).map { UInt8($0 % 253) })),
        ]
        for (url, data) in files { try data.write(to: url) }

        let zip = try ExportJobs.package(files.map(\.0), formID: "enc_check", in: directory)
        #expect(zip.lastPathComponent == "enc_check.zip")
        let entries = try Self.entries(of: zip)
        #expect(entries == [
            "enc_check.csv": files[0].1, "enc_check-child.csv": files[1].1, "media/1701700000000.jpg": files[2].1,
        ])
    }
}

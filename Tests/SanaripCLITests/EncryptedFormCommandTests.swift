import Foundation
import SanaripInstrument
import Testing

/// An encrypted form end to end: a key pair made by OpenSSL, the form's `public_key` in its settings, submissions
/// encrypted by `scripts/collect-encrypt.mjs` (Collect's algorithm written with Node's crypto, independent of the
/// Swift decryptor) and posted over OpenRosa as Collect posts them, then `sanarip export` with and without
/// `--private-key`.
@Suite("encrypted forms: stored as received, decrypted by sanarip export --private-key")
struct EncryptedFormCommandTests {
    static let encryptor = CommandRunner.repositoryRoot.appendingPathComponent("scripts/collect-encrypt.mjs")

    /// Writes the form (a name, an age, a photo) with `publicKey` in its settings.
    static func writeForm(in folder: URL, publicKey: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "type,name,label\ntext,respondent_name,Name\ninteger,age,Age\nimage,photo,Photo\n"
            .write(to: folder.appendingPathComponent("survey.csv"), atomically: true, encoding: .utf8)
        try "form_id,version,form_title,public_key,submission_url\nenc_check,3,Encrypted check,\(publicKey),http://127.0.0.1/submission\n"
            .write(to: folder.appendingPathComponent("settings.csv"), atomically: true, encoding: .utf8)
    }

    static func plaintext(_ id: Int, name: String, age: Int, photo: Bool) -> String {
        """
        <?xml version='1.0' ?><data id="enc_check" version="3" xmlns:orx="http://openrosa.org/xforms">\
        <respondent_name>\(name)</respondent_name><age>\(age)</age><photo>\(photo ? "photo.jpg" : "")</photo>\
        <meta><instanceID>uuid:0e0c5d7e-0000-4000-8000-00000000000\(id)</instanceID></meta></data>
        """
    }

    @Test func encryptedSubmissionsAreStoredAsReceivedAndDecryptedOnlyWithTheFormsKey() throws {
        let scratch = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let key = scratch.appendingPathComponent("key.pem"), otherKey = scratch.appendingPathComponent("other.pem")
        let publicPEM = scratch.appendingPathComponent("public.pem")
        try CommandRunner.tool("openssl", ["genrsa", "-out", key.path, "2048"])
        try CommandRunner.tool("openssl", ["genrsa", "-out", otherKey.path, "2048"])
        try CommandRunner.tool("openssl", ["rsa", "-in", key.path, "-pubout", "-out", publicPEM.path])
        let publicKey = try String(contentsOf: publicPEM, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let publicKeyFile = scratch.appendingPathComponent("public.b64")
        try publicKey.write(to: publicKeyFile, atomically: true, encoding: .utf8)
        let form = scratch.appendingPathComponent("form"), data = scratch.appendingPathComponent("data")
        try Self.writeForm(in: form, publicKey: publicKey)
        #expect(try CommandRunner.run(["form", "publish", form.path, "--data", data.path]).status == 0)
        let token = try CommandRunner.run(["collector", "add", "Encrypted test", "--data", data.path]).stdout.trimmingCharacters(in: .newlines)
        let photo = scratch.appendingPathComponent("photo.jpg")
        try Data((0..<3000).map { UInt8($0 % 251) }).write(to: photo)

        // 1 with a photo, 2 without, 3 with a signature that does not match, 4 whose submission.xml.enc never arrives.
        let cases: [(id: Int, name: String, age: Int, photo: Bool, tamper: Bool, sendXML: Bool)] = [
            (1, "Айгүл", 34, true, false, true), (2, "Bakyt, \"Jr\"", 19, false, false, true),
            (3, "Tampered", 50, false, true, true), (4, "Missing", 61, false, false, false),
        ]
        let server = try ServeProcess(data: data, adminPassword: "encrypted-test-password")
        for item in cases {
            let folder = scratch.appendingPathComponent("submission-\(item.id)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let xml = folder.appendingPathComponent("plain.xml")
            try Self.plaintext(item.id, name: item.name, age: item.age, photo: item.photo).write(to: xml, atomically: true, encoding: .utf8)
            let out = folder.appendingPathComponent("out")
            try CommandRunner.tool(
                "node", [Self.encryptor.path, publicKeyFile.path, xml.path, out.path] + (item.photo ? [photo.path] : []) + (item.tamper ? ["--tamper"] : [])
            )
            var parts = ["-F", "xml_submission_file=@\(out.appendingPathComponent("submission.xml").path);type=text/xml"]
            if item.photo { parts += ["-F", "photo.jpg.enc=@\(out.appendingPathComponent("photo.jpg.enc").path);type=application/octet-stream"] }
            if item.sendXML { parts += ["-F", "submission.xml.enc=@\(out.appendingPathComponent("submission.xml.enc").path);type=application/octet-stream"] }
            let status = try CommandRunner.tool(
                "curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "X-OpenRosa-Version: 1.0"] + parts + [server.baseURL + token + "/submission"]
            )
            #expect(status == "201", "submission \(item.id) stored")
            let manifest = try Data(contentsOf: out.appendingPathComponent("submission.xml"))
            #expect(!String(decoding: manifest, as: UTF8.self).contains(item.name), "the manifest carries no answer")
        }
        server.stop()

        // Without the key: one row per submission with its own columns, and no answer anywhere.
        let plain = scratch.appendingPathComponent("no-key.csv")
        #expect(try CommandRunner.run(["export", "enc_check", "--data", data.path, "-o", plain.path]).status == 0)
        let locked = try CSVCodec().records(in: String(contentsOf: plain, encoding: .utf8))
        let header = try #require(locked.first)
        let name = try #require(header.firstIndex(of: "respondent_name")), age = try #require(header.firstIndex(of: "age"))
        let instance = try #require(header.firstIndex(of: "meta-instanceID"))
        #expect(locked.count == 5)
        #expect(locked.dropFirst().allSatisfy { $0[name].isEmpty && $0[age].isEmpty })
        #expect(!String(decoding: try Data(contentsOf: plain), as: UTF8.self).contains("Айгүл"))
        let media = scratch.appendingPathComponent("media")
        #expect(!FileManager.default.fileExists(atPath: media.path), "no key, no decrypted attachments")

        // Another key pair's private key: refused, nothing written.
        let refused = scratch.appendingPathComponent("wrong-key.csv")
        let wrong = try CommandRunner.run(["export", "enc_check", "--data", data.path, "--private-key", otherKey.path, "-o", refused.path])
        #expect(wrong.status == 1 && wrong.stderr.contains("not the key of the form's public_key"))
        #expect(!FileManager.default.fileExists(atPath: refused.path))
        #expect(!FileManager.default.fileExists(atPath: media.path), "nothing decrypted with another key")

        // The form's key: the answers as they were typed; the altered and the incomplete submissions left out, named.
        let opened = scratch.appendingPathComponent("key.csv")
        let run = try CommandRunner.run(["export", "enc_check", "--data", data.path, "--private-key", key.path, "-o", opened.path])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try CSVCodec().records(in: String(contentsOf: opened, encoding: .utf8))
        let answers = rows.dropFirst().map { [$0[instance], $0[name], $0[age]] }
        #expect(answers == cases.filter { !$0.tamper && $0.sendXML }.map { ["uuid:0e0c5d7e-0000-4000-8000-00000000000\($0.id)", $0.name, String($0.age)] })
        #expect(run.stderr.contains("uuid:0e0c5d7e-0000-4000-8000-000000000003 does not match its signature"))
        #expect(run.stderr.contains("uuid:0e0c5d7e-0000-4000-8000-000000000004 has not received its encrypted file submission.xml.enc"))
        // Its decrypted photo in media/ beside the export, as in ODK Central's ZIP: byte for byte what Collect encrypted.
        #expect(try FileManager.default.contentsOfDirectory(atPath: media.path) == ["photo.jpg"])
        #expect(try Data(contentsOf: media.appendingPathComponent("photo.jpg")) == Data(contentsOf: photo))
        #expect(run.stderr.contains("wrote 1 decrypted attachment to \(media.path)"))

        // The .sav export decrypts through the same path.
        let sav = scratch.appendingPathComponent("key.sav")
        #expect(try CommandRunner.run(["export", "enc_check", "--format", "sav", "--data", data.path, "--private-key", key.path, "-o", sav.path]).status == 0)
        try CommandRunner.tool("pspp-convert", [sav.path, scratch.appendingPathComponent("key-sav.csv").path])
        let fromSav = try CSVCodec().records(in: String(contentsOf: scratch.appendingPathComponent("key-sav.csv"), encoding: .utf8))
        #expect(fromSav.dropFirst().compactMap { $0.first { $0 == "Айгүл" } } == ["Айгүл"])
    }
}

import Foundation
import Testing

/// `sanarip serve` as a child process, driven over loopback by independent clients.
@Suite("sanarip serve speaks OpenRosa to real clients", .serialized)
struct OpenRosaServeTests {
    static let form = FieldCollectionCommandTests.form

    /// A data folder with `field_check` published.
    static func publishedData() throws -> URL {
        let root = try CommandRunner.temporaryDirectory()
        let data = root.appendingPathComponent("data")
        let published = try CommandRunner.run(["form", "publish", form.path, "--data", data.path])
        guard published.status == 0 else { throw ServeProcess.Failure(description: published.stderr) }
        return data
    }

    static func submissionXML(_ instanceID: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="field_check" version="1">\
        <start>2026-12-04T10:00:00.000+06:00</start><access><used_internet>1</used_internet><apps>whatsapp</apps>\
        <age>34</age></access><photo>house.jpg</photo><member><member_name>Aida</member_name><member_age>34</member_age></member>\
        <meta><instanceID>\(instanceID)</instanceID></meta></data>
        """
    }

    @Test("curl --digest signs in at the root (formList, POST), wrong passwords get 401 with both challenges; curl --basic too")
    func curlDigest() throws {
        let data = try Self.publishedData()
        defer { try? FileManager.default.removeItem(at: data.deletingLastPathComponent()) }
        let server = try ServeProcess(data: data)
        defer { server.stop() }
        let header = ["-H", "X-OpenRosa-Version: 1.0"]
        let list = try CommandRunner.tool(
            "curl", ["-sS", "--fail", "--digest", "-u", "admin:correct-horse-battery"] + header + ["\(server.baseURL)/formList"]
        )
        #expect(list.contains("<formID>field_check</formID>"))

        let refused = try CommandRunner.tool(
            "curl", ["-sS", "-D", "-", "-o", "/dev/null", "--digest", "-u", "admin:wrong-password!"] + header + ["\(server.baseURL)/formList"]
        )
        #expect(refused.hasPrefix("HTTP/1.1 401"))
        let challenges = refused.split(separator: "\r\n").filter { $0.lowercased().hasPrefix("www-authenticate:") }
        #expect(challenges.contains { $0.contains("Digest realm=\"Sanarip\", qop=\"auth\", algorithm=MD5, nonce=") })
        #expect(challenges.contains { $0.contains("Basic realm=\"Sanarip\"") })

        let xml = data.deletingLastPathComponent().appendingPathComponent("submission.xml")
        try Data(Self.submissionXML("uuid:0d1e5a00-0000-4000-8000-000000000001").utf8).write(to: xml)
        let status = try CommandRunner.tool(
            "curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--digest", "-u", "admin:correct-horse-battery"] + header
                + ["-F", "xml_submission_file=@\(xml.path);type=text/xml", "\(server.baseURL)/submission"]
        )
        #expect(status == "201")
        let basic = try CommandRunner.tool(
            "curl", ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--basic", "-u", "admin:correct-horse-battery"] + header + ["\(server.baseURL)/formList"]
        )
        #expect(basic == "200")
    }

    @Test("kill -9 during 16 concurrent submissions with photos: after a restart every acknowledged one is stored once, whole, and no stray file is left")
    func killNineDuringConcurrentSubmissions() throws {
        let data = try Self.publishedData()
        let root = data.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: root) }
        let key = try CommandRunner.run(["collector", "add", "Durability", "--data", data.path]).stdout.trimmingCharacters(in: .newlines)
        let clients = 16
        let photos = try (0..<clients).map { client in
            let photo = root.appendingPathComponent("photo-\(client).jpg")
            var generator = SystemRandomNumberGenerator()
            try Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: photo)
            return photo
        }
        let server = try ServeProcess(data: data)
        let url = server.baseURL + key + "/submission"
        let acknowledged = Acknowledged()
        Thread.detachNewThread {
            // Kill once submissions are flowing, while others are in flight.
            let deadline = Date().addingTimeInterval(60)
            while acknowledged.count < 40, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            server.kill9()
        }
        DispatchQueue.concurrentPerform(iterations: clients) { client in
            for number in 0..<10_000 {
                let instanceID = String(format: "uuid:0d1e5a00-0000-4000-8000-%04x%08x", client, number)
                let xml = root.appendingPathComponent("s-\(client).xml")
                try? Data(Self.submissionXML(instanceID).utf8).write(to: xml)
                let result = try? CommandRunner.run(
                    ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "X-OpenRosa-Version: 1.0",
                     "-F", "xml_submission_file=@\(xml.path);type=text/xml", "-F", "house.jpg=@\(photos[client].path);type=image/jpeg", url],
                    executable: URL(fileURLWithPath: "/usr/bin/env")
                )
                guard let result, result.stdout == "201" else { return }
                acknowledged.add(instanceID, photo: photos[client])
            }
        }
        server.kill9()
        let acked = acknowledged.all
        try #require(acked.count >= 40, "only \(acked.count) submissions were acknowledged before the kill")

        // The restart removes leftovers; then the store is read with Python's sqlite3, files hashed with hashlib.
        let restarted = try ServeProcess(data: data, logName: "restart.log")
        restarted.stop()
        let mapping = root.appendingPathComponent("acknowledged.json")
        try JSONSerialization.data(withJSONObject: acked.mapValues(\.path)).write(to: mapping)
        let script = """
            import hashlib, json, os, sqlite3, sys
            data, acked = sys.argv[1], json.load(open(sys.argv[2]))
            db = sqlite3.connect(os.path.join(data, "sanarip.sqlite"))
            md5 = lambda p: hashlib.md5(open(p, "rb").read()).hexdigest()
            rows = db.execute("SELECT s.instance_id, a.is_present, a.path, a.md5 FROM submission s LEFT JOIN submission_attachment a ON a.submission_id = s.id").fetchall()
            stored = {}
            for instance, present, path, digest in rows: stored.setdefault(instance, []).append((present, path, digest))
            problems = []
            for instance, photo in acked.items():
                entries = stored.get(instance, [])
                if len(entries) != 1: problems.append("%s stored %d times" % (instance, len(entries))); continue
                present, path, digest = entries[0]
                if not present or not path: problems.append("%s has no photo" % instance); continue
                if md5(os.path.join(data, path)) != md5(photo) or digest != md5(photo): problems.append("%s photo differs" % instance)
            referenced = {r[0] for r in db.execute("SELECT path FROM submission_attachment WHERE path IS NOT NULL")}
            for folder, _, files in os.walk(os.path.join(data, "attachments")):
                for name in files:
                    relative = os.path.relpath(os.path.join(folder, name), data)
                    if relative not in referenced: problems.append("stray file " + relative)
            tmp = os.path.join(data, "tmp")
            problems += ["temporary file " + f for f in (os.listdir(tmp) if os.path.isdir(tmp) else [])]
            print(json.dumps({"stored": len(stored), "problems": problems}))
            """
        let result = try CommandRunner.run(["python3", "-c", script, data.path, mapping.path], executable: URL(fileURLWithPath: "/usr/bin/env"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        #expect((report["problems"] as? [String]) == [], "\(report)")
        #expect((report["stored"] as? Int ?? 0) >= acked.count)
    }

    /// The instance ids the server acknowledged with 201, and the photo each carried; shared by the client threads.
    final class Acknowledged: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String: URL] = [:]

        func add(_ instanceID: String, photo: URL) { lock.withLock { entries[instanceID] = photo } }
        var count: Int { lock.withLock { entries.count } }
        var all: [String: URL] { lock.withLock { entries } }
    }
}

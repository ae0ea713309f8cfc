import Foundation
import HummingbirdTLS
import NIOSSL
import Testing
@testable import SanaripAudit

/// HTTPS read from real TLS servers on loopback: a certificate authority made for the test with the `openssl` tool
/// signs the fixture servers' certificate, and only this test's crawler trusts it.
@Suite("HTTPS: TLS fixture sites")
struct HTTPSTests {
    /// A fresh CA, a certificate it signs for 127.0.0.1, and a self-signed certificate nobody trusts (PEM texts).
    struct Certificates {
        var caCertificate: String
        var serverCertificate: String
        var serverKey: String
        var strangerCertificate: String
        var strangerKey: String

        static func make() throws -> Certificates {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanarip-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
            try "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n".write(toFile: path("san.ext"), atomically: true, encoding: .utf8)
            try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2",
                         "-subj", "/CN=Sanarip test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
            try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=127.0.0.1"])
            try openssl(["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-CAcreateserial",
                         "-out", path("server.pem"), "-days", "2", "-extfile", path("san.ext")])
            try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("stranger.key"), "-out", path("stranger.pem"),
                         "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
            func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }
            return Certificates(caCertificate: try read("ca.pem"), serverCertificate: try read("server.pem"), serverKey: try read("server.key"),
                                strangerCertificate: try read("stranger.pem"), strangerKey: try read("stranger.key"))
        }

        static func openssl(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw AuditError("openssl \(arguments.first ?? "") failed (scripts/setup.sh installs openssl): \(message)")
            }
        }

        func server(certificate: String, key: String) throws -> TLSConfiguration {
            TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificate.utf8)).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem)))
        }
    }

    static let robots = FixtureResponse(headers: [("Content-Type", "text/plain")], body: Array("User-agent: *\nDisallow:\n".utf8))

    static func page(_ body: String, headers: [(String, String)] = []) -> FixtureResponse {
        FixtureResponse(headers: [("Content-Type", "text/html; charset=utf-8")] + headers, body: Array("""
            <!DOCTYPE html><html lang="ky"><head><meta charset="utf-8"><title>Айыл өкмөтү</title></head>
            <body><h1>Айыл өкмөтү</h1>\(body)</body></html>
            """.utf8))
    }

    @Test("https reachable, http→https redirect, HSTS, mixed content, and an untrusted certificate recorded as the site's problem")
    func tlsSites() async throws {
        let certificates = try Certificates.make()
        let trusted = try certificates.server(certificate: certificates.serverCertificate, key: certificates.serverKey)
        // A: https with HSTS and one http:// image (mixed content); its http twin redirects to it.
        let secure = FixtureServer(pages: [
            "/robots.txt": Self.robots,
            "/": Self.page(#"<p>Жаңылыктар</p><img src="http://127.0.0.1:9/logo.png" alt="Логотип"><script src="/app.js"></script>"#,
                           headers: [("Strict-Transport-Security", "max-age=31536000; includeSubDomains")]),
        ], tls: trusted)
        let secureBase = try await secure.start()
        defer { secure.stop() }
        let plain = FixtureServer(pages: ["/robots.txt": Self.robots, "/": .redirect(.movedPermanently, to: secureBase + "/")])
        let plainBase = try await plain.start()
        defer { plain.stop() }
        // B: https without HSTS, every resource over https.
        let clean = FixtureServer(pages: [
            "/robots.txt": Self.robots,
            "/": Self.page(#"<img src="https://127.0.0.1:9/logo.png" alt="Логотип"><img src="/local.png" alt="Сүрөт">"#),
        ], tls: trusted)
        let cleanBase = try await clean.start()
        defer { clean.stop() }
        // C: a certificate no one vouches for.
        let stranger = FixtureServer(pages: ["/robots.txt": Self.robots, "/": Self.page("<p>?</p>")],
                                     tls: try certificates.server(certificate: certificates.strangerCertificate, key: certificates.strangerKey))
        let strangerBase = try await stranger.start()
        defer { stranger.stop() }
        #expect(secureBase.hasPrefix("https://") && plainBase.hasPrefix("http://"))

        var settings = AuditFixtures.settings()
        settings.testTrustRootsPEM = [certificates.caCertificate]
        let audits = try await AuditFixtures.run([
            AuditSite(municipality: "41702215000010", url: plainBase + "/"),
            AuditSite(municipality: "41702215000020", url: cleanBase + "/"),
            AuditSite(municipality: "41702215000030", url: strangerBase + "/"),
        ], settings: settings)
        func audit(_ municipality: String) throws -> SiteAudit { try #require(audits.first { $0.municipality == municipality }) }
        func value(_ audit: SiteAudit, _ id: String) -> Double? { audit.indicator(id)?.value }

        let redirected = try audit("41702215000010")
        #expect(redirected.reachable && redirected.https)
        #expect(value(redirected, "https") == 1)
        #expect(value(redirected, "http_to_https") == 1)
        #expect(try #require(redirected.indicator("http_to_https")).evidence.map(\.found) == ["301 → \(secureBase)/"])
        #expect(value(redirected, "hsts") == 1)
        #expect(try #require(redirected.indicator("hsts")).evidence.first?.found == "Strict-Transport-Security: max-age=31536000; includeSubDomains")
        #expect(value(redirected, "no_mixed_content") == 0)
        #expect(try #require(redirected.indicator("no_mixed_content")).evidence.map(\.found) == ["http://127.0.0.1:9/logo.png"])
        #expect(secure.paths.contains("/") && plain.paths == ["/robots.txt", "/"])

        let secureOnly = try audit("41702215000020")
        #expect(value(secureOnly, "https") == 1)
        #expect(value(secureOnly, "http_to_https") == 0)
        #expect(value(secureOnly, "hsts") == 0)
        #expect(value(secureOnly, "no_mixed_content") == 1)

        let untrusted = try audit("41702215000030")
        #expect(!untrusted.reachable)
        #expect(untrusted.problem == "invalid TLS certificate")
        #expect(value(untrusted, "reachable") == 0)
        #expect(try #require(untrusted.indicator("reachable")).evidence.first?.found.hasPrefix("invalid TLS certificate") == true)
        #expect(stranger.paths.isEmpty, "no request gets through an untrusted handshake")

        // Without the test CA the crawler trusts only the system's roots: the same good site is refused.
        let strict = try await AuditFixtures.run([AuditSite(municipality: "41702215000020", url: cleanBase + "/")])
        #expect(strict.first?.problem == "invalid TLS certificate")
    }
}

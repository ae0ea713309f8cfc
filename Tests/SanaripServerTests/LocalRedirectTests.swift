import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import SanaripServer

/// The sign-in form's `next`, checked against the WHATWG URL parser that browsers use (Node's `URL`).
@Suite("Redirects after signing in")
struct LocalRedirectTests {
    /// Addresses that a browser resolves to another host, each a way past a naive "starts with one slash" check.
    static let attacks = [
        "/\t/evil.example/phish", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example", " //evil.example",
        "/\\evil.example", "\\/evil.example", "/\\/evil.example", "\\\\evil.example", "//evil.example", "///evil.example",
        "https://evil.example/", "http:evil.example", "//evil.example/%2f..", "\u{1F}//evil.example", "//evil.example\t",
        "/\t\\evil.example",
    ]

    /// Paths a browser keeps on the site but whose resolved form starts with `//` (a later relative use would
    /// leave it), or that carry a control character or space: refused too.
    static let refused = [
        "/./\\evil.example", "/.//evil.example", "/%2e//evil.example", "/..//evil.example", "/%2e%2e//evil.example",
        "/a/..//evil.example", "/.%2E//evil.example", "/\u{0}/evil.example", "/ /evil.example", "/a\u{7F}",
    ]

    /// Paths on the site and what the sign-in form sends the browser to.
    static let local: [(String, String)] = [
        ("/", "/"), ("/instruments", "/instruments"), ("/plans/7?lang=ru", "/plans/7?lang=ru"),
        ("/instruments/hh/manual/ky", "/instruments/hh/manual/ky"), ("/a/./b/../c", "/a/c"), ("/%2Fevil.example", "/%2Fevil.example"),
        ("/Ысык-Көл", "/%D0%AB%D1%81%D1%8B%D0%BA-%D0%9A%D3%A9%D0%BB"), ("/a#frag", "/a"), ("/a?b=//evil.example", "/a?b=//evil.example"),
    ]

    @Test("every attack falls back to /, every local path stays (and is resolved and ASCII)")
    func cases() throws {
        for attack in Self.attacks + Self.refused {
            #expect(LocalRedirect.path(attack) == "/", "\(attack.debugDescription)")
        }
        for (path, expected) in Self.local {
            #expect(LocalRedirect.path(path) == expected, "\(path.debugDescription)")
        }
        #expect(LocalRedirect.path(nil) == "/")
        #expect(LocalRedirect.path("") == "/")
    }

    @Test("Node's WHATWG URL parser takes each attack off the site, and each result of ours stays on it")
    func againstWHATWGParser() throws {
        let inputs = Self.attacks + Self.refused + Self.local.map(\.0)
        let outputs = inputs.map { LocalRedirect.path($0) }
        let hosts = try Self.whatwgHosts(of: inputs + outputs)
        let base = "sanarip.test"
        for (attack, host) in zip(Self.attacks, hosts) {
            #expect(host != base, "the test case \(attack.debugDescription) is not an attack: a browser stays on the site")
        }
        for (input, host) in zip(inputs + outputs, hosts).dropFirst(inputs.count) {
            #expect(host == base, "\(input.debugDescription) leaves the site: \(host)")
        }
    }

    @Test("the sign-in page and form carry a refused next as /")
    func throughTheForm() async throws {
        let app = try TestApp()
        try await app.test { client in
            let browser = Browser(client)
            let page = try await browser.get("/login?next=/%09/evil.example/phish")
            #expect(page.text.contains(#"name="next" value="/""#))
            let response = try await browser.logIn(next: "/\t/evil.example/phish")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            let signedIn = try await browser.get("/login?next=%2F%5Cevil.example")
            #expect(signedIn.headers[.location] == "/")
        }
    }

    /// The host `new URL(input, "https://sanarip.test/login")` gives for each input (`!` when it throws).
    static func whatwgHosts(of inputs: [String]) throws -> [String] {
        let script = """
            const inputs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
            console.log(JSON.stringify(inputs.map(s => { try { return new URL(s, 'https://sanarip.test/login').host } catch (e) { return '!' } })));
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", "-e", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONEncoder().encode(inputs))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "node failed (scripts/setup.sh installs it): \(stderr)")
        let hosts = try JSONDecoder().decode([String].self, from: data)
        try #require(hosts.count == inputs.count)
        return hosts
    }
}

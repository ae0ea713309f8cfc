import Foundation
import Testing
@testable import SanaripInterchange

@Suite struct CollectSettingsTests {
    static let settings = CollectSettings(
        serverURL: "https://sanarip.example.kg/key/Zx9-token_ABC",
        projectName: "Санарип — Ысык-Көл \"2026\"",
        language: "ky",
        projectIcon: "С",
        projectColor: "#2e7d32",
        adminPassword: "s3cret\\pw"
    )

    /// Decodes a payload with Python: base64, zlib, JSON; prints the settings as sorted JSON.
    static func pythonDecode(_ payload: String) throws -> [String: Any] {
        let file = ExternalTool.file(".txt")
        try payload.write(to: file, atomically: true, encoding: .utf8)
        let json = try Python.run("import sys, base64, zlib, json; print(json.dumps(json.loads(zlib.decompress(base64.b64decode(open(sys.argv[1]).read(), validate=True)).decode('utf-8')), ensure_ascii=False, sort_keys=True))", [file.path])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        return try #require(object as? [String: Any], "python gave \(json)")
    }

    @Test(arguments: [Zlib.Method.stored, .fixedHuffman])
    func pythonReadsThePayload(method: Zlib.Method) throws {
        let decoded = try Self.pythonDecode(Self.settings.qrPayload(compression: method))
        let general = try #require(decoded["general"] as? [String: Any])
        let admin = try #require(decoded["admin"] as? [String: Any])
        let project = try #require(decoded["project"] as? [String: Any])
        #expect(general["server_url"] as? String == Self.settings.serverURL)
        #expect(general["form_update_mode"] as? String == "match_exactly")
        #expect(general["autosend"] as? String == "wifi_and_cellular")
        #expect(general["app_language"] as? String == "ky")
        #expect(general["username"] == nil)
        #expect(admin["admin_pw"] as? String == "s3cret\\pw")
        #expect(admin["change_server"] as? Bool == false)
        #expect(project["name"] as? String == Self.settings.projectName)
        #expect(project["icon"] as? String == "С")
        #expect(project["color"] as? String == "#2e7d32")
    }

    @Test func zbarReadsTheQRCodeBackToThePayload() throws {
        let payload = try Self.settings.qrPayload()
        let png = try Self.settings.qrCodePNG(scale: 6)
        #expect(try QRCodeTests.zbarDecode(png) == payload)
        // The same settings with credentials instead of a token, and extra keys, also survive the round trip.
        var withLogin = Self.settings
        withLogin.serverURL = "http://192.168.1.20:8080"
        withLogin.username = "interviewer07"
        withLogin.password = "пароль-07"
        withLogin.extraGeneral = ["constraint_behavior": .string("on_swipe"), "delete_send": .bool(true)]
        let decoded = try Self.pythonDecode(QRCodeTests.zbarDecode(withLogin.qrCodePNG()))
        let general = try #require(decoded["general"] as? [String: Any])
        #expect(general["username"] as? String == "interviewer07")
        #expect(general["password"] as? String == "пароль-07")
        #expect(general["constraint_behavior"] as? String == "on_swipe")
        #expect(general["delete_send"] as? Bool == true)
    }

    @Test func refusesBadSettings() throws {
        var bad = Self.settings
        bad.serverURL = "sanarip.example.kg/key/abc"
        #expect(throws: CollectSettingsError.self) { try bad.qrPayload() }
        bad = Self.settings
        bad.projectName = "  "
        #expect(throws: CollectSettingsError.self) { try bad.json() }
    }
}

import Foundation

/// ODK Collect's project settings, as its "Configure with QR code" screen reads them: JSON with `general`,
/// `admin` and `project` objects (keys as in Collect's `ProjectKeys`, `ProtectedProjectKeys` and
/// client-settings schema), zlib-compressed, then base64.
///
/// ```swift
/// let settings = CollectSettings(serverURL: "https://example.org/key/TOKEN", projectName: "Sanarip")
/// let png = try QRCode(encoding: settings.qrPayload(), correction: .low).png(scale: 8)
/// ```
public struct CollectSettings: Sendable, Hashable {
    /// When Collect sends finalized forms on its own (`general.autosend`).
    public enum AutoSend: String, Sendable, Hashable {
        case off, wifiOnly = "wifi_only", cellularOnly = "cellular_only", wifiAndCellular = "wifi_and_cellular"
    }

    /// How Collect keeps its blank forms in step with the server (`general.form_update_mode`).
    public enum FormUpdateMode: String, Sendable, Hashable {
        case manual, previouslyDownloaded = "previously_downloaded", matchExactly = "match_exactly"
    }

    /// `general.server_url`: the server, e.g. the token URL `https://host/key/TOKEN`.
    public var serverURL: String
    /// `project.name`, shown in Collect's project list.
    public var projectName: String
    /// `general.username` and `general.password`, for HTTP authentication instead of a token URL.
    public var username: String?
    public var password: String?
    public var formUpdateMode: FormUpdateMode?
    public var autoSend: AutoSend?
    /// `general.delete_send`: delete finalized forms once sent.
    public var deleteAfterSend: Bool?
    /// `general.app_language`, e.g. "ky", "ru", "en".
    public var language: String?
    /// `project.icon` (one character) and `project.color` (`#rrggbb`).
    public var projectIcon: String?
    public var projectColor: String?
    /// `admin.admin_pw`: the password protecting Collect's admin settings.
    public var adminPassword: String?
    /// `admin.change_server`: whether interviewers may change the server settings.
    public var allowChangingServer: Bool?
    /// Further settings, merged into `general` and `admin` (they win over the named ones).
    public var extraGeneral: [String: CollectSettingValue]
    public var extraAdmin: [String: CollectSettingValue]

    public init(
        serverURL: String,
        projectName: String,
        username: String? = nil,
        password: String? = nil,
        formUpdateMode: FormUpdateMode? = .matchExactly,
        autoSend: AutoSend? = .wifiAndCellular,
        deleteAfterSend: Bool? = nil,
        language: String? = nil,
        projectIcon: String? = nil,
        projectColor: String? = nil,
        adminPassword: String? = nil,
        allowChangingServer: Bool? = false,
        extraGeneral: [String: CollectSettingValue] = [:],
        extraAdmin: [String: CollectSettingValue] = [:]
    ) {
        self.serverURL = serverURL
        self.projectName = projectName
        self.username = username
        self.password = password
        self.formUpdateMode = formUpdateMode
        self.autoSend = autoSend
        self.deleteAfterSend = deleteAfterSend
        self.language = language
        self.projectIcon = projectIcon
        self.projectColor = projectColor
        self.adminPassword = adminPassword
        self.allowChangingServer = allowChangingServer
        self.extraGeneral = extraGeneral
        self.extraAdmin = extraAdmin
    }

    /// The settings JSON (keys sorted, so the same settings give the same bytes).
    public func json() throws(CollectSettingsError) -> String {
        guard let url = URL(string: serverURL), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw CollectSettingsError("server URL \"\(serverURL)\" is not an http(s) address with a host; give e.g. https://example.org/key/TOKEN")
        }
        guard !projectName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CollectSettingsError("the project name is empty; Collect shows it in its project list, so give one")
        }
        var general: [String: CollectSettingValue] = ["server_url": .string(serverURL)]
        general["username"] = username.map(CollectSettingValue.string)
        general["password"] = password.map(CollectSettingValue.string)
        general["form_update_mode"] = formUpdateMode.map { .string($0.rawValue) }
        general["autosend"] = autoSend.map { .string($0.rawValue) }
        general["delete_send"] = deleteAfterSend.map(CollectSettingValue.bool)
        general["app_language"] = language.map(CollectSettingValue.string)
        general.merge(extraGeneral) { _, extra in extra }
        var admin: [String: CollectSettingValue] = [:]
        admin["admin_pw"] = adminPassword.map(CollectSettingValue.string)
        admin["change_server"] = allowChangingServer.map(CollectSettingValue.bool)
        admin.merge(extraAdmin) { _, extra in extra }
        var project: [String: CollectSettingValue] = ["name": .string(projectName)]
        project["icon"] = projectIcon.map(CollectSettingValue.string)
        project["color"] = projectColor.map(CollectSettingValue.string)
        let root: [String: CollectSettingValue] = ["general": .object(general), "admin": .object(admin), "project": .object(project)]
        return CollectSettingValue.object(root).json
    }

    /// What the QR code holds: the JSON, zlib-compressed, base64-encoded.
    public func qrPayload(compression: Zlib.Method = .fixedHuffman) throws(CollectSettingsError) -> String {
        let compressed = Zlib.compress(Array(try json().utf8), method: compression)
        return Data(compressed).base64EncodedString()
    }

    /// The QR code Collect scans, as a PNG (low error correction keeps it small, as ODK Central does).
    public func qrCodePNG(scale: Int = 8, correction: QRErrorCorrection = .low) throws -> [UInt8] {
        try QRCode(encoding: try qrPayload(), correction: correction).png(scale: scale)
    }
}

/// A value in Collect's settings JSON.
public indirect enum CollectSettingValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case object([String: CollectSettingValue])

    /// The value as Foundation's JSON objects.
    var foundationObject: Any {
        switch self {
        case .string(let text): text
        case .bool(let value): value
        case .int(let value): value
        case .object(let members): members.mapValues(\.foundationObject)
        }
    }

    /// Compact JSON with sorted keys (slashes left unescaped, as in URLs).
    var json: String {
        guard let data = try? JSONSerialization.data(withJSONObject: foundationObject, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"   // unreachable: strings, booleans, integers and objects always serialize
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Why Collect settings cannot be written.
public struct CollectSettingsError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { "Collect settings: \(message)" }
}

import Foundation
import SanaripInterchange
import SanaripStorage

/// Adds, finds and revokes data collectors. A collector's token is shown once, at creation; only its hash is stored.
public struct CollectorRegistry: Sendable {
    let collectors: any CollectorStore

    public init(collectors: any CollectorStore) {
        self.collectors = collectors
    }

    /// Adds a collector named `name` with a new random token, seeing the forms of `studyID` (nil: of every study).
    ///
    /// - Throws: ``CollectorError/invalidName(_:)`` or ``StorageError/conflict(_:)`` when the name is taken.
    public func add(name: String, studyID: String? = nil, by actor: String) async throws -> CollectorEnrolment {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 100, !trimmed.contains(where: \.isNewline) else {
            throw CollectorError.invalidName(name)
        }
        let token = Self.newToken()
        let collector = try await collectors.insert(Collector(name: trimmed, tokenHash: HexDigest.sha256(token), createdBy: actor, studyID: studyID), by: actor)
        return CollectorEnrolment(collector: collector, token: token)
    }

    /// The collector the token belongs to, revoked or not; nil for a token nobody was given.
    public func collector(token: String) async throws -> Collector? {
        guard token.count == Self.tokenLength, token.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        return try await collectors.collector(tokenHash: HexDigest.sha256(token))
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    private static let tokenLength = 48

    /// 48 characters from 62: about 286 bits from the system's secure generator.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<tokenLength).map { _ in alphabet.randomElement(using: &generator)! })
    }
}

/// A new collector with the token it was given: the one moment the token is known.
///
/// ODK Collect's server URL is ``serverURL(base:)``; ``collectSettings(base:projectName:)`` puts it in the
/// settings Collect scans as a QR code.
public struct CollectorEnrolment: Sendable {
    public var collector: Collector
    public var token: String

    /// The path Collect uses as its server: `/key/TOKEN`.
    public var path: String { "/key/\(token)" }

    /// The full server URL for Collect, from the server's public address (`https://survey.example.org`).
    public func serverURL(base: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }

    /// ODK Collect's project settings for this collector: the token URL as `general.server_url` (no user name
    /// or password), `project.name`, forms kept matching the server's and finalised forms sent on any network,
    /// and the server settings locked so an interviewer cannot point the phone elsewhere by mistake.
    /// `settings.qrCodePNG()` draws the QR code Collect scans.
    public func collectSettings(base: String, projectName: String) -> CollectSettings {
        CollectSettings(serverURL: serverURL(base: base), projectName: projectName)
    }
}

/// A collector that cannot be added.
public enum CollectorError: Error, CustomStringConvertible {
    case invalidName(String)

    public var description: String {
        switch self {
        case .invalidName(let name):
            "'\(name)' cannot name a collector: use 1 to 100 characters on one line, for example the interviewer's name and district."
        }
    }
}

import Foundation

/// Where the workbench keeps its data, where it finds instruments and where it listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The folder holding `sanarip.sqlite`.
    public var dataDirectory: URL
    /// The folder whose sub-folders (CSV sheets) and `.xlsx` files are XLSForms to load at start-up.
    public var instrumentsDirectory: URL?
    /// The first admin's password (from `--admin-password-file` or `SANARIP_ADMIN_PASSWORD`); when nil a random
    /// one is made, shown once, and must be changed at the first sign-in.
    public var adminPassword: String?
    /// The bcrypt cost for new password hashes; tests lower it to stay fast.
    public var bcryptCost: UInt8
    /// Always mark cookies `Secure`, even when no trusted proxy says the request came over TLS.
    public var secureCookies: Bool
    /// Addresses of reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    public var trustedProxies: Set<String>
    /// How failed sign-ins are slowed down.
    public var signInThrottle: SignInThrottle.Policy
    /// The clock of the sign-in throttle; tests move it.
    public var now: @Sendable () -> Date
    /// The largest OpenRosa submission request accepted, in bytes (ODK Central's limit).
    public var submissionSizeLimit: Int
    /// Where messages for the person who started the server go (the first admin password, the address).
    public var console: @Sendable (String) -> Void

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataDirectory: URL = URL(fileURLWithPath: "sanarip-data"),
        instrumentsDirectory: URL? = URL(fileURLWithPath: "instruments"),
        adminPassword: String? = ProcessInfo.processInfo.environment["SANARIP_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
        bcryptCost: UInt8 = 12,
        secureCookies: Bool = false,
        trustedProxies: Set<String> = [],
        signInThrottle: SignInThrottle.Policy = .init(),
        now: @escaping @Sendable () -> Date = Date.init,
        submissionSizeLimit: Int = 100_000_000,
        console: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.instrumentsDirectory = instrumentsDirectory
        self.adminPassword = adminPassword
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.trustedProxies = trustedProxies
        self.signInThrottle = signInThrottle
        self.now = now
        self.submissionSizeLimit = submissionSizeLimit
        self.console = console
    }
}

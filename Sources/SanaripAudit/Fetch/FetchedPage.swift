import Foundation

/// One answer the crawler got, or why it got none: the redirects it followed, status, headers, the body
/// (cut at the size cap), timings.
public struct FetchedPage: Sendable, Codable, Hashable {
    /// A redirect the crawler followed: where it was sent from, with which status, and where to.
    public struct Redirect: Sendable, Codable, Hashable {
        public var from: String
        public var status: Int
        public var to: String
    }

    /// Why there is no answer.
    public enum Failure: String, Sendable, Codable, Hashable {
        case disallowedByRobots = "disallowed by robots.txt"
        /// `robots.txt` answered with a server error: the site is closed to crawlers (RFC 9309 §2.3.1.3).
        case robotsUnavailable = "robots.txt answered with a server error"
        case connectionFailed = "connection failed"
        /// The TLS handshake failed: a certificate not trusted, expired or for another name.
        case invalidCertificate = "invalid TLS certificate"
        case timedOut = "timed out"
        case tooManyRedirects = "too many redirects"
        case invalidURL = "invalid URL"
        case notHTML = "not an HTML page"
    }

    /// The URL asked for.
    public var url: String
    /// The URL that answered, after redirects.
    public var finalURL: String
    public var redirects: [Redirect] = []
    /// HTTP status of the final answer; 0 when there was none.
    public var status: Int = 0
    /// Response headers, names lowercased, in order.
    public var headers: [[String]] = []
    public var body: Data = Data()
    /// Whether the body was cut at the size cap.
    public var truncated = false
    /// Bytes the server sent for the body (beyond the cap: counted up to the cap plus one chunk).
    public var bytes: Int = 0
    /// Seconds from the first request to the end of the body.
    public var seconds: Double = 0
    public var failure: Failure?
    /// Details of the failure (the error's text).
    public var failureDetail: String?
    public var fetchedAt: Date = Date()

    public init(url: String) {
        self.url = url
        finalURL = url
    }

    /// The first value of header `name` (lowercase).
    public func header(_ name: String) -> String? {
        headers.first { $0.first == name }?.last
    }

    public var isHTML: Bool {
        guard let type = header("content-type")?.lowercased() else { return true }
        return type.contains("html") || type.contains("xml") && type.contains("xhtml")
    }

    public var succeeded: Bool { failure == nil && (200..<300).contains(status) }
}

import Foundation

/// One focus-group discussion: when and where it was held, who moderated it and which group it gathered.
public struct FocusGroupSession: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var title: String
    /// ISO date (`2026-11-20`), or empty when unknown.
    public var date: String
    public var place: String
    public var municipality: String
    public var moderator: String
    /// `ky`, `ru` or `mixed`.
    public var language: String
    /// Group attributes shared by its participants: `eservice_use` (users/non-users), `target` (women, youth,
    /// mixed), `urban_rural`, `oblast`.
    public var attributes: [String: String]

    public init(
        id: UUID = UUID(), title: String, date: String = "", place: String = "", municipality: String = "",
        moderator: String = "", language: String = "", attributes: [String: String] = [:]
    ) {
        self.id = id
        self.title = title
        self.date = date
        self.place = place
        self.municipality = municipality
        self.moderator = moderator
        self.language = language
        self.attributes = attributes
    }
}

/// A focus-group participant. ``name`` never leaves the store: transcripts and exports use ``pseudonym``.
public struct Participant: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// P1, P2… (moderators: M1, M2…).
    public var pseudonym: String
    /// The name as spoken in the transcript (sensitive).
    public var name: String
    public var sessionID: UUID?
    public var isModerator: Bool
    /// `sex`, `age_group`, `urban_rural`, `eservice_use`, `education`, `oblast`… as the survey codes them.
    public var attributes: [String: String]
    public var consent: Bool

    public init(
        id: UUID = UUID(), pseudonym: String, name: String, sessionID: UUID? = nil, isModerator: Bool = false,
        attributes: [String: String] = [:], consent: Bool = false
    ) {
        self.id = id
        self.pseudonym = pseudonym
        self.name = name
        self.sessionID = sessionID
        self.isModerator = isModerator
        self.attributes = attributes
        self.consent = consent
    }

    /// The attribute used for grouping; participants' own attributes first, then the session's.
    public func value(of attribute: String, session: FocusGroupSession?) -> String? {
        if let value = attributes[attribute], !value.isEmpty { return value }
        if let value = session?.attributes[attribute], !value.isEmpty { return value }
        return nil
    }
}

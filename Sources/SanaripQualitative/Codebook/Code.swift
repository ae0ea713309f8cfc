import Foundation

/// A code of the codebook, named and defined in Kyrgyz, Russian and English.
public struct Code: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    /// A stable short key, unique in the codebook (`barrier.cost`); scripts and the CLI name codes by it.
    public var key: String
    public var parentID: UUID?
    /// Names by language (`ky`, `ru`, `en`).
    public var names: [String: String]
    /// Definitions by language.
    public var definitions: [String: String]
    public var include: String
    public var exclude: String
    public var example: String
    /// Where the code comes from (a framework, a report).
    public var source: String
    /// `#RRGGBB`.
    public var color: String?

    public init(
        id: UUID = UUID(), key: String, parentID: UUID? = nil, names: [String: String], definitions: [String: String] = [:],
        include: String = "", exclude: String = "", example: String = "", source: String = "", color: String? = nil
    ) {
        self.id = id
        self.key = key
        self.parentID = parentID
        self.names = names
        self.definitions = definitions
        self.include = include
        self.exclude = exclude
        self.example = example
        self.source = source
        self.color = color
    }

    /// The name in `language`, else English, Russian, Kyrgyz, else the key.
    public func name(_ language: String) -> String {
        for candidate in [language, "en", "ru", "ky"] {
            if let name = names[candidate], !name.isEmpty { return name }
        }
        return key
    }
}

/// A hierarchical codebook: codes in order, each naming its parent.
public struct Codebook: Sendable, Hashable, Codable {
    public var codes: [Code]

    public init(codes: [Code] = []) {
        self.codes = codes
    }

    public func code(_ id: UUID) -> Code? { codes.first { $0.id == id } }

    /// The code whose key, or name in any language, is `reference` (case ignored).
    public func code(named reference: String) -> Code? {
        codes.first { $0.key.caseInsensitiveCompare(reference) == .orderedSame }
            ?? codes.first { code in code.names.values.contains { $0.caseInsensitiveCompare(reference) == .orderedSame } }
    }

    /// The codes directly under `parent` (nil: the top level), in order.
    public func children(of parent: UUID?) -> [Code] {
        codes.filter { $0.parentID == parent }
    }

    /// Checks keys are unique and non-empty, parents exist and there is no cycle.
    public func validate(file: String) throws(QualitativeError) {
        var keys = Set<String>()
        let ids = Set(codes.map(\.id))
        for (index, code) in codes.enumerated() {
            guard !code.key.isEmpty else { throw .invalid("\(file): code \(index + 1) has no key") }
            guard keys.insert(code.key.lowercased()).inserted else {
                throw .invalid("\(file): the code key \"\(code.key)\" appears twice; keys must be unique")
            }
            if let parent = code.parentID, !ids.contains(parent) {
                throw .invalid("\(file): the parent of code \"\(code.key)\" is not in the codebook")
            }
            var seen: Set<UUID> = [code.id]
            var current = code.parentID
            while let parent = current {
                guard seen.insert(parent).inserted else {
                    throw .invalid("\(file): code \"\(code.key)\" is its own ancestor")
                }
                current = self.code(parent)?.parentID
            }
        }
    }

    /// Adds the codes of `other` whose keys are new here (same key: the existing code stays).
    public mutating func merge(_ other: Codebook) {
        var idMap: [UUID: UUID] = [:]
        for code in other.codes {
            if let existing = self.code(named: code.key) {
                idMap[code.id] = existing.id
            } else {
                var copy = code
                copy.parentID = code.parentID.flatMap { idMap[$0] ?? $0 }
                codes.append(copy)
                idMap[code.id] = code.id
            }
        }
    }
}

import Foundation
import SanaripCatalogue
import SanaripInstrument
import SanaripStorage

/// A study's catalogues: import (checked against the frame's districts and the entries already stored), edit,
/// search and export. The one entry point of the catalogue pages and of `sanarip catalogue`.
public struct CatalogueService: Sendable {
    let stores: Stores
    /// Where each study's instrument folder (`<study id>/choices.csv`, holding the district list) lives.
    let instrumentsDirectory: URL?

    public init(stores: Stores, instrumentsDirectory: URL?) {
        self.stores = stores
        self.instrumentsDirectory = instrumentsDirectory
    }

    /// Filters on a search or a list.
    public struct Filter: Sendable, Hashable {
        public var kind: CatalogueKind?
        public var topic: String?
        public var place: String?
        public var group: String?

        public init(kind: CatalogueKind? = nil, topic: String? = nil, place: String? = nil, group: String? = nil) {
            self.kind = kind
            self.topic = topic
            self.place = place
            self.group = group
        }

        func accepts(_ entry: CatalogueEntry) -> Bool {
            (kind == nil || entry.kind == kind)
                && (topic == nil || entry.list("topics").contains(topic ?? ""))
                && (place == nil || entry.list("places").contains(place ?? ""))
                && (group == nil || entry.list("target_groups").contains(group ?? ""))
        }
    }

    /// The district codes of the study's instrument (`district` choice list), or nil when it has none.
    public func districts(studyID: String) -> [(code: String, labels: [String])]? {
        guard let folder = instrumentsDirectory?.appendingPathComponent(studyID),
              let workbook = try? WorkbookLoader.load(contentsOf: folder), let choices = workbook.sheet(named: "choices"),
              let header = choices.rows.first
        else { return nil }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let list = names.firstIndex(of: "list_name"), let name = names.firstIndex(of: "name") else { return nil }
        let labels = names.indices.filter { names[$0].hasPrefix("label") }
        let rows = choices.rows.dropFirst().filter { $0[list] == "district" }
        return rows.isEmpty ? nil : rows.map { row in (row[name], labels.map { row[$0] }) }
    }

    /// The study's entries of `kind` (every kind when nil) that pass `filter`.
    public func entries(studyID: String, kind: CatalogueKind?, filter: Filter = Filter()) async throws -> [CatalogueEntry] {
        try await stores.catalogue.entries(studyID: studyID, kind: kind?.rawValue).compactMap(Self.entry).filter(filter.accepts)
    }

    /// One entry.
    public func entry(studyID: String, kind: CatalogueKind, id: String) async throws -> CatalogueEntry? {
        try await stores.catalogue.entry(studyID: studyID, kind: kind.rawValue, entryID: id).flatMap(Self.entry)
    }

    /// Entries holding every word of `text` (prefixes, in any language), best first, then filtered.
    public func search(studyID: String, text: String, filter: Filter = Filter()) async throws -> [CatalogueEntry] {
        try await stores.catalogue.search(studyID: studyID, query: text, kind: filter.kind?.rawValue).compactMap(Self.entry).filter(filter.accepts)
    }

    /// What an import checks against: the frame's districts and the ids already stored.
    public func context(studyID: String) async throws -> CatalogueContext {
        let stored = try await stores.catalogue.entries(studyID: studyID, kind: nil)
        var ids: [CatalogueKind: Set<String>] = [:]
        for entry in stored { if let kind = CatalogueKind(rawValue: entry.kind) { ids[kind, default: []].insert(entry.entryID) } }
        return CatalogueContext(districts: districts(studyID: studyID).map { Set($0.map(\.code)) }, existingIDs: ids)
    }

    /// Imports a filled-in template, all or nothing; entries with an id already stored are replaced.
    ///
    /// - Throws: ``CatalogueImportError`` naming each bad row and column (nothing is stored then).
    @discardableResult
    public func importFile(_ data: Data, fileName: String, kind: CatalogueKind, studyID: String, by actor: String, demo: Bool = false) async throws -> (created: Int, updated: Int) {
        let importer = CatalogueImporter(kind: kind, context: try await context(studyID: studyID))
        var entries = try importer.read(data: data, fileName: fileName)
        for index in entries.indices { entries[index].demo = demo }
        return try await save(entries, studyID: studyID, by: actor)
    }

    /// Stores checked entries in one transaction.
    @discardableResult
    public func save(_ entries: [CatalogueEntry], studyID: String, by actor: String) async throws -> (created: Int, updated: Int) {
        try await stores.catalogue.save(entries.map { Self.stored($0, studyID: studyID) }, by: actor)
    }

    /// Deletes an entry; the audit log line keeps its fields so that ``restore(studyID:kind:id:by:)`` can undo it.
    public func delete(studyID: String, kind: CatalogueKind, id: String, by actor: String) async throws {
        try await stores.catalogue.delete(studyID: studyID, kind: kind.rawValue, entryID: id, by: actor)
    }

    /// The entry as it was when last deleted, from the audit log; nil when it was never deleted (or is back).
    public func deleted(studyID: String, kind: CatalogueKind, id: String) async throws -> CatalogueEntry? {
        guard try await entry(studyID: studyID, kind: kind, id: id) == nil else { return nil }
        let history = try await stores.auditLog.entries(objectType: "catalogue_entry", objectID: "\(studyID)/\(kind.rawValue)/\(id)")
        guard let last = history.last(where: { $0.action == .delete }), let json = last.detail[StoredCatalogueEntry.deletedFields],
              let fields = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))
        else { return nil }
        return CatalogueEntry(kind: kind, id: id, values: fields, demo: last.detail["demo"] == "yes")
    }

    /// Puts a deleted entry back as it was (logged as a new creation); false when there is nothing to restore.
    public func restore(studyID: String, kind: CatalogueKind, id: String, by actor: String) async throws -> Bool {
        guard let entry = try await deleted(studyID: studyID, kind: kind, id: id) else { return false }
        try await save([entry], studyID: studyID, by: actor)
        return true
    }

    /// The study's entries of `kind` in `format`.
    public func export(studyID: String, kind: CatalogueKind, format: CatalogueExport.Format) async throws -> Data {
        try CatalogueExport.data(kind, try await entries(studyID: studyID, kind: kind), format: format)
    }

    // MARK: Monitoring datasets

    /// Imports a long-format series file (official or manual) as the dataset `name`, replacing one of that name.
    ///
    /// - Throws: ``CatalogueImportError`` naming each bad row and column (nothing is stored then).
    @discardableResult
    public func importSeries(_ data: Data, fileName: String, name: String, studyID: String, by actor: String) async throws -> Int {
        let observations = try SeriesReader.read(data: data, fileName: fileName)
        try await stores.catalogue.save(StoredCatalogueDataset(studyID: studyID, kind: "series", name: name, fileName: fileName,
                                                               data: try JSONEncoder().encode(observations), count: observations.count), by: actor)
        return observations.count
    }

    /// Every series value of the study, dataset by dataset.
    public func series(studyID: String) async throws -> [SeriesObservation] {
        try await stores.catalogue.datasets(studyID: studyID, kind: "series").flatMap { try JSONDecoder().decode([SeriesObservation].self, from: $0.data) }
    }

    /// Replaces the study's event log with the events of a file.
    @discardableResult
    public func importEvents(_ data: Data, fileName: String, studyID: String, by actor: String) async throws -> Int {
        let events = try MonitoringEvent.read(data: data, fileName: fileName)
        try await stores.catalogue.save(StoredCatalogueDataset(studyID: studyID, kind: "events", name: "events", fileName: fileName,
                                                               data: try JSONEncoder().encode(events), count: events.count), by: actor)
        return events.count
    }

    /// The study's events, oldest first.
    public func events(studyID: String) async throws -> [MonitoringEvent] {
        try await stores.catalogue.datasets(studyID: studyID, kind: "events").flatMap { try JSONDecoder().decode([MonitoringEvent].self, from: $0.data) }
            .sorted { $0.date < $1.date }
    }

    static func entry(_ stored: StoredCatalogueEntry) -> CatalogueEntry? {
        CatalogueKind(rawValue: stored.kind).map { CatalogueEntry(kind: $0, id: stored.entryID, values: stored.fields, demo: stored.demo) }
    }

    static func stored(_ entry: CatalogueEntry, studyID: String) -> StoredCatalogueEntry {
        StoredCatalogueEntry(studyID: studyID, kind: entry.kind.rawValue, entryID: entry.id, fields: entry.values, searchText: entry.searchText,
                             reviewState: entry.reviewState, demo: entry.demo)
    }
}

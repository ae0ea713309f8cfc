import SanaripCore
import SanaripStorage

/// Instruments read once from their stored sheets, by id: reading an XLSForm for every submission would be slow.
actor InstrumentCache {
    let instruments: any InstrumentStore
    private var cache: [String: Instrument] = [:]
    private var studies: [String: String] = [:]

    init(instruments: any InstrumentStore) {
        self.instruments = instruments
    }

    func instrument(id: String) async throws -> Instrument {
        if let instrument = cache[id] { return instrument }
        guard let stored = try await instruments.instrument(id: id) else { throw StorageError.notFound("instrument \(id)") }
        let instrument = try stored.instrument()
        cache[id] = instrument
        studies[id] = stored.studyID
        return instrument
    }

    /// The study the instrument belongs to.
    func studyID(instrumentID id: String) async throws -> String {
        if let study = studies[id] { return study }
        _ = try await instrument(id: id)
        return studies[id] ?? ""
    }
}

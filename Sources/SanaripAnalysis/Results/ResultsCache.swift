/// Study results kept per key (the data's version, the design and the indicator file), computed once per key
/// however many requests ask at the same time, off the caller's thread, at most `concurrency` at once.
///
/// The key must change whenever the data, the design or the indicators change: new submissions or weights then
/// miss the cache and are computed afresh. The most recently used `capacity` results are kept.
public actor ResultsCache<Value: Sendable> {
    private var entries: [String: Task<Value, any Error>] = [:]
    private var order: [String] = []
    private let capacity: Int
    private let concurrency: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(capacity: Int = 8, concurrency: Int = 1) {
        self.capacity = max(1, capacity)
        self.concurrency = max(1, concurrency)
    }

    /// The value for `key`: cached, being computed (then awaited), or computed now by `compute` on a detached task
/// (which may first read what it needs from a store, then compute off the caller's executor).
    /// A failed computation is not kept.
    public func value(for key: String, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        if let task = entries[key] {
            touch(key)
            return try await task.value
        }
        let task = Task<Value, any Error> {
            await self.acquire()
            let result: Result<Value, any Error> = await Task.detached(priority: .userInitiated) {
                do { return .success(try await compute()) } catch { return .failure(error) }
            }.value
            self.release()
            return try result.get()
        }
        entries[key] = task
        touch(key)
        do {
            return try await task.value
        } catch {
            if entries[key] == task { entries[key] = nil }
            order.removeAll { $0 == key }
            throw error
        }
    }

    /// Whether `key` has a finished or running computation.
    public func contains(_ key: String) -> Bool { entries[key] != nil }

    private func touch(_ key: String) {
        order.removeAll { $0 == key }
        order.append(key)
        while order.count > capacity {
            let oldest = order.removeFirst()
            entries[oldest] = nil
        }
    }

    private func acquire() async {
        if running < concurrency {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// A 64-bit FNV-1a digest in hex: the version of a data file's bytes in cache keys (not a security hash).
public func contentDigest(_ bytes: some Sequence<UInt8>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return String(hash, radix: 16)
}

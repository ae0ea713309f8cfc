/// Long work started from a page and run in the background (off the event loops), at most one per key at a time:
/// the web audit's rounds and the media fetch rounds. Their progress is what they store; this only keeps a second
/// start of the same key from running beside the first.
actor BackgroundRuns {
    private var running: Set<String> = []

    /// Starts `work` unless work under `key` is running; false when it is (nothing is started then).
    func start(key: String, _ work: @escaping @Sendable () async throws -> Void) -> Bool {
        guard running.insert(key).inserted else { return false }
        Task.detached {
            try? await work()
            await self.finish(key)
        }
        return true
    }

    private func finish(_ key: String) {
        running.remove(key)
    }
}

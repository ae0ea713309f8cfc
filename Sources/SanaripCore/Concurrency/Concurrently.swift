#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `first` on a thread of its own while `second` runs on this one, and returns both results when both are done.
///
/// For independent halves of one job, such as the body and the model of an XForm, or a workbook's shared strings
/// and its sheets, so that a second core takes one.
///
/// A plain POSIX thread rather than a dispatch queue: on Linux, dispatch holds back its workers while other processes
/// keep the cores busy, and then both halves end up on one thread. When no thread can be started, `first` runs here.
public func concurrently<A: Sendable, B>(_ first: @escaping @Sendable () -> A, _ second: () -> B) -> (A, B) {
    let result = ThreadResult<A>()
    let thread = PlainThread { result.value = first() }
    let secondValue = second()
    if let thread { thread.join() } else { result.value = first() }
    return (result.value!, secondValue)
}

/// `body(0)`, …, `body(count − 1)` in order, each part but the first on a thread of its own and the first on this one
/// (see ``concurrently(_:_:)``), for the parts of one job such as the chunks of a large file.
public func concurrentMap<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return count == 1 ? [body(0)] : [] }
    let results = (1..<count).map { _ in ThreadResult<T>() }
    let threads = (1..<count).map { part in PlainThread { results[part - 1].value = body(part) } }
    let first = body(0)
    for (part, thread) in threads.enumerated() {
        if let thread { thread.join() } else { results[part].value = body(part + 1) }
    }
    return [first] + results.map { $0.value! }
}

/// Where a thread leaves its result. It is written by that thread only, before the thread ends, and read only after
/// joining it, which orders the write before the read.
private final class ThreadResult<T>: @unchecked Sendable {
    var value: T?
}

/// A started POSIX thread running one closure.
private struct PlainThread {
    private let thread: pthread_t

    /// Starts `body`; nil when the system refuses another thread.
    init?(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        let status = pthread_create(&thread, nil, { raw in
            Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, box)
        guard status == 0, let thread else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            return nil
        }
        #else
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, box)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            return nil
        }
        #endif
        self.thread = thread
    }

    /// Waits for the thread to end.
    func join() {
        pthread_join(thread, nil)
    }
}

/// The closure a ``PlainThread`` runs, passed to `pthread_create` as an unmanaged pointer.
private final class ThreadBody {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}

import Foundation

/// Runs `first` on a thread of its own while `second` runs on this one, and returns both results when both are done.
///
/// For independent halves of one job, such as the body and the model of an XForm, or a workbook's shared strings
/// and its sheets, so that a second core takes one.
///
/// A plain thread rather than a dispatch queue: on Linux, dispatch holds back its workers while other processes keep
/// the cores busy, and then both halves end up on one thread.
func concurrently<A: Sendable, B>(_ first: @escaping @Sendable () -> A, _ second: () -> B) -> (A, B) {
    let result = ConcurrentResult<A>()
    let thread = Thread {
        result.value = first()
        result.done.signal()
    }
    thread.start()
    let secondValue = second()
    result.done.wait()
    return (result.value!, secondValue)
}

/// Where the thread of ``concurrently(_:_:)`` leaves its result. It is written by that thread only, before it
/// signals `done`, and read only after waiting for `done`, which orders the write before the read.
private final class ConcurrentResult<A>: @unchecked Sendable {
    var value: A?
    let done = DispatchSemaphore(value: 0)
}

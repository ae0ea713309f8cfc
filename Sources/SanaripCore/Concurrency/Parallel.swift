import Foundation
import Synchronization

/// Independent pieces of one computation spread over the machine's cores: `map` of an index range whose
/// results come back in index order, as the serial loop would give them.
public enum Parallel {
    /// How many pieces run at once: the active processor count.
    public static var width: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `transform` of every index in `0..<count`, in index order, computed on up to ``width`` threads (the
    /// caller's included). `transform` must only read shared state. The first failing index's error (in index
    /// order) is thrown after every piece has finished.
    public static func map<T: Sendable, E: Error>(_ count: Int, _ transform: @Sendable (Int) throws(E) -> T) throws(E) -> [T] {
        guard count > 1, width > 1 else {
            var results: [T] = []
            results.reserveCapacity(count)
            for index in 0..<count { results.append(try transform(index)) }
            return results
        }
        var outcomes = [Result<T, E>?](repeating: nil, count: count)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            // Each index writes its own slot only, so the threads never touch the same memory. The threads are the
            // caller's and plain ones started here (as for the CSV reader's parts), each taking the next index until
            // none is left.
            let slots = Slots(buffer: buffer)
            let next = NextIndex()
            withoutActuallyEscaping(transform) { transform in
                _ = concurrentMap(min(width, count)) { _ in
                    while case let index = next.take(), index < count {
                        slots.buffer[index] = Result { () throws(E) -> T in try transform(index) }
                    }
                }
            }
        }
        var results: [T] = []
        results.reserveCapacity(count)
        for outcome in outcomes {
            guard let outcome else { continue }
            results.append(try outcome.get())
        }
        return results
    }

    /// The next index of ``map(_:_:)`` to compute, shared by its threads.
    private final class NextIndex: Sendable {
        private let value = Atomic<Int>(0)

        func take() -> Int { value.wrappingAdd(1, ordering: .relaxed).oldValue }
    }

    /// The result slots of ``map(_:_:)``, shared by its threads: each writes a different index.
    private struct Slots<Element>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Element>
    }

    /// `0..<count` cut into at most ``width`` × `piecesPerCore` consecutive ranges of near-equal size, for
    /// work whose items are cheap (rows of a table).
    public static func chunks(_ count: Int, piecesPerCore: Int = 2) -> [Range<Int>] {
        let pieces = max(1, min(count, width * piecesPerCore))
        return (0..<pieces).map { piece in (count * piece / pieces)..<(count * (piece + 1) / pieces) }
    }
}

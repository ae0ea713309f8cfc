import Foundation

/// The shared strings of a workbook (`xl/sharedStrings.xml`), filled in by the thread that reads that part
/// while the sheets are read on another and look cells up in it.
///
/// A look-up past the strings read so far waits until the string is read or the part is finished, so the sheets
/// see exactly the strings they would see if the part had been read first.
final class SharedStringTable: @unchecked Sendable {
    // Every access to `strings` and `isFinished` holds `condition`'s lock.
    private let condition = NSCondition()
    private var strings: [String] = []
    private var isFinished = false

    init() {}

    /// A table that is already complete.
    init(_ strings: [String]) {
        self.strings = strings
        isFinished = true
    }

    /// Adds strings read from the part, in order.
    func append(contentsOf batch: [String]) {
        condition.lock()
        strings += batch
        condition.broadcast()
        condition.unlock()
    }

    /// Marks the part as read (or abandoned): look-ups past the end then fail instead of waiting.
    func finish() {
        condition.lock()
        isFinished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The string at `index`, once read; nil when the part ends before it.
    func string(at index: Int) -> String? {
        condition.lock()
        defer { condition.unlock() }
        while index >= strings.count, !isFinished { condition.wait() }
        return strings.indices.contains(index) ? strings[index] : nil
    }

    /// The number of strings, once the part is read.
    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        while !isFinished { condition.wait() }
        return strings.count
    }
}

import Foundation

/// The attributes of one element in document order, looked up by qualified name. Elements in package
/// parts have a handful of attributes, so a list searched in order is cheaper than a dictionary.
///
/// It points into the part's bytes, so it is valid only during the ``XMLPartHandler/didStart(_:attributes:)``
/// call it is passed to. Values that are plain ASCII become strings only when asked for; the scanner decodes
/// (and so checks) every other value as it reads the tag.
struct XMLAttributes: Sequence {
    private struct Entry {
        var name: Range<Int>
        var value: Range<Int>
        /// Where in `decodedValues` the value is, when it needed decoding (entities, line ends or non-ASCII text).
        var decoded: Int?
    }

    private let bytes: UnsafeRawBufferPointer
    /// Entries of the current tag are the first `count`; the storage is reused from tag to tag.
    private var entries: [Entry] = []
    private var count = 0
    private var decodedValues: [String] = []

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The value of the attribute named exactly `name`.
    subscript(name: StaticString) -> String? {
        let wanted = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for index in 0..<count where wanted.hasSameBytes(as: UnsafeRawBufferPointer(rebasing: bytes[entries[index].name])) {
            return value(of: entries[index])
        }
        return nil
    }

    /// The value of the attribute whose name lies at `name` (a range of the same bytes).
    func value(named name: Range<Int>) -> String? {
        let wanted = UnsafeRawBufferPointer(rebasing: bytes[name])
        for index in 0..<count where wanted.hasSameBytes(as: UnsafeRawBufferPointer(rebasing: bytes[entries[index].name])) {
            return value(of: entries[index])
        }
        return nil
    }

    /// Adds the attribute whose name and value lie at the given ranges (`decoded` when the raw bytes are not
    /// the value); false when the element already has one with that name.
    mutating func add(name: Range<Int>, value: Range<Int>, decoded: String?) -> Bool {
        let newName = UnsafeRawBufferPointer(rebasing: bytes[name])
        guard !(0..<count).contains(where: { newName.hasSameBytes(as: UnsafeRawBufferPointer(rebasing: bytes[entries[$0].name])) })
        else { return false }
        var entry = Entry(name: name, value: value)
        if let decoded {
            entry.decoded = decodedValues.count
            decodedValues.append(decoded)
        }
        if count < entries.count { entries[count] = entry } else { entries.append(entry) }
        count += 1
        return true
    }

    /// Starts the next tag's attributes.
    mutating func removeAll() {
        count = 0
        if !decodedValues.isEmpty { decodedValues.removeAll(keepingCapacity: true) }
    }

    func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        entries.prefix(count).map { (string(bytes[$0.name]), value(of: $0)) }.makeIterator()
    }

    private func value(of entry: Entry) -> String {
        entry.decoded.map { decodedValues[$0] } ?? string(bytes[entry.value])
    }

    private func string(_ slice: Slice<UnsafeRawBufferPointer>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: slice), as: UTF8.self)
    }
}

/// An element's name without its namespace prefix, compared with string literals in the handlers' switches.
/// Like ``XMLAttributes`` it points into the part's bytes and is valid only during the handler call.
struct XMLName {
    let bytes: UnsafeRawBufferPointer

    static func == (name: XMLName, literal: StaticString) -> Bool {
        name.bytes.hasSameBytes(as: UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    static func ~= (literal: StaticString, name: XMLName) -> Bool {
        name == literal
    }
}

extension UnsafeRawBufferPointer {
    /// Whether `other` holds the same bytes; short runs, such as names, are compared without a call.
    func hasSameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        guard count == other.count else { return false }
        guard count > 16 else { return indices.allSatisfy { self[$0] == other[$0] } }
        return memcmp(baseAddress!, other.baseAddress!, count) == 0
    }
}

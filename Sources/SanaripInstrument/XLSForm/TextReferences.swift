/// The `${name}` references inside a label or hint, which ODK shows as the named answers.
///
/// Labels are scanned once per form in the checks and again when writing `<output/>` elements, so the
/// scan works on UTF-8 bytes and returns at once for the common text with no `$` at all.
enum TextReferences {
    /// A piece of a text: plain text, a reference, or a `${` that is never closed.
    enum Segment: Equatable {
        case text(Substring)
        case reference(String)
        case unclosed(Substring)
    }

    /// Whether `text` has a `$` at all, so that it may hold references; most texts have none.
    static func mayHaveReferences(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "$")) } ?? text.utf8.contains(UInt8(ascii: "$"))
    }

    static func segments(of text: String) -> [Segment] {
        let bytes = text.utf8
        guard mayHaveReferences(text) else { return [.text(text[...])] }
        var segments: [Segment] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            guard bytes[index] == UInt8(ascii: "$"), next < bytes.endIndex, bytes[next] == UInt8(ascii: "{") else {
                index = next
                continue
            }
            let nameStart = bytes.index(after: next)
            guard let close = bytes[nameStart...].firstIndex(of: UInt8(ascii: "}")) else {
                if start < index { segments.append(.text(text[start..<index])) }
                segments.append(.unclosed(text[index...]))
                return segments
            }
            if start < index { segments.append(.text(text[start..<index])) }
            segments.append(.reference(String(text[nameStart..<close])))
            index = bytes.index(after: close)
            start = index
        }
        if start < bytes.endIndex { segments.append(.text(text[start...])) }
        return segments
    }
}

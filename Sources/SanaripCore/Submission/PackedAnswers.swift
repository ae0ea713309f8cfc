/// A row's answers as one byte string, `path US text RS` per answer in document order (US = 0x1F,
/// RS = 0x1E: control characters XML text cannot hold), so an export reads one value per row instead of
/// one per answer.
///
/// ```swift
/// let packed = PackedAnswers(row.answers)
/// packed.forEach { path, text in … }   // UTF-8 bytes of each path and text
/// ```
public struct PackedAnswers: Sendable, Hashable {
    public static let unitSeparator: UInt8 = 0x1F
    public static let recordSeparator: UInt8 = 0x1E

    public var bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Packs `answers`; a control character 0x1E or 0x1F inside a path or text (never in well-formed XML) is
    /// replaced by a space so the packing stays readable.
    public init(_ answers: [SubmissionAnswer]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(answers.reduce(0) { $0 + $1.path.utf8.count + $1.text.utf8.count + 2 })
        for answer in answers {
            Self.append(answer.path, to: &bytes)
            bytes.append(Self.unitSeparator)
            Self.append(answer.text, to: &bytes)
            bytes.append(Self.recordSeparator)
        }
        self.bytes = bytes
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        for byte in text.utf8 {
            bytes.append(byte == unitSeparator || byte == recordSeparator ? UInt8(ascii: " ") : byte)
        }
    }

    /// Calls `body` with the UTF-8 bytes of each answer's path and text, in order.
    public func forEach(_ body: (_ path: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            var separator = -1
            for index in buffer.indices {
                switch buffer[index] {
                case Self.unitSeparator where separator < 0:
                    separator = index
                case Self.recordSeparator:
                    guard separator >= 0 else {
                        start = index + 1
                        continue
                    }
                    try body(
                        UnsafeBufferPointer(rebasing: buffer[start..<separator]),
                        UnsafeBufferPointer(rebasing: buffer[(separator + 1)..<index])
                    )
                    start = index + 1
                    separator = -1
                default:
                    break
                }
            }
        }
    }

    /// The answers' paths and texts as strings.
    public var pairs: [(path: String, text: String)] {
        var pairs: [(path: String, text: String)] = []
        forEach { path, text in pairs.append((String(decoding: path, as: UTF8.self), String(decoding: text, as: UTF8.self))) }
        return pairs
    }
}

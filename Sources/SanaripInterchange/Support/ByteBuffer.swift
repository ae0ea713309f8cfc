/// Bytes under construction, with the fixed-width integers and floats binary formats lay out:
/// little-endian for SPSS system files, big-endian (network order) for PNG and zlib.
struct ByteBuffer: Sendable {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(contentsOf other: some Sequence<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// A 32-bit integer, least significant byte first.
    mutating func int32LE(_ value: Int32) {
        uint32LE(UInt32(bitPattern: value))
    }

    /// `value`, which must fit in 32 bits, least significant byte first.
    mutating func int32LE(_ value: Int) {
        int32LE(Int32(truncatingIfNeeded: value))
    }

    mutating func uint32LE(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// An IEEE 754 double, least significant byte first.
    mutating func float64LE(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uint16BE(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func uint32BE(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    /// `content` cut or filled with `pad` to exactly `length` bytes.
    mutating func append(_ content: some Collection<UInt8>, paddedTo length: Int, with pad: UInt8 = 0x20) {
        let used = min(content.count, length)
        bytes.append(contentsOf: content.prefix(used))
        if used < length { bytes.append(contentsOf: repeatElement(pad, count: length - used)) }
    }
}

extension String {
    /// The longest prefix of this string's UTF-8 that fits in `limit` bytes without splitting a character.
    func utf8Prefix(maxBytes limit: Int) -> [UInt8] {
        var result: [UInt8] = []
        for character in self {
            let bytes = Array(String(character).utf8)
            if result.count + bytes.count > limit { break }
            result.append(contentsOf: bytes)
        }
        return result
    }
}

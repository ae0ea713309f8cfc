/// DEFLATE (RFC 1951) compression in one block with the fixed Huffman codes, finding repeats with a
/// hash chain over a 32 KiB window.
enum Deflate {
    static let lengthBases: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBases: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let window = 32_768
    static let maximumMatch = 258
    static let chainLimit = 64

    /// Bits packed least significant first, as DEFLATE orders them.
    struct BitWriter {
        var bytes: [UInt8] = []
        private var accumulator: UInt64 = 0
        private var count = 0

        mutating func write(_ value: Int, bits: Int) {
            accumulator |= UInt64(value) << UInt64(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(accumulator & 0xFF))
                accumulator >>= 8
                count -= 8
            }
        }

        /// A Huffman code, whose bits go most significant first.
        mutating func writeCode(_ code: Int, bits: Int) {
            var reversed = 0
            for i in 0..<bits where code & (1 << i) != 0 { reversed |= 1 << (bits - 1 - i) }
            write(reversed, bits: bits)
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(accumulator & 0xFF)) }
            accumulator = 0
            count = 0
            return bytes
        }
    }

    /// The fixed literal/length code of `symbol` (0–287): 8, 9, 7 or 8 bits.
    static func writeLiteralLength(_ symbol: Int, to writer: inout BitWriter) {
        switch symbol {
        case 0...143: writer.writeCode(0x30 + symbol, bits: 8)
        case 144...255: writer.writeCode(0x190 + symbol - 144, bits: 9)
        case 256...279: writer.writeCode(symbol - 256, bits: 7)
        default: writer.writeCode(0xC0 + symbol - 280, bits: 8)
        }
    }

    static func writeMatch(length: Int, distance: Int, to writer: inout BitWriter) {
        let lengthCode = (lengthBases.lastIndex { $0 <= length }) ?? 0
        writeLiteralLength(257 + lengthCode, to: &writer)
        writer.write(length - lengthBases[lengthCode], bits: lengthExtraBits[lengthCode])
        let distanceCode = (distanceBases.lastIndex { $0 <= distance }) ?? 0
        writer.writeCode(distanceCode, bits: 5)
        writer.write(distance - distanceBases[distanceCode], bits: distanceExtraBits[distanceCode])
    }

    /// One final fixed-Huffman block holding `bytes`.
    static func fixedHuffman(_ bytes: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        writer.write(1, bits: 1)   // BFINAL
        writer.write(1, bits: 2)   // BTYPE 01: fixed Huffman codes
        let hashSize = 1 << 15
        var head = [Int](repeating: -1, count: hashSize)
        var previous = [Int](repeating: -1, count: window)
        func hash(_ i: Int) -> Int {
            (Int(bytes[i]) << 10 ^ Int(bytes[i + 1]) << 5 ^ Int(bytes[i + 2])) & (hashSize - 1)
        }
        func insert(_ i: Int) {
            guard i + 2 < bytes.count else { return }
            let h = hash(i)
            previous[i & (window - 1)] = head[h]
            head[h] = i
        }
        var i = 0
        while i < bytes.count {
            var bestLength = 0, bestDistance = 0
            if i + 2 < bytes.count {
                var candidate = head[hash(i)]
                var tries = 0
                let limit = min(maximumMatch, bytes.count - i)
                while candidate >= 0, i - candidate <= window, tries < chainLimit {
                    var length = 0
                    while length < limit, bytes[candidate + length] == bytes[i + length] { length += 1 }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = i - candidate
                        if length == limit { break }
                    }
                    let next = previous[candidate & (window - 1)]
                    guard next < candidate else { break }
                    candidate = next
                    tries += 1
                }
            }
            if bestLength >= 3 {
                writeMatch(length: bestLength, distance: bestDistance, to: &writer)
                for j in i..<(i + bestLength) { insert(j) }
                i += bestLength
            } else {
                writeLiteralLength(Int(bytes[i]), to: &writer)
                insert(i)
                i += 1
            }
        }
        writeLiteralLength(256, to: &writer)   // end of block
        return writer.finish()
    }
}

/// A zlib stream (RFC 1950) around DEFLATE data (RFC 1951), written without a zlib library:
/// stored blocks, or a real compression with LZ77 matches coded with the fixed Huffman codes.
public enum Zlib {
    /// How the DEFLATE data is made.
    public enum Method: Sendable {
        /// Stored (uncompressed) blocks of up to 65,535 bytes: the fastest, and trivially correct.
        case stored
        /// LZ77 matching with the fixed Huffman codes: smaller for text such as JSON.
        case fixedHuffman
    }

    /// `bytes` as a complete zlib stream: header, DEFLATE blocks, Adler-32.
    public static func compress(_ bytes: [UInt8], method: Method = .fixedHuffman) -> [UInt8] {
        var out = ByteBuffer(capacity: bytes.count + bytes.count / 65_535 * 5 + 16)
        out.append(0x78)   // deflate, 32 KiB window
        out.append(0x01)   // no dictionary, fastest-level hint; (0x78 << 8 | 0x01) is a multiple of 31
        switch method {
        case .stored: storedBlocks(bytes, into: &out)
        case .fixedHuffman: out.append(contentsOf: Deflate.fixedHuffman(bytes))
        }
        out.uint32BE(Checksum.adler32(bytes))
        return out.bytes
    }

    /// Stored blocks: a header byte (BFINAL, BTYPE 00), LEN and its complement, then the bytes.
    static func storedBlocks(_ bytes: [UInt8], into out: inout ByteBuffer) {
        var start = 0
        repeat {
            let end = min(bytes.count, start + 65_535)
            let length = UInt16(end - start)
            out.append(end == bytes.count ? 1 : 0)
            out.append(UInt8(length & 0xFF))
            out.append(UInt8(length >> 8))
            out.append(UInt8(~length & 0xFF))
            out.append(UInt8(~length >> 8))
            out.append(contentsOf: bytes[start..<end])
            start = end
        } while start < bytes.count
    }
}

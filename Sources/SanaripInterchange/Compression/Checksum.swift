/// The checksums of zlib streams (Adler-32, RFC 1950) and PNG chunks (CRC-32, ISO 3309 / RFC 1952).
enum Checksum {
    /// Adler-32 of `bytes`, continuing from `start` (1 for a fresh stream).
    static func adler32(_ bytes: some Sequence<UInt8>, start: UInt32 = 1) -> UInt32 {
        var a = start & 0xFFFF, b = start >> 16
        var pending = 0
        for byte in bytes {
            a += UInt32(byte)
            b += a
            pending += 1
            if pending == 5552 {   // largest run before b can overflow 32 bits
                a %= 65521
                b %= 65521
                pending = 0
            }
        }
        return (b % 65521) << 16 | (a % 65521)
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (reflected, polynomial 0xEDB88320) of `bytes`, continuing from `start` (0 for a fresh run).
    static func crc32(_ bytes: some Sequence<UInt8>, start: UInt32 = 0) -> UInt32 {
        var c = ~start
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }
}

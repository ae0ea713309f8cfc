/// A minimal PNG writer (ISO/IEC 15948) for black-and-white images: 1-bit greyscale, no interlace,
/// filter type 0, the pixels in a zlib stream, each chunk with its CRC-32.
public struct GreyscalePNG: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// Pixels row by row, true for black.
    public let pixels: [[Bool]]

    /// An image from rows of equal length (true = black).
    public init(pixels: [[Bool]]) throws(PNGError) {
        guard let first = pixels.first, !first.isEmpty else { throw PNGError("the image is empty; give at least one pixel") }
        guard pixels.allSatisfy({ $0.count == first.count }) else { throw PNGError("rows differ in length; every row needs \(first.count) pixels") }
        width = first.count
        height = pixels.count
        self.pixels = pixels
    }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG file's bytes.
    public func encoded(compression: Zlib.Method = .fixedHuffman) -> [UInt8] {
        var header = ByteBuffer()
        header.uint32BE(UInt32(width))
        header.uint32BE(UInt32(height))
        header.append(contentsOf: [1, 0, 0, 0, 0])   // bit depth 1, greyscale, deflate, filter 0, no interlace
        let rowBytes = (width + 7) / 8
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity((rowBytes + 1) * height)
        for row in pixels {
            scanlines.append(0)   // filter: none
            var byte: UInt8 = 0
            for (x, black) in row.enumerated() {
                if !black { byte |= 0x80 >> UInt8(x % 8) }   // 1 is white in greyscale
                if x % 8 == 7 || x == width - 1 {
                    scanlines.append(byte)
                    byte = 0
                }
            }
        }
        var out = ByteBuffer(capacity: scanlines.count / 4 + 64)
        out.append(contentsOf: Self.signature)
        Self.chunk("IHDR", header.bytes, into: &out)
        Self.chunk("IDAT", Zlib.compress(scanlines, method: compression), into: &out)
        Self.chunk("IEND", [], into: &out)
        return out.bytes
    }

    private static func chunk(_ type: String, _ data: [UInt8], into out: inout ByteBuffer) {
        let typeBytes = Array(type.utf8)
        out.uint32BE(UInt32(data.count))
        out.append(contentsOf: typeBytes)
        out.append(contentsOf: data)
        out.uint32BE(Checksum.crc32(data, start: Checksum.crc32(typeBytes)))
    }
}

/// Why an image cannot be written.
public struct PNGError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    init(_ message: String) {
        self.message = message
    }

    public var description: String { "PNG: \(message)" }
}

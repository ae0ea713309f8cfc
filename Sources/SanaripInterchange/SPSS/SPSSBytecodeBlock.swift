/// SPSS bytecode compression: eight command bytes, then the raw 8-byte values some of them announce.
/// Codes: 1–251 an integer value − 100, 253 a raw value follows, 254 eight spaces, 255 system-missing,
/// 0 padding of the last block. ``SPSSCases`` picks each unit's code; this packs the codes into blocks.
struct SPSSBytecodeBlock: Sendable {
    static let rawFollows: UInt8 = 253
    static let spaces: UInt8 = 254
    static let systemMissing: UInt8 = 255

    /// Commands of the block being filled (fewer than 8) and the raw values they announce.
    private var commands: [UInt8] = []
    private var raw: [UInt8] = []

    init() {
        commands.reserveCapacity(8)
        raw.reserveCapacity(64)
    }

    /// The one-byte code of a number, or nil when it must follow as a raw value.
    static func code(for number: Double) -> UInt8? {
        if number == SPSSWriter.systemMissing { return systemMissing }
        if number >= -99, number <= 151, number == number.rounded(), !(number == 0 && number.sign == .minus) {
            return UInt8(number + SPSSWriter.compressionBias)
        }
        return nil
    }

    /// Appends units given as codes and the raw values their 253s announce, in order; whole blocks go to `output`.
    mutating func add(codes: [UInt8], raw values: [UInt8], into output: inout ByteBuffer) {
        codes.withUnsafeBufferPointer { codes in
            values.withUnsafeBufferPointer { values in
                var index = 0
                var offset = 0
                while index < codes.count {
                    if commands.isEmpty, codes.count - index >= 8 {
                        // A whole block, straight from the buffers.
                        let block = UnsafeBufferPointer(rebasing: codes[index..<index + 8])
                        var rawBytes = 0
                        for code in block where code == Self.rawFollows { rawBytes += 8 }
                        output.append(contentsOf: block)
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: values[offset..<offset + rawBytes]))
                        offset += rawBytes
                        index += 8
                        continue
                    }
                    // One unit into the block being filled.
                    let code = codes[index]
                    commands.append(code)
                    if code == Self.rawFollows {
                        raw.append(contentsOf: UnsafeBufferPointer(rebasing: values[offset..<offset + 8]))
                        offset += 8
                    }
                    index += 1
                    if commands.count == 8 { emitBlock(into: &output) }
                }
            }
        }
    }

    /// Writes a partly filled block, padded with zero commands.
    mutating func flush(into output: inout ByteBuffer) {
        guard !commands.isEmpty else { return }
        while commands.count < 8 { commands.append(0) }
        emitBlock(into: &output)
    }

    private mutating func emitBlock(into output: inout ByteBuffer) {
        output.append(contentsOf: commands)
        output.append(contentsOf: raw)
        commands.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
    }
}

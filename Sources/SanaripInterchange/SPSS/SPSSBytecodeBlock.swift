/// SPSS bytecode compression: eight command bytes, then the raw 8-byte values some of them announce.
/// Codes: 1–251 an integer value − 100, 253 a raw value follows, 254 eight spaces, 255 system-missing,
/// 0 padding of the last block.
struct SPSSBytecodeBlock: Sendable {
    private var commands: [UInt8] = []
    private var raw = ByteBuffer(capacity: 64)

    init() {
        commands.reserveCapacity(8)
    }

    mutating func add(number: Double, into output: inout ByteBuffer) {
        if number == SPSSWriter.systemMissing {
            command(255, into: &output)
        } else if number >= -99, number <= 151, number == number.rounded(), !(number == 0 && number.sign == .minus) {
            command(UInt8(number + SPSSWriter.compressionBias), into: &output)
        } else {
            raw.float64LE(number)
            command(253, into: &output)
        }
    }

    /// Up to 8 bytes of a string, padded with spaces.
    mutating func add(chunk: Slice<UnsafeBufferPointer<UInt8>>, into output: inout ByteBuffer) {
        if chunk.allSatisfy({ $0 == 0x20 }) {
            command(254, into: &output)
        } else {
            raw.append(chunk, paddedTo: 8)
            command(253, into: &output)
        }
    }

    /// Writes a partly filled block, padded with zero commands.
    mutating func flush(into output: inout ByteBuffer) {
        guard !commands.isEmpty else { return }
        while commands.count < 8 { commands.append(0) }
        emitBlock(into: &output)
    }

    private mutating func command(_ code: UInt8, into output: inout ByteBuffer) {
        commands.append(code)
        if commands.count == 8 { emitBlock(into: &output) }
    }

    private mutating func emitBlock(into output: inout ByteBuffer) {
        output.append(contentsOf: commands)
        output.append(contentsOf: raw.bytes)
        commands.removeAll(keepingCapacity: true)
        raw.removeAll()
    }
}

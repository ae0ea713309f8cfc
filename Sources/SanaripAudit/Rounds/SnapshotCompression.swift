import CLibXML2
import Foundation

/// zlib (RFC 1950) for the pages kept as snapshots.
public enum SnapshotCompression {
    public static func compress(_ data: Data) -> Data {
        guard !data.isEmpty else { return Data() }
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = data.withUnsafeBytes { input in
            compress2(&output, &length, input.bindMemory(to: Bytef.self).baseAddress, uLong(data.count), 6)
        }
        guard status == Z_OK else { return Data() }
        return Data(output[0..<Int(length)])
    }

    /// The bytes of `data`, which inflate to `size` bytes; nil when they are not zlib data of that size.
    public static func decompress(_ data: Data, size: Int) -> Data? {
        guard size > 0 else { return Data() }
        var length = uLongf(size)
        var output = [UInt8](repeating: 0, count: size)
        let status = data.withUnsafeBytes { input in
            uncompress(&output, &length, input.bindMemory(to: Bytef.self).baseAddress, uLong(data.count))
        }
        guard status == Z_OK, Int(length) == size else { return nil }
        return Data(output)
    }
}

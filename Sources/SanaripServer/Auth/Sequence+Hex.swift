extension Sequence<UInt8> {
    /// The bytes as lowercase hexadecimal, two digits each.
    var hexString: String {
        String(decoding: flatMap { byte in [Self.digits[Int(byte >> 4)], Self.digits[Int(byte & 0x0F)]] }, as: UTF8.self)
    }

    private static var digits: [UInt8] { Array("0123456789abcdef".utf8) }
}

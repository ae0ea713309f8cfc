extension QRCode {
    /// The code as a black-and-white PNG: `scale` pixels per module and a light quiet zone of
    /// `border` modules (the standard asks for four).
    public func png(scale: Int = 8, border: Int = 4) -> [UInt8] {
        let scale = max(1, scale), border = max(0, border)
        let side = (size + 2 * border) * scale
        var rows: [[Bool]] = []
        rows.reserveCapacity(side)
        for y in 0..<side {
            let moduleY = y / scale - border
            var row = [Bool](repeating: false, count: side)
            if (0..<size).contains(moduleY) {
                for x in 0..<side {
                    let moduleX = x / scale - border
                    row[x] = (0..<size).contains(moduleX) && modules[moduleY][moduleX]
                }
            }
            rows.append(row)
        }
        // Rows are non-empty and of equal length by construction.
        return (try? GreyscalePNG(pixels: rows))?.encoded() ?? []
    }
}

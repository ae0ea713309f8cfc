/// A print or write format of an SPSS variable: how values are shown (`F8.2`, `A20`, `DATE11`, `DATETIME20`…).
public struct SPSSFormat: Sendable, Hashable, CustomStringConvertible {
    /// The format types, with the codes the system file uses.
    public enum Kind: Int32, Sendable, Hashable, CaseIterable {
        case a = 1, ahex = 2, comma = 3, dollar = 4, f = 5, e = 17
        case date = 20, time = 21, dateTime = 22, adate = 23, jdate = 24, dtime = 25, wkday = 26, month = 27
        case moyr = 28, qyr = 29, wkyr = 30, pct = 31, dot = 32, edate = 38, sdate = 39, mtime = 40, ymdhms = 41

        /// The name SPSS and PSPP show, such as `DATETIME`.
        public var name: String {
            switch self {
            case .dateTime: "DATETIME"
            default: String(describing: self).uppercased()
            }
        }

        /// Whether the format has a decimals part, always written (`F8.0`, `DATETIME20.0`), as SPSS and PSPP do.
        var takesDecimals: Bool {
            switch self {
            case .f, .comma, .dollar, .e, .pct, .dot, .time, .dateTime, .dtime, .mtime, .ymdhms: true
            default: false
            }
        }

        /// Smallest width SPSS accepts for this type (with no decimals).
        var minimumWidth: Int {
            switch self {
            case .date: 9
            case .time: 5
            case .dateTime: 17
            case .adate, .edate, .sdate: 8
            case .jdate: 5
            case .dtime: 8
            case .wkday, .month: 2
            case .moyr: 6
            case .qyr: 6
            case .wkyr: 8
            case .mtime: 5
            case .ymdhms: 16
            case .e: 6
            case .a, .ahex, .comma, .dollar, .f, .pct, .dot: 1
            }
        }
    }

    public var kind: Kind
    public var width: Int
    public var decimals: Int

    public init(_ kind: Kind, width: Int, decimals: Int = 0) {
        self.kind = kind
        self.width = width
        self.decimals = decimals
    }

    /// `Fw.d`: a plain number.
    public static func f(_ width: Int, _ decimals: Int = 0) -> SPSSFormat { SPSSFormat(.f, width: width, decimals: decimals) }
    /// `Aw`: a string of `width` bytes.
    public static func a(_ width: Int) -> SPSSFormat { SPSSFormat(.a, width: width) }
    /// `DATE11`: 14-OCT-2026.
    public static let date = SPSSFormat(.date, width: 11)
    /// `SDATE10`: 2026/10/14, the sortable date.
    public static let sortableDate = SPSSFormat(.sdate, width: 10)
    /// `DATETIME20`: 14-OCT-2026 10:20:30.
    public static let dateTime = SPSSFormat(.dateTime, width: 20)
    /// `TIME8`: 10:20:30.
    public static let time = SPSSFormat(.time, width: 8)

    /// The 32-bit code of the system file: type, width and decimals in its three low bytes.
    var code: Int32 { kind.rawValue << 16 | Int32(width) << 8 | Int32(decimals) }

    public var description: String {
        kind.takesDecimals ? "\(kind.name)\(width).\(decimals)" : "\(kind.name)\(width)"
    }

    /// Why this format cannot show a numeric variable, or nil when it can.
    var problemForNumbers: String? {
        if kind == .a || kind == .ahex { return "\(description) is a string format but the variable is numeric" }
        if !(1...40).contains(width) { return "\(description) has width \(width); numeric formats take 1 to 40" }
        if !(0...16).contains(decimals) || (decimals > 0 && (decimals >= width || !kind.takesDecimals)) {
            return "\(description) has \(decimals) decimals; use 0 to 16 and fewer than the width"
        }
        if width < kind.minimumWidth + (decimals > 0 ? decimals + 1 : 0) {
            return "\(description) is too narrow; \(kind.name) needs a width of at least \(kind.minimumWidth)"
        }
        return nil
    }
}

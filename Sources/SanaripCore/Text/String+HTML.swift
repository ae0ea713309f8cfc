extension StringProtocol {
    /// The text with `&`, `<`, `>` and `"` replaced by entities, safe inside HTML, SVG or XML text and
    /// double-quoted attributes.
    public var htmlEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

import SanaripAudit

/// An article page's main text from the audit's parse of it: the visible text without the navigation that comes
/// before the headline. The page's text is cut at the title's first occurrence when the title is found (menus and
/// headers come before it), else kept whole.
public enum ArticleText {
    public static func main(_ page: HTMLPage, title: String) -> String {
        let text = page.text
        let headline = title.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard headline.count >= 12, let range = text.range(of: headline) else { return text }
        return String(text[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

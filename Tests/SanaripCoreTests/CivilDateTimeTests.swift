import SanaripCore
import Testing

@Suite struct CivilDateTimeTests {
    /// Dates and times as answers hold them, with spaces, other whitespace, offsets, and things that are not dates.
    static let texts = [
        "2024-01-31", "2024-02-29", "2023-02-29", "2024-1-5", "2024-01-31T10:20", "2024-01-31 10:20:30",
        "2024-01-31T10:20:30.5+06:00", "2024-01-31T10:20:30.123456Z", "2024-01-31T10:20:30+0600", "2024-01-31T24:00:00",
        "2024-01-31T24:00:01", " 2024-01-31", "2024-01-31 ", "\t2024-01-31\n", "\u{A0}2024-01-31", "2024-01-31\u{2003}",
        "2024-01-31Z", "2024-13-01", "20240131", "", " ", "abc", "2024-01-31T10:20:30.5+15:00", "2024-01-31T1:2",
        "2024-01-31T10:20:30.", "٢٠٢٤-٠١-٣١", "2024-01-31T10:20:30-04:30", "0001-01-01", "9999-12-31T23:59:59.999Z",
    ]

    @Test func bytesParseAsTheStringDoes() {
        for text in Self.texts {
            var copy = text
            let fromBytes = copy.withUTF8 { CivilDateTime(isoUTF8: $0) }
            #expect(fromBytes == CivilDateTime(iso: text), "\(text.debugDescription)")
        }
        #expect(Self.texts.compactMap { CivilDateTime(iso: $0) }.count > 10, "most of the texts are dates")
    }
}

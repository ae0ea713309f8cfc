import Foundation

/// Regular expressions for contacts found in page text, compiled once (`NSRegularExpression` is thread-safe).
enum Patterns {
    /// +996 numbers (+996 312 123456, +996 (3922) 5-12-34, 996555123456) and local forms (0 3922 5-12-34, (03922) 51234, 0555 123 456).
    static let phone = try! NSRegularExpression(pattern:
        #"(?:\+\s?996|\b996)[\s\-()]*\d{3,4}[\s\-()]*\d{1,3}[\s\-]?\d{2}[\s\-]?\d{2}|(?<![\d.])\(?0\s?\d{3,4}\)?[\s\-]?\d{1,3}[\s\-]?\d{2}[\s\-]?\d{2}(?!\d|\.\d)"#)
    static let email = try! NSRegularExpression(pattern: #"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}"#)
    /// A street, avenue or "address" followed by a house number.
    static let address = try! NSRegularExpression(pattern:
        #"(?i:ул\.|улица|көч\.|көчөсү|кочосу|пр\.|проспект|адрес|дарек)\s*:?\s*[^\n]{0,50}?\d+"#)
    /// Working or reception hours, or a time range such as 8:00–17:00.
    static let hours = try! NSRegularExpression(pattern:
        #"(?i:график работы|режим работы|часы приема|часы приёма|иш убактысы|иш тартиби|кабыл алуу убактысы|opening hours)|\b\d{1,2}[:.]\d{2}\s*[-–—]\s*\d{1,2}[:.]\d{2}\b"#)
    /// The head of the municipality (глава, аким, мэр, башчысы, төрага) followed by a capitalised name.
    static let head = try! NSRegularExpression(pattern:
        #"(?i:глава|башчысы|аким|мэр|head of)[^.\n]{0,60}?\b[А-ЯЁӨҮҢA-Z][а-яёөүңa-z]+\s+[А-ЯЁӨҮҢA-Z][а-яёөүңa-z]+"#)

}

import Foundation

extension InterfaceLanguage {
    /// The time zone the study works in, for every date shown.
    static let timeZone = TimeZone(identifier: "Asia/Bishkek") ?? .current

    var locale: Locale { Locale(identifier: localeIdentifier) }

    /// A date and time as people of this language write it (`15 январь 2025 ж., 14:30` in Kyrgyz).
    func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = Self.timeZone
        formatter.dateStyle = .long
        formatter.timeStyle = .short
        return formatter.string(from: date)
    }

    /// A whole number with this language's grouping (`12 345` in Russian, `12,345` in English).
    func format(_ number: Int) -> String {
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        return formatter.string(from: NSNumber(value: number)) ?? String(number)
    }
}

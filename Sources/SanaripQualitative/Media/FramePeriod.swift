import Foundation
import SanaripCore

/// The period articles are counted in: a day, an ISO week (Monday to Sunday), a month or a year, in UTC.
public enum FramePeriod: String, Sendable, Hashable, Codable, CaseIterable {
    case day, week, month, year

    /// The label of the period holding `date`: `2026-12-04`, `2026-W49`, `2026-12` or `2026`.
    public func label(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        guard let civil = CivilDateTime(daysSinceEpoch: days) else { return "" }
        switch self {
        case .day:
            return civil.dateString
        case .week:
            // ISO 8601: a week belongs to the year of its Thursday, and week 1 holds the year's first Thursday.
            let monday = (civil.weekday + 6) % 7
            guard let thursday = CivilDateTime(daysSinceEpoch: days - monday + 3) else { return "" }
            let week = (thursday.daysSinceEpoch - CivilDateTime(year: thursday.year, month: 1, day: 1).daysSinceEpoch) / 7 + 1
            return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
        case .month:
            return String(civil.dateString.prefix(7))
        case .year:
            return String(civil.year)
        }
    }
}

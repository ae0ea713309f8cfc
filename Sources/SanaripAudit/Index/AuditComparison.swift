/// Scores compared across groups of municipalities: overall, each oblast, cities and towns against ayil aimaks
/// within each oblast, and each district — with the mean, median and the count at each LOSI level.
public struct AuditComparison: Sendable, Hashable {
    public var label: String
    public var count: Int
    public var mean: Double
    public var median: Double
    public var levels: [LOSILevel: Int]

    public static func rows(_ audits: [SiteAudit], frame: MunicipalFrame?) -> [AuditComparison] {
        func row(_ label: String, _ members: [SiteAudit]) -> AuditComparison? {
            guard !members.isEmpty else { return nil }
            let scores = members.map(\.score).sorted()
            let middle = scores.count / 2
            let median = scores.count % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2
            var levels: [LOSILevel: Int] = [:]
            for audit in members { levels[LOSILevel(rawValue: audit.level) ?? .low, default: 0] += 1 }
            return AuditComparison(label: label, count: members.count, mean: scores.reduce(0, +) / Double(scores.count), median: median, levels: levels)
        }
        var rows: [AuditComparison?] = [row("all", audits)]
        guard let frame else { return rows.compactMap { $0 } }
        func place(_ audit: SiteAudit) -> MunicipalFrame.Municipality? { frame.municipalities[audit.municipality] }
        let oblasts = Set(audits.compactMap { place($0)?.oblast }).sorted()
        for oblast in oblasts {
            let inOblast = audits.filter { place($0)?.oblast == oblast }
            rows.append(row(oblast, inOblast))
            rows.append(row("\(oblast): cities and towns", inOblast.filter { place($0)?.type != "ayil aimak" }))
            rows.append(row("\(oblast): ayil aimaks", inOblast.filter { place($0)?.type == "ayil aimak" }))
        }
        for district in Set(audits.compactMap { place($0).map { "\($0.oblast) · \($0.district)" } }).sorted() {
            rows.append(row(district, audits.filter { place($0).map { "\($0.oblast) · \($0.district)" } == district }))
        }
        return rows.compactMap { $0 }
    }
}

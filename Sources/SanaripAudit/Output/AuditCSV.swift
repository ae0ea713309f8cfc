import SanaripInstrument

/// The round's results as CSV: one row per municipality, the columns others read first
/// (`municipality,url,reachable,status,https,languages,title,mobile_viewport,has_contacts,has_budget,
/// has_eservices_link,has_feedback,social_links,last_update,pages_fetched,score,level`), then each group's score
/// and every indicator (1/0, empty when not assessed).
public enum AuditCSV {
    public static let headline = [
        "municipality", "url", "reachable", "status", "https", "languages", "title", "mobile_viewport", "has_contacts",
        "has_budget", "has_eservices_link", "has_feedback", "social_links", "last_update", "pages_fetched", "score", "level",
    ]

    public static func text(_ audits: [SiteAudit], index: AuditIndex) -> String {
        CSVCodec().text(for: records(audits, index: index))
    }

    /// The rows (header first); with a frame, each municipality's names, oblast, district and type follow the
    /// group scores, so the figures join the survey's estimates by municipality.
    public static func records(_ audits: [SiteAudit], index: AuditIndex, frame: MunicipalFrame? = nil) -> [[String]] {
        let groups = LOSIGroup.allCases.map { "score_\($0.rawValue)" }
        let indicatorIDs = index.indicators.map(\.id)
        let places = frame == nil ? [] : ["name_ky", "name_ru", "name_en", "oblast", "district", "type"]
        var records = [headline + groups + places + ["problem"] + indicatorIDs]
        for audit in audits {
            func flag(_ value: Bool) -> String { value ? "1" : "0" }
            var row = [
                audit.municipality, audit.url, flag(audit.reachable), String(audit.status), flag(audit.https),
                audit.languages.joined(separator: ";"), audit.title, flag(audit.mobileViewport), flag(audit.hasContacts),
                flag(audit.hasBudget), flag(audit.hasEservicesLink), flag(audit.hasFeedback), audit.socialLinks.joined(separator: ";"),
                audit.lastUpdate ?? "", String(audit.pagesFetched), number(audit.score), audit.level,
            ]
            row += LOSIGroup.allCases.map { audit.groupScores[$0.rawValue].map(number) ?? "" }
            if let frame {
                let place = frame.municipalities[audit.municipality]
                row += [place?.name.ky ?? "", place?.name.ru ?? "", place?.name.en ?? "", place?.oblast ?? "", place?.district ?? "", place?.type ?? ""]
            }
            row.append(audit.problem ?? "")
            row += indicatorIDs.map { id in audit.indicator(id)?.value.map(number) ?? "" }
            records.append(row)
        }
        return records
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

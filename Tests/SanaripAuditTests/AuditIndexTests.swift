import Foundation
import Testing
@testable import SanaripAudit

@Suite("The index")
struct AuditIndexTests {
    @Test("the shipped file: LOSI's five groups weighted by their indicator counts")
    func shippedFile() throws {
        let index = try AuditFixtures.index()
        #expect(index.groupWeights == [.institutional: 8, .content: 25, .services: 18, .participation: 17, .technology: 18])
        #expect(Set(index.indicators.filter { $0.method == .auto }.map(\.id)) == SiteAnalyzer.automatedIDs)
        #expect(Set(index.indicators.map(\.group)) == Set(LOSIGroup.allCases))
    }

    @Test("every participation and engagement indicator of LOSI 2022 (E-Government Survey 2022, figure 3.10) has its row, once")
    func losiParticipationIndicators() throws {
        let losi = [
            "Social networking features", "Feedback/complaint submission", "Budget-related information",
            "Information on the public meetings of the municipal council", "Reporting of incidents in public spaces",
            "Online deliberation processes", "Open data provision", "Open data metadata",
            "Announcement of upcoming e-participation activities", "Participatory land use plan", "Quality of email response",
            "Municipality responsiveness emails", "Participatory budgeting", "Feedback about consultation processes",
            "Report of any form of discrimination", "Real time communication", "E-voting",
        ]
        #expect(losi.count == 17)
        let text = try String(contentsOf: AuditFixtures.auditFolder.appendingPathComponent("index.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = try #require(rows.first)
        let column = try #require(header.firstIndex(of: "losi_2022"))
        let named = rows.dropFirst().compactMap { $0.count > column ? String($0[column]) : nil }
        for name in losi {
            #expect(named.filter { $0 == "participation and engagement: \(name)" }.count == 1, "\(name)")
        }
        let index = try AuditFixtures.index()
        let ids = rows.dropFirst().filter { $0.count > column && $0[column].hasPrefix("participation and engagement:") }.map { String($0[0]) }
        #expect(ids.count == 17)
        #expect(ids.allSatisfy { id in index.indicators.contains { $0.id == id } })
    }

    @Test("group scores over assessed indicators, the index and LOSI's levels, by hand")
    func scoring() throws {
        let index = try AuditIndex(csv: """
            # comment
            id,group,method,weight,label_en,label_ru,label_ky
            group_weights,content,group,3,C,C,C
            group_weights,technology,group,1,T,T,T
            budget,content,auto,2,A,A,A
            budget_current_year,content,review,1,B,B,B
            title,technology,auto,1,T,T,T
            https,technology,auto,3,H,H,H
            """, file: "test.csv")
        // content: (2·1 + 1·0.5)/3 = 5/6; technology: (1·1 + 3·0)/4 = 1/4; index (3·5/6 + 1·1/4)/4 = 0.6875.
        let scored = index.score(["budget": 1, "budget_current_year": 0.5, "title": 1, "https": 0])
        #expect(abs(try #require(scored.groups[.content]) - 5.0 / 6.0) < 1e-12)
        #expect(abs(try #require(scored.groups[.technology]) - 0.25) < 1e-12)
        #expect(abs(scored.index - 0.6875) < 1e-12)
        #expect(scored.level == .high)
        // Unanswered review indicators are left out, not counted 0.
        #expect(index.score(["budget": 1]).groups[.content] == 1)
        #expect(LOSILevel(score: 0.75) == .veryHigh && LOSILevel(score: 0.7499) == .high && LOSILevel(score: 0.25) == .middle
            && LOSILevel(score: 0.2499) == .low)
    }

    @Test("a bad index file names the row and column")
    func badFile() {
        #expect(throws: AuditError.self) { try AuditIndex(csv: "id,group,method,weight,label_en,label_ru,label_ky\nx,content,auto,1,a,b,c", file: "i.csv") }
        do {
            _ = try AuditIndex(csv: "id,group,method,weight,label_en,label_ru,label_ky\nx,contents,review,1,a,b,c", file: "i.csv")
            Issue.record("accepted an unknown group")
        } catch {
            #expect(error.description.hasPrefix("i.csv, row 2, column group"))
        }
    }

    @Test("the CSV starts with the columns others read")
    func csvColumns() throws {
        let index = try AuditFixtures.index()
        var audit = SiteAudit(municipality: "41702215000010", url: "http://tamga.kg/")
        audit.reachable = true
        audit.status = 200
        audit.languages = ["ky", "ru"]
        audit.socialLinks = ["facebook", "telegram"]
        audit.lastUpdate = "2026-11-20"
        audit.indicators = [IndicatorResult(id: "title", value: 1)]
        audit.score(with: index)
        let text = AuditCSV.text([audit], index: index)
        let lines = text.split(separator: "\n")
        #expect(lines.first?.hasPrefix("municipality,url,reachable,status,https,languages,title,mobile_viewport,has_contacts,has_budget,has_eservices_link,has_feedback,social_links,last_update,pages_fetched,score,level,") == true)
        #expect(lines.dropFirst().first?.hasPrefix("41702215000010,http://tamga.kg/,1,200,0,ky;ru,,0,0,0,0,0,facebook;telegram,2026-11-20,0,1,very high,") == true)
    }
}

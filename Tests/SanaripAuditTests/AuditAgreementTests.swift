import Foundation
import SanaripStorage
import Testing
@testable import SanaripAudit

@Suite("Checklist agreement and comparisons")
struct AuditAgreementTests {
    static func answer(_ municipality: String, _ indicator: String, _ reviewer: String, _ value: String) -> WebAuditAnswer {
        WebAuditAnswer(roundID: 1, municipality: municipality, indicator: indicator, reviewer: reviewer, answer: value, note: "", answeredAt: Date())
    }

    @Test("κ per group over items both reviewers answered; disagreements listed; answers averaged for the index")
    func agreement() throws {
        let index = try AuditFixtures.index()
        // Participation items (replies_to_feedback, council_meetings_announced) in three municipalities: the pairs are
        // (yes, yes), (no, no), (yes, no), (partly, partly), (no, no), (yes, yes).
        let pairs: [(String, String, String, String)] = [
            ("m1", "replies_to_feedback", "yes", "yes"), ("m1", "council_meetings_announced", "no", "no"),
            ("m2", "replies_to_feedback", "yes", "no"), ("m2", "council_meetings_announced", "partly", "partly"),
            ("m3", "replies_to_feedback", "no", "no"), ("m3", "council_meetings_announced", "yes", "yes"),
        ]
        var answers = pairs.flatMap { [Self.answer($0.0, $0.1, "aida", $0.2), Self.answer($0.0, $0.1, "bakyt", $0.3)] }
        answers.append(Self.answer("m1", "egov_strategy", "aida", "yes"))   // one reviewer only: no pair
        let agreement = AuditAgreement(answers, index: index)
        let content = try #require(agreement.groups.first { $0.group == .participation })
        #expect(agreement.groups.count == 1)
        #expect(content.kappa.items == 6)
        // p_o = 5/6; aida: yes 3, no 2, partly 1; bakyt: yes 2, no 3, partly 1; p_e = (3·2 + 2·3 + 1·1)/36 = 13/36.
        let expected = (5.0 / 6.0 - 13.0 / 36.0) / (1.0 - 13.0 / 36.0)
        let kappa = try #require(content.kappa.kappa)
        #expect(abs(kappa - expected) < 1e-12)
        #expect(agreement.disagreements.count == 1)
        let disagreement = try #require(agreement.disagreements.first)
        #expect(disagreement.municipality == "m2" && disagreement.indicator == "replies_to_feedback")
        #expect(disagreement.answers.map(\.answer) == ["yes", "no"])
        let values = AuditAgreement.reviewedValues(answers)
        #expect(values["m2"]?["replies_to_feedback"] == 0.5)
        #expect(values["m2"]?["council_meetings_announced"] == 0.5)
        #expect(values["m1"]?["egov_strategy"] == 1)
    }

    @Test("comparison rows by oblast, type and district, with mean, median and levels, by hand")
    func comparison() {
        func place(_ code: String, _ oblast: String, _ district: String, _ type: String) -> (String, MunicipalFrame.Municipality) {
            (code, MunicipalFrame.Municipality(code: code, name: AuditLabel(en: code, ru: code, ky: code), oblast: oblast, district: district,
                                               type: type, urbanRural: type == "city" ? "urban" : "rural"))
        }
        let frame = MunicipalFrame(municipalities: Dictionary(uniqueKeysWithValues: [
            place("a", "Osh", "Alay", "ayil aimak"), place("b", "Osh", "Alay", "ayil aimak"), place("c", "Osh", "Kara-Suu", "town"),
            place("d", "Issyk-Kul", "Tong", "ayil aimak"),
        ]))
        func audit(_ code: String, _ score: Double) -> SiteAudit {
            var audit = SiteAudit(municipality: code, url: "")
            audit.score = score
            audit.level = LOSILevel(score: score).rawValue
            return audit
        }
        let rows = AuditComparison.rows([audit("a", 0.1), audit("b", 0.6), audit("c", 0.8), audit("d", 0.3)], frame: frame)
        let byLabel = Dictionary(uniqueKeysWithValues: rows.map { ($0.label, $0) })
        #expect(byLabel["all"]?.count == 4)
        #expect(abs((byLabel["all"]?.mean ?? 0) - 0.45) < 1e-12)
        #expect(abs((byLabel["all"]?.median ?? 0) - 0.45) < 1e-12)
        #expect(abs((byLabel["Osh"]?.median ?? 0) - 0.6) < 1e-12)
        #expect(byLabel["Osh: cities and towns"]?.count == 1)
        #expect(byLabel["Osh: ayil aimaks"]?.levels == [.low: 1, .high: 1])
        #expect(byLabel["Osh · Alay"]?.count == 2)
        #expect(byLabel["Issyk-Kul · Tong"]?.levels == [.middle: 1])
    }
}

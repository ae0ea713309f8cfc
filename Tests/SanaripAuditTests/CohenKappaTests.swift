import Foundation
import Testing
@testable import SanaripAudit

@Suite("Reviewers' agreement")
struct CohenKappaTests {
    /// Two reviewers' yes/partly/no answers on 12 checklist items.
    static let a = ["yes", "yes", "no", "partly", "yes", "no", "no", "yes", "partly", "yes", "no", "yes"]
    static let b = ["yes", "no", "no", "partly", "yes", "no", "yes", "yes", "no", "yes", "no", "partly"]

    @Test("by hand: p_o = 8/12; p_e = (6·5 + 4·5 + 2·2)/144 = 54/144; κ = (8/12 − 54/144)/(1 − 54/144) = 0.4667")
    func byHand() throws {
        let kappa = CohenKappa(Array(zip(Self.a, Self.b)))
        #expect(kappa.items == 12)
        #expect(abs(kappa.observed - 8.0 / 12.0) < 1e-12)
        #expect(abs(kappa.expected - 54.0 / 144.0) < 1e-12)
        let expected: Double = (8.0 / 12.0 - 54.0 / 144.0) / (1.0 - 54.0 / 144.0)
        let value = try #require(kappa.kappa)
        #expect(abs(value - expected) < 1e-12)
        #expect(CohenKappa([("yes", "yes"), ("yes", "yes")]).kappa == nil)
        #expect(CohenKappa([(String, String)]()).kappa == nil)
    }

    @Test("the same as R computes from the contingency table (irr::kappa2's formula)")
    func againstR() throws {
        guard let rscript = ["/usr/bin/Rscript", "/usr/local/bin/Rscript"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            Issue.record("Rscript is not installed (scripts/setup.sh installs it)")
            return
        }
        let script = """
            a <- c(\(Self.a.map { "\"\($0)\"" }.joined(separator: ",")))
            b <- c(\(Self.b.map { "\"\($0)\"" }.joined(separator: ",")))
            lv <- union(a, b); t <- table(factor(a, lv), factor(b, lv)) / length(a)
            po <- sum(diag(t)); pe <- sum(rowSums(t) * colSums(t))
            cat(sprintf("%.15f", (po - pe) / (1 - pe)))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: rscript)
        process.arguments = ["-e", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let r = try #require(Double(output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let kappa = try #require(CohenKappa(Array(zip(Self.a, Self.b))).kappa)
        #expect(abs(kappa - r) < 1e-12)
    }
}

import Foundation
import Testing
@testable import SanaripStatistics

@Suite("Hadamard matrices against R survey's hadamard()")
struct HadamardMatrixTests {
    static let strata = Array(1...130) + [150, 200, 250, 300, 500, 1000]

    @Test func sameMatrixAsR() throws {
        let output = try RScript.run("""
            for (n in \(RReference.vector(Self.strata.map(Double.init)))) { H <- hadamard(n); cat(n, nrow(H), paste(t(H), collapse = ""), "\\n") }
            """)
        var compared = 0
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let n = Int(fields[0]), let size = Int(fields[1]) else { continue }
            let matrix = HadamardMatrix(strata: n)
            #expect(matrix.size == size, "n = \(n)")
            guard matrix.size == size else { continue }
            let swift = String((0..<size).flatMap { i in (0..<size).map { j in matrix[i, j] ? Character("1") : Character("0") } })
            #expect(swift == String(fields[2]), "n = \(n): entries differ")
            compared += 1
        }
        #expect(compared == Self.strata.count)
    }
}

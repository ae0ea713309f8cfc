import Foundation

@testable import SanaripInstrument

/// The engine's seeded generator (SplitMix64), so "random" test inputs are the same on every run.
typealias SeededGenerator = ExpressionEvaluator.SeededGenerator

extension ExpressionEvaluator.SeededGenerator {
    mutating func bytes(_ count: Int) -> Data {
        Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &self) })
    }
}

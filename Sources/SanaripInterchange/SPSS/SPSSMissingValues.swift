/// User-missing values of an SPSS variable (codes such as 98 "don't know" that analyses leave out).
public enum SPSSMissingValues: Sendable, Hashable {
    case none
    /// Up to three discrete values: numbers for a numeric variable, strings of at most 8 bytes for a string one
    /// (only one for a string wider than 8 bytes, which both PSPP 1.x and SPSS then read alike).
    case values([SPSSValue])
    /// A numeric range, optionally with one discrete value besides.
    case range(low: Double, high: Double, plus: Double? = nil)
}

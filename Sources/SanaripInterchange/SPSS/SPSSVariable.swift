/// One variable of an SPSS dictionary: name, label, type, formats, value labels, missing values and
/// measurement level.
public struct SPSSVariable: Sendable, Hashable {
    /// Numeric, or a string of a fixed width in bytes (1 to 32,767; over 255 is a "very long string").
    public enum Kind: Sendable, Hashable {
        case numeric
        case string(width: Int)
    }

    /// The measurement level SPSS uses to pick charts and tests.
    public enum Measure: Int32, Sendable, Hashable {
        case nominal = 1, ordinal = 2, scale = 3
    }

    /// The name: up to 64 bytes of UTF-8, a letter or `@` first, then letters, digits, `.`, `_`, `$`, `#`, `@`.
    public var name: String
    /// The variable label (cut to 255 bytes, at a character boundary, as SPSS does).
    public var label: String
    public var kind: Kind
    /// The print and write format; strings always use `A` with their width.
    public var format: SPSSFormat
    /// Labels of values, in order; the values match the variable's kind.
    public var valueLabels: [SPSSValueLabel]
    public var missingValues: SPSSMissingValues
    public var measure: Measure

    /// A variable; the format defaults to `F8.2` for numbers (`F8.0` with value labels) and `A<width>` for
    /// strings, the measure to nominal for strings and labelled numbers, scale otherwise.
    public init(
        name: String,
        label: String = "",
        kind: Kind = .numeric,
        format: SPSSFormat? = nil,
        valueLabels: [SPSSValueLabel] = [],
        missingValues: SPSSMissingValues = .none,
        measure: Measure? = nil
    ) {
        self.name = name
        self.label = label
        self.kind = kind
        switch kind {
        case .numeric: self.format = format ?? (valueLabels.isEmpty ? .f(8, 2) : .f(8, 0))
        case .string(let width): self.format = .a(width)
        }
        self.valueLabels = valueLabels
        self.missingValues = missingValues
        self.measure = measure ?? (kind == .numeric && valueLabels.isEmpty ? .scale : .nominal)
    }

    /// The width in bytes of a string variable, 0 for a numeric one.
    public var width: Int {
        switch kind {
        case .numeric: 0
        case .string(let width): width
        }
    }
}

/// A label for one value of a variable, e.g. 1 = "Ооба" (Kyrgyz "yes"). Labels are cut to 255 bytes.
public struct SPSSValueLabel: Sendable, Hashable {
    public var value: SPSSValue
    public var label: String

    public init(_ value: SPSSValue, _ label: String) {
        self.value = value
        self.label = label
    }
}

import SanaripCore

/// Writes an ``Instrument`` as an ODK XForm 1.0 document that ODK Collect, Enketo and ODK Validate accept.
///
/// The layout follows pyxform's: itext translations for every language with the default marked,
/// a primary instance with `meta/instanceID`, one secondary instance per choice list with itemsets,
/// binds with types and logic, and body controls. The same instrument always gives the same bytes.
public struct XFormWriter: Sendable {
    public init() {}

    /// The XForm as text.
    ///
    /// - Throws: ``XFormWriterError`` when an expression cannot be parsed; instruments that
    ///   ``XLSFormReader`` read without errors never throw.
    public func xml(for instrument: Instrument) throws(XFormWriterError) -> String {
        var build = XFormBuild(instrument: instrument)
        return String(decoding: try build.document(), as: UTF8.self)
    }
}

/// An expression the writer could not translate into XPath.
public struct XFormWriterError: Error, Sendable, Hashable, CustomStringConvertible {
    public var element: String
    public var expression: String
    public var message: String

    public var description: String { "\(element): cannot write \"\(expression)\": \(message)" }
}

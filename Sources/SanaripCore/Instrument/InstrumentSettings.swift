/// The settings sheet of an XLSForm.
public struct InstrumentSettings: Sendable, Hashable {
    public var formTitle: String?
    /// The form's identifier, the same across versions; ODK uses it to match submissions to forms.
    public var formID: String?
    /// A version string that must change whenever the form changes (`yyyymmddrr` by convention).
    public var version: String?
    /// The language shown first, as written in the label columns (`Kyrgyz (ky)`).
    public var defaultLanguage: String?
    /// An expression naming each submission (`concat(${village}, '-', ${hh_id})`).
    public var instanceName: String?
    /// Base64 RSA public key: submissions are encrypted on the device.
    public var publicKey: String?
    public var submissionURL: String?
    /// `pages` or `theme-grid` for web forms.
    public var style: String?
    /// The name of the primary instance's root element (`data` when not set).
    public var rootName: String?
    /// When true, a choice list may repeat a value (pyxform's `allow_choice_duplicates`).
    public var allowChoiceDuplicates = false
    /// Columns that XLSForm does not define.
    public var extra: [String: String] = [:]

    public init() {}
}

/// The type of a question, as named in the `type` column of an XLSForm.
public enum QuestionType: Sendable, Hashable {
    case integer, decimal, range, text
    /// One answer from the choice list named `list`.
    case selectOne(list: String)
    /// Any number of answers from the choice list named `list`.
    case selectMultiple(list: String)
    /// An ordering of every choice in the list named `list`.
    case rank(list: String)
    /// One answer from a CSV or XML file attached to the form.
    case selectOneFromFile(file: String)
    /// Any number of answers from a CSV or XML file attached to the form.
    case selectMultipleFromFile(file: String)
    /// One answer from the list named `list` of the `external_choices` sheet, which the server turns into a CSV file
    /// (pyxform's `select_one_external`, typed in a text box that searches the list).
    case selectOneExternal(list: String)
    /// An OpenStreetMap feature picked and tagged in OpenMapKit, with the tags listed under `list` in the form's
    /// `osm` sheet (pyxform's `osm LIST`, an `upload` of `osm/*` in the XForm).
    case osm(list: String)
    case note, acknowledge
    /// pyxform's `trigger`: an acknowledge button whose node has no bind type (and no bind without other settings).
    case trigger
    case date, time, dateTime
    case geopoint, geotrace, geoshape
    case image, audio, video, file, barcode
    case calculate, hidden
    /// Metadata that the collecting device fills in without asking.
    case metadata(Metadata)

    /// Values that ODK Collect records on its own.
    public enum Metadata: String, Sendable, Hashable, CaseIterable {
        case start, end, today, deviceid, username, phonenumber, subscriberid, simserial, email, audit
        /// The location where the form was first opened.
        case startGeopoint = "start-geopoint"
        /// A sound recording made in the background while the form is filled in.
        case backgroundAudio = "background-audio"
    }

    /// The XLSForm spelling of the type, including the list or file name.
    public var xlsformName: String {
        switch self {
        case .integer: "integer"
        case .decimal: "decimal"
        case .range: "range"
        case .text: "text"
        case .selectOne(let list): "select_one \(list)"
        case .selectMultiple(let list): "select_multiple \(list)"
        case .rank(let list): "rank \(list)"
        case .selectOneFromFile(let file): "select_one_from_file \(file)"
        case .selectMultipleFromFile(let file): "select_multiple_from_file \(file)"
        case .selectOneExternal(let list): "select_one_external \(list)"
        case .osm(let list): "osm \(list)"
        case .note: "note"
        case .acknowledge: "acknowledge"
        case .trigger: "trigger"
        case .date: "date"
        case .time: "time"
        case .dateTime: "dateTime"
        case .geopoint: "geopoint"
        case .geotrace: "geotrace"
        case .geoshape: "geoshape"
        case .image: "image"
        case .audio: "audio"
        case .video: "video"
        case .file: "file"
        case .barcode: "barcode"
        case .calculate: "calculate"
        case .hidden: "hidden"
        case .metadata(let metadata): metadata.rawValue
        }
    }

    /// The choice list a select or rank question draws from, if any.
    public var choiceList: String? {
        switch self {
        case .selectOne(let list), .selectMultiple(let list), .rank(let list): list
        default: nil
        }
    }

    /// True for questions answered by choosing from a list or a file.
    public var isSelect: Bool {
        switch self {
        case .selectOne, .selectMultiple, .rank, .selectOneFromFile, .selectMultipleFromFile: true
        default: false
        }
    }

    /// True for questions whose answer may hold several space-separated choices.
    public var isMultipleChoice: Bool {
        switch self {
        case .selectMultiple, .selectMultipleFromFile, .rank: true
        default: false
        }
    }

    /// True for types that never appear on screen (calculations, hidden values and metadata).
    public var isSilent: Bool {
        switch self {
        case .calculate, .hidden, .metadata: true
        default: false
        }
    }
}

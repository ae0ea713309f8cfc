import SanaripCore

/// What a `type` cell of the survey sheet says: a question type, or the start or end of a block.
enum XLSFormTypeName: Equatable {
    case question(QuestionType, orOther: Bool)
    case beginGroup, endGroup, beginRepeat, endRepeat
    /// `xml-external NAME` or `csv-external NAME`: a file read as a secondary instance, with no question.
    case external(ExternalInstance.Format)

    /// Plain type names and their aliases, as pyxform 4.5.0 reads them (its question type table and
    /// `aliases._type_alias_map`, legacy spellings such as `q int` or `add date prompt` included).
    static let simple: [String: QuestionType] = {
        var table: [String: QuestionType] = [
            "integer": .integer, "int": .integer, "decimal": .decimal, "range": .range,
            "text": .text, "string": .text, "note": .note, "acknowledge": .acknowledge, "trigger": .trigger,
            "date": .date, "time": .time, "datetime": .dateTime, "date time": .dateTime,
            "geopoint": .geopoint, "gps": .geopoint, "location": .geopoint, "geotrace": .geotrace, "geoshape": .geoshape,
            "image": .image, "photo": .image, "q picture": .image, "audio": .audio, "video": .video, "file": .file,
            "barcode": .barcode, "calculate": .calculate, "hidden": .hidden,
            "start": .metadata(.start), "start time": .metadata(.start), "get start time": .metadata(.start),
            "end": .metadata(.end), "end time": .metadata(.end), "get end time": .metadata(.end),
            "today": .metadata(.today), "get today": .metadata(.today),
            "deviceid": .metadata(.deviceid), "device id": .metadata(.deviceid), "get device id": .metadata(.deviceid),
            "imei": .metadata(.deviceid), "username": .metadata(.username),
            "phonenumber": .metadata(.phonenumber), "get phone number": .metadata(.phonenumber),
            "subscriberid": .metadata(.subscriberid), "subscriber id": .metadata(.subscriberid),
            "get subscriber id": .metadata(.subscriberid),
            "simserial": .metadata(.simserial), "sim id": .metadata(.simserial), "get sim id": .metadata(.simserial),
            "email": .metadata(.email), "audit": .metadata(.audit), "start-geopoint": .metadata(.startGeopoint),
            "background-audio": .metadata(.backgroundAudio),
            "phone number": .text, "percentage": .integer, "number of days in last month": .integer,
            "number of days in last six months": .integer, "number of days in last year": .integer,
        ]
        // pyxform's legacy "q TYPE" and "add TYPE prompt" spellings.
        let legacy: [String: QuestionType] = [
            "string": .text, "int": .integer, "decimal": .decimal, "date": .date, "datetime": .dateTime,
            "date time": .dateTime, "geopoint": .geopoint, "geoshape": .geoshape, "geotrace": .geotrace,
            "location": .geopoint, "image": .image, "audio": .audio, "video": .video, "barcode": .barcode,
            "note": .note, "acknowledge": .acknowledge, "calculate": .calculate,
        ]
        for (word, type) in legacy { table["q " + word] = type }
        let prompts: [String: QuestionType] = [
            "text": .text, "integer": .integer, "decimal": .decimal, "date": .date, "datetime": .dateTime,
            "date time": .dateTime, "location": .geopoint, "image": .image, "photo": .image, "audio": .audio,
            "video": .video, "file": .file, "barcode": .barcode, "note": .note, "acknowledge": .acknowledge,
            "calculate": .calculate,
        ]
        for (word, type) in prompts { table["add \(word) prompt"] = type }
        return table
    }()

    /// What pyxform adds to legacy types that stand for a checked text or number: a constraint and a hint,
    /// used when the row gives none.
    static let legacyDefaults: [String: (constraint: String, hint: String?)] = [
        "phone number": (#"regex(., '^\d*$')"#, "Enter numbers only."),
        "percentage": ("0 <= . and . <= 100", nil),
        "number of days in last month": ("0 <= . and . <= 31", "Enter a number 0-31."),
        "number of days in last six months": ("0 <= . and . <= 183", "Enter a number 0-183."),
        "number of days in last year": ("0 <= . and . <= 365", "Enter a number 0-365."),
    ]

    /// The legacy defaults of a type cell, if it names one of those types.
    static func legacyDefaults(for cell: String) -> (constraint: String, hint: String?)? {
        legacyDefaults[cell.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()]
    }

    /// `begin_group`, `begin group`, `begin repeat`, and pyxform's older `lgroup` and `looped group` for repeats.
    static let blocks: [String: XLSFormTypeName] = {
        var table: [String: XLSFormTypeName] = [:]
        for separator in ["_", " "] {
            table["begin\(separator)group"] = .beginGroup
            table["end\(separator)group"] = .endGroup
            for word in ["repeat", "lgroup", "looped group"] {
                table["begin\(separator)\(word)"] = .beginRepeat
                table["end\(separator)\(word)"] = .endRepeat
            }
        }
        return table
    }()

    /// The kinds of question that name a choice list or file after their command.
    enum SelectKind { case one, multiple, rank, oneFromFile, multipleFromFile, oneExternal, osm }

    /// Select commands as pyxform's `aliases.select` spells them (plus `select multiple`), longest first so that
    /// `select one from LIST` is not read as a list named `from`.
    static let selectCommands: [([String], SelectKind)] = [
        (["add", "select", "one", "prompt", "using"], .one),
        (["add", "select", "multiple", "prompt", "using"], .multiple),
        (["select", "all", "that", "apply", "from"], .multiple),
        (["select", "all", "that", "apply"], .multiple),
        (["select", "one", "from", "file"], .oneFromFile),
        (["select", "multiple", "from", "file"], .multipleFromFile),
        (["select", "one", "from"], .one),
        (["select", "multiple", "from"], .multiple),
        (["select_one", "from"], .one),
        (["select_multiple", "from"], .multiple),
        (["select", "one"], .one),
        (["select", "multiple"], .multiple),
        (["select_one"], .one), (["select1"], .one),
        (["select_multiple"], .multiple),
        (["rank"], .rank),
        (["select_one_from_file"], .oneFromFile),
        (["select_multiple_from_file"], .multipleFromFile),
        (["select_one_external"], .oneExternal),
        (["osm"], .osm),
    ].sorted { $0.0.count > $1.0.count }

    /// The words after a list name that add an "other" choice (pyxform: `or_other`, `or specify other`, `or other`).
    static let orOtherSuffixes: Set<[String]> = [["or_other"], ["or", "specify", "other"], ["or", "other"]]

    static let listTypes = ["select_one", "select_multiple", "rank"]
    static let fileTypes = ["select_one_from_file", "select_multiple_from_file"]

    /// Every spelling users may mean, for "did you mean" suggestions.
    static var knownNames: [String] {
        Array(simple.keys) + Array(blocks.keys) + ["xml-external", "csv-external"] + listTypes.map { $0 + " LIST" } + fileTypes.map { $0 + " FILE.csv" }
    }

    /// Reads a type cell, or says what is wrong with it. Words may be separated by any run of spaces; case is ignored.
    static func parse(_ cell: String) -> Result<XLSFormTypeName, TypeError> {
        let words = cell.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !words.isEmpty else { return .failure(.empty) }
        let lowered = words.map { $0.lowercased() }
        let phrase = lowered.joined(separator: " ")
        if let block = blocks[phrase] { return .success(block) }
        if phrase == "xml-external" { return .success(.external(.xml)) }
        if phrase == "csv-external" { return .success(.external(.csv)) }
        if let type = simple[phrase] { return .success(.question(type, orOther: false)) }
        if let (command, kind) = selectCommands.first(where: { lowered.starts(with: $0.0) }) {
            return parseSelect(kind, command: command.joined(separator: " "), rest: Array(words.dropFirst(command.count)))
        }
        for count in stride(from: words.count - 1, through: 1, by: -1) {
            let head = lowered[..<count].joined(separator: " ")
            if simple[head] != nil || blocks[head] != nil {
                return .failure(.unexpectedWords(head, Array(words.dropFirst(count))))
            }
        }
        return .failure(.unknown(lowered[0]))
    }

    /// The list or file of a select command and its optional "or other" words.
    private static func parseSelect(_ kind: SelectKind, command: String, rest: [String]) -> Result<XLSFormTypeName, TypeError> {
        let isFile = kind == .oneFromFile || kind == .multipleFromFile
        guard let target = rest.first else { return .failure(isFile ? .missingFile(command) : .missingList(command)) }
        let suffix = rest.dropFirst().map { $0.lowercased() }
        let orOther = orOtherSuffixes.contains(suffix)
        guard suffix.isEmpty || (orOther && !isFile) else {
            return .failure(.unexpectedWords(command + " " + target, Array(rest.dropFirst())))
        }
        let type: QuestionType
        switch kind {
        case .one: type = .selectOne(list: target)
        case .multiple: type = .selectMultiple(list: target)
        case .rank: type = .rank(list: target)
        case .oneFromFile, .multipleFromFile:
            let lowerFile = target.lowercased()
            guard lowerFile.hasSuffix(".csv") || lowerFile.hasSuffix(".xml") || lowerFile.hasSuffix(".geojson") else {
                return .failure(.badFile(target))
            }
            type = kind == .oneFromFile ? .selectOneFromFile(file: target) : .selectMultipleFromFile(file: target)
        case .oneExternal, .osm:
            guard !orOther else { return .failure(.unexpectedWords(command + " " + target, Array(rest.dropFirst()))) }
            type = kind == .osm ? .osm(list: target) : .selectOneExternal(list: target)
        }
        return .success(.question(type, orOther: orOther))
    }

    enum TypeError: Error, Equatable {
        case empty
        case unknown(String)
        case missingList(String)
        case missingFile(String)
        case badFile(String)
        case unexpectedWords(String, [String])
        case unsupported(String, String)
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    var best: (String, Int)?
    for candidate in candidates.sorted() {
        let distance = editDistance(target, Array(candidate.lowercased()))
        if distance <= max(2, target.count / 3), distance < (best?.1 ?? .max) {
            best = (candidate, distance)
        }
    }
    return best?.0
}

private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

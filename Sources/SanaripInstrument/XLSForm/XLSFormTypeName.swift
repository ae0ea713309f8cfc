import SanaripCore

/// What a `type` cell of the survey sheet says: a question type, or the start or end of a block.
enum XLSFormTypeName: Equatable {
    case question(QuestionType, orOther: Bool)
    case beginGroup, endGroup, beginRepeat, endRepeat

    /// Plain type names and their XLSForm aliases.
    static let simple: [String: QuestionType] = [
        "integer": .integer, "int": .integer, "decimal": .decimal, "range": .range,
        "text": .text, "string": .text, "note": .note, "acknowledge": .acknowledge, "trigger": .acknowledge,
        "date": .date, "time": .time, "datetime": .dateTime,
        "geopoint": .geopoint, "gps": .geopoint, "location": .geopoint, "geotrace": .geotrace, "geoshape": .geoshape,
        "image": .image, "photo": .image, "audio": .audio, "video": .video, "file": .file,
        "barcode": .barcode, "calculate": .calculate, "hidden": .hidden,
        "start": .metadata(.start), "end": .metadata(.end), "today": .metadata(.today),
        "deviceid": .metadata(.deviceid), "imei": .metadata(.deviceid), "username": .metadata(.username),
        "phonenumber": .metadata(.phonenumber), "subscriberid": .metadata(.subscriberid),
        "simserial": .metadata(.simserial), "email": .metadata(.email), "audit": .metadata(.audit),
    ]

    static let blocks: [String: XLSFormTypeName] = [
        "begin_group": .beginGroup, "end_group": .endGroup, "begin_repeat": .beginRepeat, "end_repeat": .endRepeat,
    ]

    static let listTypes = ["select_one", "select_multiple", "rank"]
    static let fileTypes = ["select_one_from_file", "select_multiple_from_file"]

    /// Every spelling users may mean, for "did you mean" suggestions.
    static var knownNames: [String] {
        Array(simple.keys) + Array(blocks.keys) + listTypes.map { $0 + " LIST" } + fileTypes.map { $0 + " FILE.csv" }
    }

    /// Reads a type cell, or says what is wrong with it.
    static func parse(_ cell: String) -> Result<XLSFormTypeName, TypeError> {
        var words = cell.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty else { return .failure(.empty) }
        // "select one", "begin group", "select all that apply" are accepted spellings.
        let lowered = words.map { $0.lowercased() }
        if lowered.count >= 2, ["select", "begin", "end"].contains(lowered[0]),
            ["one", "multiple", "group", "repeat"].contains(lowered[1])
        {
            words.replaceSubrange(0...1, with: [lowered[0] + "_" + lowered[1]])
        } else if lowered.starts(with: ["select", "all", "that", "apply"]) {
            words.replaceSubrange(0...3, with: ["select_multiple"])
        }
        let head = words[0].lowercased()
        if let block = blocks[head] {
            return words.count == 1 ? .success(block) : .failure(.unexpectedWords(head, Array(words.dropFirst())))
        }
        if let type = simple[head] {
            return words.count == 1
                ? .success(.question(type, orOther: false)) : .failure(.unexpectedWords(head, Array(words.dropFirst())))
        }
        if listTypes.contains(head) {
            guard words.count >= 2 else { return .failure(.missingList(head)) }
            let list = words[1]
            var orOther = false
            if words.count == 3, words[2].lowercased() == "or_other" {
                orOther = true
            } else if words.count > 2 {
                return .failure(.unexpectedWords(head + " " + list, Array(words.dropFirst(2))))
            }
            let type: QuestionType =
                switch head {
                case "select_one": .selectOne(list: list)
                case "select_multiple": .selectMultiple(list: list)
                default: .rank(list: list)
                }
            return .success(.question(type, orOther: orOther))
        }
        if fileTypes.contains(head) {
            guard words.count == 2 else {
                return words.count < 2 ? .failure(.missingFile(head)) : .failure(.unexpectedWords(head, Array(words.dropFirst(2))))
            }
            let file = words[1]
            let lowerFile = file.lowercased()
            guard lowerFile.hasSuffix(".csv") || lowerFile.hasSuffix(".xml") || lowerFile.hasSuffix(".geojson") else {
                return .failure(.badFile(file))
            }
            return .success(.question(head == "select_one_from_file" ? .selectOneFromFile(file: file) : .selectMultipleFromFile(file: file), orOther: false))
        }
        if head == "select_one_external" {
            return .failure(.unsupported(head, "use select_one_from_file with a CSV file, which ODK Collect supports directly"))
        }
        return .failure(.unknown(head))
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

import Foundation
import SanaripCore
import SanaripInstrument
import ZIPFoundation

extension REFIQDA {
    /// Session fields carried as variables of each source.
    static let sessionFields = ["session", "session_date", "place", "municipality", "moderator", "language"]

    /// `project.qde` for `project`: users (coders), the codebook, variables, one case per participant (pseudonym,
    /// attributes, consent and role; never the name), one text source per transcript (the pseudonymised text, by
    /// `plainTextPath`), and one selection per coding with its coder.
    public static func projectXML(_ project: QualitativeProject, language: String = "en") -> String {
        let sessions = Dictionary(uniqueKeysWithValues: project.sessions.map { ($0.id, $0) })
        let attributeNames = Set(project.participants.flatMap(\.attributes.keys)).union(["role", "consent"]).sorted()
        let sessionAttributeNames = Set(project.sessions.flatMap(\.attributes.keys)).sorted()
        let variableNames = attributeNames + sessionFields + sessionAttributeNames.map { "session_\($0)" }
        var variables: [String: UUID] = [:]
        for name in variableNames where variables[name] == nil { variables[name] = UUID.stable("sanarip.variable:\(name)") }
        func value(_ name: String, _ text: String, _ pad: String) -> String {
            guard let id = variables[name] else { return "" }
            return "\(pad)<VariableValue><VariableRef targetGUID=\"\(guid(id))\"/><TextValue>\(text.htmlEscaped)</TextValue></VariableValue>\n"
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<Project xmlns=\"\(projectNamespace)\" name=\"\(project.name.htmlEscaped)\" origin=\"Sanarip\">\n"
        let users = memoUsers(project)
        if !users.isEmpty {
            xml += "  <Users>\n"
            for user in users { xml += "    <User guid=\"\(guid(user.id))\" name=\"\(user.name.htmlEscaped)\"/>\n" }
            xml += "  </Users>\n"
        }
        if !project.codebook.codes.isEmpty {
            let notes = Dictionary(grouping: project.memos, by: \.codeID).mapValues { $0.map(\.id) }
            xml += "  <CodeBook>\n    <Codes>\n" + codesXML(project.codebook, language: language, indent: "      ", notes: notes) + "    </Codes>\n  </CodeBook>\n"
        }
        xml += "  <Variables>\n"
        for name in variableNames.uniqued() {
            xml += "    <Variable guid=\"\(guid(variables[name]!))\" name=\"\(name.htmlEscaped)\" typeOfVariable=\"Text\"/>\n"
        }
        xml += "  </Variables>\n"
        let sourcesOf = Dictionary(grouping: project.transcripts.flatMap { transcript in
            Set(transcript.turns.compactMap(\.participantID)).map { ($0, transcript.id) }
        }, by: \.0).mapValues { $0.map(\.1) }
        if !project.participants.isEmpty {
            xml += "  <Cases>\n"
            for person in project.participants {
                xml += "    <Case guid=\"\(guid(person.id))\" name=\"\(person.pseudonym.htmlEscaped)\">\n"
                for name in person.attributes.keys.sorted() { xml += value(name, person.attributes[name] ?? "", "      ") }
                xml += value("role", person.isModerator ? "moderator" : "participant", "      ")
                xml += value("consent", person.consent ? "yes" : "no", "      ")
                for source in sourcesOf[person.id] ?? [] { xml += "      <SourceRef targetGUID=\"\(guid(source))\"/>\n" }
                xml += "    </Case>\n"
            }
            xml += "  </Cases>\n"
        }
        if !project.transcripts.isEmpty {
            xml += "  <Sources>\n"
            for transcript in project.transcripts {
                xml += "    <TextSource guid=\"\(guid(transcript.id))\" name=\"\(transcript.name.htmlEscaped)\" plainTextPath=\"internal://\(guid(transcript.id)).txt\">\n"
                for coding in project.codings where coding.transcriptID == transcript.id {
                    xml += "      <PlainTextSelection guid=\"\(guid(coding.id))\" startPosition=\"\(coding.start)\" endPosition=\"\(coding.end)\" creatingUser=\"\(guid(coding.coderID))\">\n"
                    if !coding.memo.isEmpty { xml += "        <Description>\(coding.memo.htmlEscaped)</Description>\n" }
                    xml += "        <Coding guid=\"\(guid(UUID.stable("sanarip.coding:\(coding.id)")))\" creatingUser=\"\(guid(coding.coderID))\">\n"
                    xml += "          <CodeRef targetGUID=\"\(guid(coding.codeID))\"/>\n        </Coding>\n"
                    xml += "      </PlainTextSelection>\n"
                }
                if let session = transcript.sessionID.flatMap({ sessions[$0] }) {
                    let fields = [session.title, session.date, session.place, session.municipality, session.moderator, session.language]
                    for (name, text) in zip(sessionFields, fields) where !text.isEmpty { xml += value(name, text, "      ") }
                    for name in session.attributes.keys.sorted() { xml += value("session_\(name)", session.attributes[name] ?? "", "      ") }
                }
                xml += "    </TextSource>\n"
            }
            xml += "  </Sources>\n"
        }
        xml += notesXML(project, users: users)
        xml += "</Project>\n"
        return xml
    }

    /// The coders, then the authors of code memos who coded nothing (each a user, so their notes name who wrote them).
    static func memoUsers(_ project: QualitativeProject) -> [Coder] {
        var users = project.coders
        for memo in project.memos where !users.contains(where: { $0.name == memo.author }) {
            users.append(Coder(id: UUID.stable("sanarip.user:\(memo.author)"), name: memo.author))
        }
        return users
    }

    /// Code memos as REFI-QDA notes (`<Notes><Note>` with the memo as `PlainTextContent`, its author as
    /// `creatingUser` and the time it was last saved), each referred to by a `NoteRef` in its code. Memos on coded
    /// segments are the selections' `Description`, as QualCoder writes them.
    static func notesXML(_ project: QualitativeProject, users: [Coder]) -> String {
        guard !project.memos.isEmpty else { return "" }
        let formatter = ISO8601DateFormatter()
        var xml = "  <Notes>\n"
        for memo in project.memos {
            let user = users.first { $0.name == memo.author }.map { " creatingUser=\"\(guid($0.id))\"" } ?? ""
            let code = project.codebook.codes.first { $0.id == memo.codeID }?.key ?? guid(memo.codeID)
            xml += "    <Note guid=\"\(guid(memo.id))\" name=\"\("memo: \(code) (\(memo.author))".htmlEscaped)\"\(user) creationDateTime=\"\(formatter.string(from: memo.updatedAt))\">\n"
            xml += "      <PlainTextContent>\(memo.text.htmlEscaped)</PlainTextContent>\n    </Note>\n"
        }
        return xml + "  </Notes>\n"
    }

    /// The code memos of a project file: every `Note` a code refers to by `NoteRef`, written by the note's user.
    static func memos(_ root: XMLElement, users: [UUID: String], file: String, text: (XMLElement, String) throws(QualitativeError) -> String) throws(QualitativeError) -> [CodeMemo] {
        var referrers: [UUID: UUID] = [:]
        func walk(_ element: XMLElement) {
            for code in element.all("Code") {
                if let id = code.attributes["guid"].flatMap(uuid) {
                    for reference in code.all("NoteRef") {
                        if let note = reference.attributes["targetGUID"].flatMap(uuid) { referrers[note] = id }
                    }
                }
                walk(code)
            }
        }
        if let codes = root.child("CodeBook")?.child("Codes") { walk(codes) }
        let formatter = ISO8601DateFormatter()
        var memos: [CodeMemo] = []
        for note in root.child("Notes")?.all("Note") ?? [] {
            guard let id = note.attributes["guid"].flatMap(uuid) else { throw .invalid("\(file): a Note has no valid guid") }
            guard let code = referrers[id] else { continue }
            let author = note.attributes["creatingUser"].flatMap(uuid).flatMap { users[$0] } ?? "unknown"
            let date = (note.attributes["modifiedDateTime"] ?? note.attributes["creationDateTime"]).flatMap { formatter.date(from: $0) } ?? Date()
            let body = try text(note, "note \(note.attributes["name"] ?? guid(id))")
            // One memo per researcher and code: a second note of the same author on the code is added to the first.
            if let index = memos.firstIndex(where: { $0.codeID == code && $0.author == author }) {
                memos[index].text += "\n\n" + body
            } else {
                memos.append(CodeMemo(id: id, codeID: code, author: author, text: body, updatedAt: date))
            }
        }
        return memos
    }

    /// The whole project as a `.qdpx` archive.
    public static func qdpx(_ project: QualitativeProject, language: String = "en") throws -> Data {
        var parts: [(String, Data)] = [("project.qde", Data(projectXML(project, language: language).utf8))]
        for transcript in project.transcripts {
            parts.append(("Sources/\(guid(transcript.id)).txt", Data(transcript.text.utf8)))
        }
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: Date(timeIntervalSince1970: 315_532_800), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
        return data
    }

    /// Reads a `.qdpx` archive (or a bare `.qde` project) into a project named `name` (default: the file's
    /// project name): everything is checked before anything is returned.
    public static func readProject(_ data: Data, file: String, name: String? = nil) throws(QualitativeError) -> QualitativeProject {
        var archive: ZIPArchiveReader?
        var qde = data
        if data.starts(with: [0x50, 0x4B]) {
            do {
                let reader = try ZIPArchiveReader(data: data)
                guard let entry = reader.entry("project.qde") ?? reader.entries.first(where: { $0.path.lowercased().hasSuffix(".qde") }) else {
                    throw QualitativeError.invalid("\(file): the archive holds no project.qde, so it is not a REFI-QDA .qdpx project")
                }
                var budget = ZIPArchiveReader.Budget(limits: .default)
                qde = try reader.contents(of: entry, budget: &budget)
                archive = reader
            } catch let error as QualitativeError {
                throw error
            } catch {
                throw .unreadable(file: file, reason: "is not a readable .qdpx archive (\(error))")
            }
        }
        let root = try XMLElement.parse(qde, file: file)
        guard root.name == "Project", let projectName = root.attributes["name"] else {
            throw .invalid("\(file): the root element is \(root.name), not a REFI-QDA Project with a name")
        }
        var project = QualitativeProject(name: name ?? projectName)
        for user in root.child("Users")?.all("User") ?? [] {
            guard let id = user.attributes["guid"].flatMap(uuid) else { throw .invalid("\(file): a User has no valid guid") }
            project.coders.append(Coder(id: id, name: user.attributes["name"] ?? user.attributes["id"] ?? guid(id)))
        }
        if let codes = root.child("CodeBook")?.child("Codes") {
            project.codebook = Codebook(codes: try REFIQDA.codes(codes, parent: nil, file: file))
            try project.codebook.validate(file: file)
        }
        var variableNames: [UUID: String] = [:]
        for variable in root.child("Variables")?.all("Variable") ?? [] {
            guard let id = variable.attributes["guid"].flatMap(uuid), let variableName = variable.attributes["name"] else {
                throw .invalid("\(file): a Variable lacks its guid or name")
            }
            variableNames[id] = variableName
        }
        func values(_ element: XMLElement) -> [String: String] {
            var result: [String: String] = [:]
            for value in element.all("VariableValue") {
                guard let ref = value.child("VariableRef")?.attributes["targetGUID"].flatMap(uuid), let key = variableNames[ref] else { continue }
                let text = value.children.first { $0.name != "VariableRef" }?.text ?? ""
                result[key] = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return result
        }
        /// The text of a source or note: its `PlainTextContent`, or the archive's file at its `plainTextPath`.
        func plainText(_ element: XMLElement, _ what: String) throws(QualitativeError) -> String {
            if let content = element.child("PlainTextContent") { return content.text }
            guard let path = element.attributes["plainTextPath"] else {
                throw .invalid("\(file), \(what): neither PlainTextContent nor plainTextPath (the schema asks for one)")
            }
            guard path.hasPrefix("internal://"), let archive else {
                throw .invalid("\(file), \(what): its text is outside the archive (\(path)); export the project with its sources included")
            }
            let inner = String(path.dropFirst("internal://".count))
            guard let entry = archive.entry("Sources/\(inner)") ?? archive.entry(inner) else {
                throw .invalid("\(file), \(what): the archive lacks Sources/\(inner)")
            }
            var budget = ZIPArchiveReader.Budget(limits: .default)
            do {
                return try DocumentText.plainText(archive.contents(of: entry, budget: &budget), file: "\(file)/Sources/\(inner)")
            } catch let error as QualitativeError {
                throw error
            } catch {
                throw .unreadable(file: file, reason: "Sources/\(inner) cannot be read (\(error))")
            }
        }
        // Sources first (sessions come from their variables), then cases, then turns.
        var sourceOfCase: [UUID: UUID] = [:]
        var cases: [(XMLElement, [String: String])] = []
        for element in root.child("Cases")?.all("Case") ?? [] {
            guard element.attributes["guid"].flatMap(uuid) != nil else { throw .invalid("\(file): a Case has no valid guid") }
            cases.append((element, values(element)))
        }
        var sourceElements: [(XMLElement, Transcript)] = []
        for element in root.child("Sources")?.children ?? [] {
            guard element.name == "TextSource" else { continue }
            guard let id = element.attributes["guid"].flatMap(uuid) else { throw .invalid("\(file): a TextSource has no valid guid") }
            let sourceName = element.attributes["name"] ?? guid(id)
            let text = try plainText(element, "source \(sourceName)")
            var transcript = Transcript(id: id, name: sourceName, text: text)
            let sessionValues = values(element)
            if let title = sessionValues["session"] {
                var attributes: [String: String] = [:]
                for (key, value) in sessionValues where key.hasPrefix("session_") && key != "session_date" {
                    attributes[String(key.dropFirst("session_".count))] = value
                }
                let session = FocusGroupSession(
                    id: UUID.stable("sanarip.session:\(id)"), title: title, date: sessionValues["session_date"] ?? "", place: sessionValues["place"] ?? "",
                    municipality: sessionValues["municipality"] ?? "", moderator: sessionValues["moderator"] ?? "",
                    language: sessionValues["language"] ?? "", attributes: attributes
                )
                project.sessions.append(session)
                transcript.sessionID = session.id
                transcript.language = session.language
            }
            sourceElements.append((element, transcript))
        }
        for (element, attributes) in cases {
            let id = element.attributes["guid"].flatMap(uuid)!
            let caseName = element.attributes["name"] ?? ""
            let isPseudonym = caseName.range(of: "^[PM][0-9]+$", options: .regularExpression) != nil
            var own = attributes
            let role = own.removeValue(forKey: "role")
            let consent = own.removeValue(forKey: "consent")
            let firstSource = element.all("SourceRef").compactMap { $0.attributes["targetGUID"].flatMap(uuid) }.first
            if let firstSource { sourceOfCase[id] = firstSource }
            let session = firstSource.flatMap { source in sourceElements.first { $0.1.id == source }?.1.sessionID }
            project.participants.append(Participant(
                id: id, pseudonym: isPseudonym ? caseName : project.nextPseudonym, name: caseName.isEmpty ? guid(id) : caseName,
                sessionID: session, isModerator: role == "moderator", attributes: own, consent: consent == "yes"
            ))
        }
        for (element, var transcript) in sourceElements {
            let speakers = project.participants.filter { person in sourceOfCase[person.id] == nil || sourceOfCase[person.id] == transcript.id || project.transcripts.isEmpty }
                .map { TranscriptParser.Speaker(label: $0.name, pseudonym: $0.pseudonym, participantID: $0.id) }
            transcript.turns = TranscriptParser(speakers: speakers).turns(in: transcript.text)
            project.transcripts.append(transcript)
            let length = transcript.length
            for selection in element.all("PlainTextSelection") {
                guard let start = selection.attributes["startPosition"].flatMap(Int.init), let end = selection.attributes["endPosition"].flatMap(Int.init) else {
                    throw .invalid("\(file), source \(transcript.name): a PlainTextSelection lacks integer startPosition/endPosition")
                }
                let memo = selection.child("Description")?.text ?? ""
                for coding in selection.all("Coding") {
                    guard let codeID = coding.child("CodeRef")?.attributes["targetGUID"].flatMap(uuid) else {
                        throw .invalid("\(file), source \(transcript.name): a Coding has no CodeRef")
                    }
                    let userID = (coding.attributes["creatingUser"] ?? selection.attributes["creatingUser"]).flatMap(uuid)
                    let coderID: UUID
                    if let userID, project.coders.contains(where: { $0.id == userID }) {
                        coderID = userID
                    } else {
                        coderID = project.coder(named: "unknown").id
                    }
                    let coding = Coding(id: selection.attributes["guid"].flatMap(uuid) ?? UUID(), transcriptID: transcript.id, codeID: codeID, coderID: coderID, start: min(start, end), end: max(start, end), memo: memo)
                    do {
                        try project.check(coding, in: transcript, length: length)
                    } catch {
                        throw .invalid("\(file), source \(transcript.name), selection \(start)–\(end): \(error)")
                    }
                    project.codings.append(coding)
                }
            }
        }
        let userNames = Dictionary(project.coders.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        project.memos = try memos(root, users: userNames, file: file, text: plainText)
        // Users who only wrote memos are not coders.
        let coding = Set(project.codings.map(\.coderID)), writing = Set(project.memos.map(\.author))
        project.coders.removeAll { !coding.contains($0.id) && writing.contains($0.name) }
        // Selections coded with several codes keep one coding each: give the others fresh identifiers.
        var seen = Set<UUID>()
        for index in project.codings.indices where !seen.insert(project.codings[index].id).inserted {
            project.codings[index].id = UUID()
        }
        return project
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

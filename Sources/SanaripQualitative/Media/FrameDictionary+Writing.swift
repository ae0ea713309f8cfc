import SanaripInstrument

extension FrameDictionary {
    /// The dictionary as the CSV ``csv(_:file:)`` reads (terms of a language separated by `; `), with its version
    /// line when it has one: what the frames page downloads and what an edit saves.
    public func csvText() -> String {
        var rows = [Self.csvColumns]
        for frame in frames {
            var row = [frame.key] + Self.languages.map { frame.names[$0] ?? "" }
            row += Self.languages.map { language in frame.terms.filter { $0.language == language }.map(\.text).joined(separator: "; ") }
            rows.append(row + [frame.source])
        }
        return (version.isEmpty ? "" : "# version: \(version)\n") + CSVCodec().text(for: rows)
    }

    /// The dictionary with frame `key`'s names and terms replaced (terms of each language separated by `;`), checked
    /// as a whole file is.
    ///
    /// - Throws: ``MediaError`` naming the frame's row and the column of a term that cannot be used.
    public func replacing(frame key: String, names: [String: String], terms: [String: String], file: String) throws(MediaError) -> FrameDictionary {
        guard let index = frames.firstIndex(where: { $0.key == key }) else {
            throw .invalid(file: file, row: nil, column: "frame", reason: "there is no frame \(key) in this version")
        }
        var edited = self
        edited.frames[index].names = names
        edited.frames[index].terms = Self.languages.flatMap { language in
            (terms[language] ?? "").split(separator: ";").map { FrameDictionary.Term($0.trimmingCharacters(in: .whitespaces), language: language) }
                .filter { !$0.text.isEmpty }
        }
        // Read back through the one reader, so an edit is held to the rules a file is.
        return try FrameDictionary.csv(edited.csvText(), file: file)
    }
}

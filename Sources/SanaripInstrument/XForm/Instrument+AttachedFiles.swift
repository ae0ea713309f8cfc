import SanaripCore

extension Instrument {
    /// The files the form reads as secondary instances, which a server must send with it (OpenRosa's media
    /// manifest): those of selects from files, those `pulldata(…)` reads (`NAME.csv`) and the `xml-external` and
    /// `csv-external` rows' (`NAME.xml`, `NAME.csv`), in the order the XForm declares them. Label media are not
    /// among them.
    public var attachedFiles: [String] {
        XFormBuild.fileInstances(of: self, questions: questions).compactMap { file in
            ["jr://file-csv/", "jr://file/"].first(where: file.source.hasPrefix).map { String(file.source.dropFirst($0.count)) }
        }
    }
}

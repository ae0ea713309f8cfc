/// Content types for the files a form serves or a submission carries, by file extension.
enum MediaType {
    static func forFile(_ name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "svg": return "image/svg+xml"
        case "mp3": return "audio/mpeg"
        case "m4a", "aac": return "audio/mp4"
        case "amr": return "audio/amr"
        case "ogg", "oga": return "audio/ogg"
        case "wav": return "audio/wav"
        case "mp4", "m4v": return "video/mp4"
        case "3gp": return "video/3gpp"
        case "csv": return "text/csv"
        case "xml": return "text/xml"
        case "geojson": return "application/geo+json"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }
}

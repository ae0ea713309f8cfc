import Foundation

/// Reading spreadsheet files from disk with messages a person can act on.
enum SpreadsheetFile {
    /// The bytes of the file at `url`, refusing files larger than `sizeLimit`.
    static func contents(of url: URL, sizeLimit: Int) throws(SpreadsheetError) -> Data {
        let name = url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw SpreadsheetError(file: name, message: "no such file (looked for \(url.path))")
        }
        guard !isDirectory.boolValue else {
            throw SpreadsheetError(file: name, message: "is a folder, not a file")
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
           size.int64Value > Int64(sizeLimit) {
            throw SpreadsheetError(
                file: name,
                message: "the file is larger than \(SpreadsheetError.byteText(sizeLimit)); refusing to read it"
            )
        }
        do {
            return try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw SpreadsheetError(file: name, message: "cannot be read (\(reason(for: error)))")
        }
    }

    private static func reason(for error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == CocoaError.fileReadNoPermission.rawValue {
            return "permission denied"
        }
        return nsError.localizedDescription
    }
}

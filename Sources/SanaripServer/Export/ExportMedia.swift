import Foundation
import SanaripStorage

/// The decrypted attachments of an export, written beside its tables as ODK Central lays out its export ZIP:
/// `media/NAME` (the name the submission's XML gives, without `.enc`, made safe for a file name). Each file is
/// written whole under a temporary name, then renamed; a name a previous submission of the same export already
/// used gets the submission's instance id in front, so no photo overwrites another.
struct ExportMedia {
    /// The `media` folder.
    let folder: URL
    /// The files written so far, in order.
    private(set) var files: [URL] = []
    private var names = Set<String>()

    init(folder: URL) {
        self.folder = folder
    }

    /// Writes one decrypted attachment of submission `instanceID`.
    mutating func write(_ data: Data, name: String, instanceID: String) throws {
        var safe = StoredInstrument.pathSafe(name)
        if safe.isEmpty || safe.allSatisfy({ $0 == "." }) { safe = "attachment" }
        if !names.insert(safe).inserted {
            safe = StoredInstrument.pathSafe(instanceID) + "-" + safe
            names.insert(safe)
        }
        let destination = folder.appendingPathComponent(safe)
        _ = try DurableFile.write(data, to: destination, temporaryIn: folder)
        files.append(destination)
    }

    /// Deletes the files written, for an export that failed.
    func discard() {
        for file in files { try? FileManager.default.removeItem(at: file) }
    }
}

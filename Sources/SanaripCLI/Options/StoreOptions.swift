import ArgumentParser
import Foundation
import SanaripStorage

/// Where the workbench keeps its database, shared by every command that reads or changes it.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp("The folder holding sanarip.sqlite.", valueName: "dir"))
    var data = "./sanarip-data"

    var dataDirectory: URL { URL(fileURLWithPath: data) }

    /// Opens (creating and migrating when needed) the database.
    func openDatabase() throws -> SanaripDatabase {
        try SanaripDatabase.open(directory: dataDirectory)
    }
}

import ArgumentParser
import Foundation
import SanaripServer

/// `sanarip form publish FORM [--data DIR]`: makes the form available to ODK Collect.
struct FormPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish an XLSForm as a form version ODK Collect can download.",
        discussion: """
            Prints the form id and version. Media files the form names (images, audio, CSV for \
            select_one_from_file) are taken from the form's folder or its media/ sub-folder. A new version of \
            the same form id keeps the older versions able to receive submissions; publishing the same version \
            with different content is refused: raise the version in the settings sheet.
            """
    )

    @OptionGroup var input: FormInputOptions
    @OptionGroup var store: StoreOptions

    func run() async throws {
        _ = try input.load()
        let publisher = FormPublisher(stores: try store.openDatabase().stores, dataDirectory: store.dataDirectory)
        let publication: FormPublisher.Publication
        do {
            publication = try await publisher.publish(contentsOf: input.url, by: UserCommand.actor)
        } catch let error as FormPublishError {
            Terminal.error("error: \(error)")
            throw ExitCode(1)
        }
        for name in publication.missingMedia {
            Terminal.error("warning: \(input.form): the media file \(name) is not next to the form or in its media/ folder; ODK Collect will not have it. Put it there and publish a new version.")
        }
        let version = publication.version
        print("\(version.formID) \(version.version)")
        let media = publication.media.isEmpty ? "" : ", \(publication.media.count) media file\(publication.media.count == 1 ? "" : "s")"
        Terminal.error(publication.isNew
            ? "published \(version.formID) version \(version.version) (md5:\(version.md5)\(media))"
            : "\(version.formID) version \(version.version) was already published with this content; nothing changed")
    }
}

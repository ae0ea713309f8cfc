import HTTPTypes
import SanaripInstrument
import SanaripStorage

/// An OpenRosa failure: the status and the sentence Collect shows the interviewer.
struct OpenRosaProblem: Error {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static func tooLarge(_ limit: Int) -> OpenRosaProblem {
        OpenRosaProblem(
            .contentTooLarge,
            "The submission is larger than this server accepts (\(limit) bytes); nothing was stored. Send fewer or smaller attachments per request."
        )
    }

    /// The problem an error from storage, parsing or intake stands for; anything else is a 500.
    init(_ error: any Error) {
        switch error {
        case let problem as OpenRosaProblem: self = problem
        case let error as SubmissionXMLError: self.init(.badRequest, error.description)
        case SubmissionIntakeError.outsideStudies(let formID): self.init(.forbidden, SubmissionIntakeError.outsideStudies(formID).description)
        case let error as SubmissionIntakeError: self.init(.notFound, error.description)
        case StorageError.conflict(let message): self.init(.conflict, message)
        case StorageError.notFound(let message): self.init(.notFound, message)
        default: self.init(.internalServerError, "The server could not complete the request; nothing was stored. Try again later.")
        }
    }
}

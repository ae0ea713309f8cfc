import Hummingbird
import SanaripStorage

/// How a route finds the study of the object it addresses, from a path parameter.
///
/// A new kind of object adds one `static let` here (a form, a submission …).
struct StudyScope: Sendable {
    /// The path parameter naming the object.
    let parameter: String
    /// The object's study, or nil when there is no such object (the handler then answers 404).
    let find: @Sendable (_ value: String, _ stores: Stores) async throws -> String?

    /// `{id}` is an instrument.
    static let instrument = StudyScope(parameter: "id") { id, stores in
        try await stores.instruments.instrument(id: id)?.studyID
    }

    /// `{id}` is a sampling plan.
    static let plan = StudyScope(parameter: "id") { id, stores in
        guard let id = Int64(id) else { return nil }
        return try await stores.samplingPlans.plan(id: id)?.studyID
    }

    /// `{formID}` is a published form (every version of a form id belongs to one study).
    static let publishedForm = StudyScope(parameter: "formID") { formID, stores in
        try await formStudy(formID, in: stores)
    }

    /// `{study}` is the study itself (the analysis workspace).
    static let study = StudyScope(parameter: "study") { id, stores in
        try await stores.studies.study(id: id)?.id
    }

    // review: submissions and forms.

    /// `{id}` is a submission version's row id.
    static let submission = StudyScope(parameter: "id") { id, stores in
        guard let id = Int64(id), let submission = try await stores.reviews.submission(id: id),
            let version = try await stores.forms.formVersion(id: submission.formVersionID)
        else { return nil }
        return try await stores.instruments.instrument(id: version.instrumentID)?.studyID
    }

    /// `{form}` is a published form id.
    static let form = StudyScope(parameter: "form") { formID, stores in
        try await formStudy(formID, in: stores)
    }

    /// `{id}` is a browser-entry draft.
    static let draft = StudyScope(parameter: "id") { id, stores in
        guard let id = Int64(id), let draft = try await stores.reviews.draft(id: id),
            let version = try await stores.forms.formVersion(id: draft.formVersionID)
        else { return nil }
        return try await stores.instruments.instrument(id: version.instrumentID)?.studyID
    }

    /// The study a published form id belongs to.
    private static func formStudy(_ formID: String, in stores: Stores) async throws -> String? {
        guard let version = try await stores.forms.versions(formID: formID).first else { return nil }
        return try await stores.instruments.instrument(id: version.instrumentID)?.studyID
    }

    /// The study of the request's object, or nil when it has none.
    func study(of context: SanaripRequestContext, in stores: Stores) async throws -> String? {
        guard let value = context.parameters.get(parameter) else { return nil }
        return try await find(value, stores)
    }
}

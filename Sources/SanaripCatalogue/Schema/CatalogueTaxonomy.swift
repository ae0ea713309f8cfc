/// The codes catalogue entries are tagged with, shared with the survey so that supply meets need.
public enum CatalogueTaxonomy {
    /// Learning topics: the survey's `learn_topic` choices (each measured by the indicator `need_<code>`), then the
    /// DigComp / DSI 2.0 competence areas.
    public static let surveyTopics = ["basic_use", "smartphone", "safety", "egov", "online_selling", "coding", "office", "design", "smm", "finance"]
    /// DSI 2.0 (DigComp 2.x) competence areas.
    public static let dsiAreas = ["dsi_information", "dsi_communication", "dsi_content_creation", "dsi_safety", "dsi_problem_solving"]
    /// Every topic a course may carry.
    public static var topics: [String] { surveyTopics + dsiAreas + ["entrepreneurship"] }

    /// The groups an offer is aimed at.
    public static let targetGroups = ["all", "women", "youth", "rural", "entrepreneurs", "persons_with_disabilities", "older_people", "unemployed", "students"]

    /// Teaching languages.
    public static let languages = ["ky", "ru", "en", "uz", "other"]

    /// The survey's `egov_service` choices, which an e-service names as its matching survey item.
    public static let surveyEServices = ["civil_registry", "id_passport", "address_registration", "social_benefit", "tax", "business_registration",
                                         "land_property", "school_enrolment", "health", "police_certificate", "other"]

    /// Review states of any entry.
    public static let reviewStates = ["draft", "checked", "outdated"]

    /// Topics of legal acts.
    public static let legalTopics = ["internet", "e_government", "personal_data", "cybersecurity", "e_commerce", "e_signature", "telecom", "media",
                                     "education", "gender", "entrepreneurship", "other"]

    /// The place code of an offer available online.
    public static let online = "online"
}

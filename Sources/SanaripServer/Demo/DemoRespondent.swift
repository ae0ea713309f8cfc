import Foundation
import SanaripStatistics

/// One synthetic respondent's answers, by question name, in the shape Collect sends: choice names, multiple
/// choices space-separated, questions not asked empty.
///
/// The model is `scripts/simulate-responses.R`'s: a latent digital propensity, lower in rural areas, for women and
/// with age, drives internet use, devices, activities and skills; non-users give reasons, women more often; some
/// items are left unanswered. NOT real data.
struct DemoRespondent {
    var answers: [String: String] = [:]

    /// Where the interview took place.
    struct Place {
        var oblast: String
        var district: String
        var municipality: String
        var urban: Bool
        var name: String
    }

    private static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    init(place: Place, interviewer: String, date: String, using random: inout SeededGenerator) {
        func uniform() -> Double { random.nextUniform() }
        func normal() -> Double { sqrt(-2 * log(max(uniform(), 1e-300))) * cos(2 * .pi * uniform()) }
        func choose(_ options: [String], _ weights: [Double]) -> String {
            var u = uniform() * weights.reduce(0, +)
            for (option, weight) in zip(options, weights) {
                u -= weight
                if u < 0 { return option }
            }
            return options[options.count - 1]
        }
        func yes(_ p: Double) -> String { uniform() < p ? "yes" : "no" }
        func pick(_ options: [String], _ p: Double, _ relative: [Double]? = nil) -> String {
            options.enumerated().filter { index, _ in uniform() < p * (relative?[index] ?? 1) }.map(\.element).joined(separator: " ")
        }
        let female = uniform() < 0.53
        let age = min(100, 15 + Int(-log(max(uniform(), 1e-300)) * 22))
        let urban = place.urban
        let propensity = 1.2 + (urban ? 0.6 : 0) - (female ? 0.35 : 0) - 0.045 * Double(age - 35) + 0.8 * normal()
        var a: [String: String] = [
            "consent": "OK", "interviewer_id": interviewer, "interview_date": date, "oblast": place.oblast, "district": place.district,
            "municipality": place.municipality, "settlement_type": urban ? "urban" : "rural", "village": place.name,
            "sex": female ? "female" : "male", "age": String(age),
        ]
        let user = uniform() < Self.logistic(propensity + 1)
        a["used_internet"] = user ? "yes" : "no"
        a["own_mobile"] = yes(Self.logistic(propensity + 1.8))
        var devices = pick(["smartphone", "basic_phone", "desktop", "laptop", "tablet", "smart_tv"], Self.logistic(propensity - 0.5), [1.3, 0.5, 0.3, 0.5, 0.25, 0.35])
        if devices.isEmpty { devices = "none" }
        a["devices_used"] = devices
        a["devices_owned"] = devices == "none" ? "" : devices.split(separator: " ").filter { _ in uniform() < 0.8 }.joined(separator: " ")
        a["hh_internet"] = choose(["yes", "no", "dk"], [0.62 + (urban ? 0.15 : 0), 0.34, 0.04])
        func ifUser(_ value: @autoclosure () -> String) -> String { user ? value() : "" }
        a["internet_freq"] = ifUser(choose(["several_daily", "daily", "weekly", "less_weekly"], [0.55, 0.25, 0.12, 0.08]))
        // Item nonresponse: the cost is often not known or not said.
        a["internet_cost"] = ifUser(uniform() < 0.12 ? "" : String(Int(100 + uniform() * 800)))
        a["internet_quality"] = ifUser(choose(["1", "2", "3", "4", "5"], [0.08 + (urban ? 0 : 0.06), 0.17, 0.35, 0.28, 0.12]))
        let activities: [(String, Double)] = [
            ("act_social", 1.5), ("act_messaging", 2.5), ("act_calls", 2), ("act_email", -0.8), ("act_goods_info", 0.2), ("act_news", 0.8),
            ("act_health_info", -0.2), ("act_civic", -2), ("act_consult", -2.2), ("act_shop", -0.7), ("act_sell", -1.8), ("act_banking", 0),
            ("act_egov", -0.6), ("act_learning", -1.2), ("act_job", -1.4),
            ("sk_copy_paste", 0.2), ("sk_transfer_files", -0.3), ("sk_connect_device", -0.9), ("sk_word", -1), ("sk_spreadsheet", -2),
            ("sk_presentation", -2.2), ("sk_edit_media", -0.8), ("sk_programming", -3.5), ("sk_attachment", -0.2),
            ("sk_install_software", -0.6), ("sk_security", -0.9), ("sk_privacy", -1.1), ("sk_verify_info", -1.2),
            ("saf_privacy_policy", -1.6), ("saf_location", -1.2), ("saf_ads", -1.5), ("saf_https", -1.9),
        ]
        for (name, shift) in activities { a[name] = ifUser(yes(Self.logistic(propensity + shift))) }
        let often = ["never", "rarely", "sometimes", "often", "always", "na"]
        for name in ["cy_unique_passwords", "cy_password_storage", "cy_two_factor", "cy_updates", "cy_screen_lock", "cy_suspicious_links",
                     "cy_public_wifi", "cy_social_privacy", "cy_verify_before_share", "cy_sms_sender"] {
            let shift = Self.logistic(propensity) - 0.5
            a[name] = choose(often, [0.2 - 0.1 * shift, 0.2, 0.2, 0.2 + 0.1 * shift, 0.15 + 0.05 * shift, 0.05])
        }
        for name in ["kn_sms_code", "kn_padlock", "kn_phishing", "kn_password", "kn_two_factor"] {
            a[name] = choose(["true", "false", "dk"], [0.45, 0.35, 0.2])
        }
        if user {
            let incidents = pick(["fraud_money", "account_hacked", "harassment", "fake_news_shared", "loan_in_name"], female ? 0.09 : 0.07)
            a["incidents"] = incidents.isEmpty ? "none" : incidents
        }
        let services = pick(["civil_registry", "id_passport", "address_registration", "social_benefit", "tax", "business_registration",
                             "land_property", "school_enrolment", "health", "police_certificate"], urban ? 0.15 : 0.1)
        a["egov_services"] = services.isEmpty ? "none" : services
        var channels = ""
        if !services.isEmpty {
            channels = pick(["online_self", "csc", "someone_else", "office"], Self.logistic(propensity - 1), [1, 1.2, 0.5, 1])
            if channels.isEmpty { channels = "office" }
            a["egov_channels"] = channels
        }
        if !channels.split(separator: " ").contains("online_self") {
            a["egov_no_online_reasons"] = pick(["not_aware", "no_need", "prefer_in_person", "no_eds", "too_complex", "distrust", "poor_internet", "no_help"],
                                               0.2, [1.4, 1, 0.9, 1.2, 0.8, 0.5, urban ? 0.5 : 1.3, 0.7])
        }
        let aware = pick(["portal", "tunduk_app", "csc"], Self.logistic(propensity), [0.8, 0.7, 0.9])
        a["egov_aware"] = aware.isEmpty ? "none" : aware
        a["has_digital_signature"] = choose(["yes", "no", "dk"], [0.2, 0.7, 0.1])
        a["mun_contacted"] = yes(0.12)
        if !user {
            a["nonuse_reasons"] = pick(["no_need", "no_skills", "cost_device", "cost_service", "no_coverage", "privacy_security", "family_not_allow",
                                        "safety_harassment", "no_content_language", "disability", "no_time"], female ? 1.2 : 1,
                                       [0.45, 0.5, 0.3, 0.25, urban ? 0.1 : 0.3, 0.08, female ? 0.16 : 0.04, female ? 0.1 : 0.04, 0.06, 0.05, 0.1])
        } else {
            let limits = pick(["not_useful", "no_skills", "cost_device", "cost_service", "no_coverage", "privacy_security", "family_not_allow",
                               "safety_harassment", "no_content_language", "disability", "no_time"], urban ? 0.8 : 1.1,
                              [0.1, 0.15, 0.2, 0.3, urban ? 0.12 : 0.35, 0.08, female ? 0.08 : 0.02, female ? 0.09 : 0.03, 0.08, 0.02, 0.15])
            a["user_limits"] = limits.isEmpty ? "nothing" : limits
        }
        a["training_any"] = yes(Self.logistic(propensity - 2))
        let want = choose(["yes", "maybe", "no"], [0.45 + (age <= 28 ? 0.1 : 0), 0.25, 0.3])
        a["want_learn"] = want
        if want != "no" {
            a["wanted_topics"] = pick(["basic_use", "smartphone", "safety", "egov", "online_selling", "coding", "office", "design", "smm", "finance"], 0.25,
                                      [user ? 0.6 : 1.8, 1.2, 1, 1, female ? 1.3 : 0.9, age <= 28 ? 1.4 : 0.5, 1, 0.8, age <= 28 ? 1.2 : 0.6, 0.9])
        }
        let learn = pick(["no_time", "cost", "distance", "childcare", "language", "no_device", "no_permission", "dont_know_where", "health"],
                         female ? 0.22 : 0.15, [1.3, 1.1, urban ? 0.5 : 1.4, female ? 1.5 : 0.2, 0.6, 0.7, female ? 0.6 : 0.1, 1.2, age > 57 ? 1 : 0.2])
        a["learn_barriers"] = learn.isEmpty ? "none" : learn
        let owner = uniform() < (female ? 0.14 : 0.22)
        a["biz_own"] = owner ? "yes" : "no"
        if owner { a["biz_sells_online"] = yes(Self.logistic(propensity - 1)) }
        let interest = choose(["already", "yes", "maybe", "no"], [0.05, 0.25, 0.25, 0.45])
        a["biz_interest"] = interest
        if owner || interest != "no" {
            a["biz_barriers"] = pick(["skills", "capital", "delivery", "trust", "taxes_registration", "family_duties", "internet"], 0.2,
                                     [1, 1.4, urban ? 0.6 : 1.3, 0.8, 0.9, female ? 1.6 : 0.4, urban ? 0.5 : 1.2])
        }
        a["women_prog_aware"] = yes(0.2)
        // Item nonresponse on a few sensitive or hard items.
        for name in ["income", "has_digital_signature", "internet_quality"] where uniform() < 0.05 { a[name] = "" }
        if a["income"] == nil { a["income"] = uniform() < 0.1 ? "" : choose(["inc_lt10k", "inc_10_20k", "inc_20_30k", "inc_30_50k", "inc_50_80k", "inc_80_120k", "inc_gt120k", "dk", "refused"], [0.1, 0.2, 0.22, 0.2, 0.1, 0.05, 0.03, 0.05, 0.05]) }
        // Education goes with the same propensity.
        let schooled = Self.logistic(propensity - 1)
        a["education"] = choose(["none", "primary", "basic_secondary", "general_secondary", "initial_vocational", "secondary_vocational", "incomplete_higher", "higher", "postgraduate"],
                                [0.01, 0.03, 0.12 + 0.1 * (1 - schooled), 0.35, 0.08, 0.17, 0.06 + 0.05 * schooled, 0.15 + 0.2 * schooled, 0.01 + 0.02 * schooled])
        answers = a
    }
}

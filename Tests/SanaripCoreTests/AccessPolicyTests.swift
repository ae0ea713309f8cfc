import SanaripCore
import Testing

@Suite("Access policy")
struct AccessPolicyTests {
    @Test("the policy: admins everything, viewers download nothing, interviewers see no plans, only admins manage users")
    func policyTable() {
        let policy = AccessPolicy.standard
        let study = "s"
        for permission in Permission.allCases {
            #expect(policy.allows(.admin, permission, inStudy: study, memberOf: []))
            #expect(!policy.allows(Role(rawValue: "unknown"), permission, inStudy: nil, memberOf: [study]))
        }
        #expect(!policy.allows(.viewer, .downloadInstruments, inStudy: study, memberOf: [study]))
        #expect(!policy.allows(.viewer, .downloadPlans, inStudy: study, memberOf: [study]))
        #expect(policy.allows(.viewer, .viewInstruments, inStudy: study, memberOf: [study]))
        #expect(!policy.allows(.researcher, .viewInstruments, inStudy: study, memberOf: []))
        #expect(!policy.allows(.interviewer, .viewPlans, inStudy: study, memberOf: [study]))
        #expect(policy.allows(.interviewer, .collectData, inStudy: study, memberOf: [study]))
        #expect(!policy.allows(.researcher, .collectData, inStudy: study, memberOf: [study]))
        // Focus groups (issue 12): transcripts and participants' attributes are for researchers of the study only.
        for permission in [Permission.viewTranscripts, .codeTranscripts] {
            #expect(permission.isStudyScoped)
            #expect(policy.allows(.researcher, permission, inStudy: study, memberOf: [study]))
            #expect(!policy.allows(.researcher, permission, inStudy: study, memberOf: []))
            for role in [Role.coordinator, .supervisor, .interviewer, .viewer] {
                #expect(!policy.allows(role, permission, inStudy: study, memberOf: [study]))
            }
        }
        for role in Role.known where role != .admin {
            #expect(!policy.allows(role, .manageUsers, inStudy: nil, memberOf: [study]))
            #expect(policy.allows(role, .ownAccount, inStudy: nil, memberOf: []))
        }
    }

    @Test("study-scoped permissions need membership; account and user permissions do not")
    func scope() {
        #expect(Permission.viewInstruments.isStudyScoped)
        #expect(Permission.collectData.isStudyScoped)
        #expect(!Permission.ownAccount.isStudyScoped)
        #expect(!Permission.manageUsers.isStudyScoped)
        #expect(AccessPolicy.standard.allows(.researcher, .browse, inStudy: "s", memberOf: []))
        #expect(AccessPolicy.standard.mayAssign(.interviewer, by: .admin))
        #expect(!AccessPolicy.standard.mayAssign(.interviewer, by: .researcher))
        #expect(!AccessPolicy.standard.mayAssign(Role(rawValue: "root"), by: .admin))
    }
}

import GRDB

extension SanaripDatabase {
    /// `v6.collect`: what ODK Collect's own sign-ins and study-bound keys need.
    ///
    /// - `user.digest_ha1`: MD5(username:realm:password) for HTTP Digest, written whenever a password is set.
    ///   Accounts created before this migration have none until their password is next set (`sanarip user
    ///   password NAME` or the account page); until then they sign in to Collect with HTTP Basic only.
    /// - `collector.study_id`: the study whose forms a collector's key sees (nil: every study's, as before).
    static func migrateCollect(_ db: Database) throws {
        try db.alter(table: "user") { t in
            t.add(column: "digest_ha1", .text)
        }
        try db.alter(table: "collector") { t in
            t.add(column: "study_id", .text)
        }
    }
}

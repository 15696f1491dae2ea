import Foundation

/// The index of what Sluice holds, kept in a database beside the files.
///
/// `SQLiteMetadataStore` (target MetadataDatabase) is the implementation; later issues add prearchive and archive
/// records here. A store is opened by its implementation and must be closed with ``close()`` exactly once.
/// Expected outcomes (a login that exists, a project that is missing) are return values; errors are failures.
package protocol MetadataStore: Sendable {
    /// The number of the last migration applied to the database (0 for an empty database).
    func schemaVersion() async throws -> Int

    /// The XNAT site ID this server reports (default `SLUICE`).
    func siteID() async throws -> String

    /// Sets the site ID; new subject and experiment IDs take it as their prefix (`<site>_S00001`).
    func setSiteID(_ siteID: String) async throws

    /// Releases the database; no other method may be called afterwards.
    func close() async throws

    // MARK: - User accounts

    /// The account with this login (compared case-sensitively), or `nil`.
    func userAccount(login: String) async throws -> UserAccount?

    /// Adds an account; returns `false`, changing nothing, if the login exists already.
    func insertUserAccount(_ account: UserAccount) async throws -> Bool

    // MARK: - Login sessions

    /// Adds a login session.
    func insertLoginSession(_ session: LoginSession) async throws

    /// The session with this ID and its user, whether or not it has expired; `nil` if there is none.
    func loginSession(id: String) async throws -> LoginSession?

    /// Moves a session's end to `expiresAt`; does nothing if there is no such session.
    func extendLoginSession(id: String, until expiresAt: Date) async throws

    /// Removes a session; does nothing if there is none.
    func deleteLoginSession(id: String) async throws

    /// Removes every session that ended at or before `date`.
    func deleteLoginSessions(expiredBy date: Date) async throws

    // MARK: - Projects

    /// Every project, ordered by ID.
    func projects() async throws -> [Project]

    /// The project with this ID, or `nil`.
    func project(id: ProjectID) async throws -> Project?

    /// Adds a project; returns `false`, changing nothing, if one with this ID exists already.
    func insertProject(_ project: Project) async throws -> Bool

    /// Replaces the fields of the project with `project.id`, except its prearchive code, which only
    /// ``setPrearchiveCode(_:of:)`` changes; returns `false` if there is no such project.
    func updateProject(_ project: Project) async throws -> Bool

    /// Sets a project's prearchive code; returns `false` if there is no such project.
    func setPrearchiveCode(_ code: PrearchiveCode, of id: ProjectID) async throws -> Bool

    /// Sets whether sessions archived into the project start in quarantine; returns `false` if there is no such
    /// project.
    func setQuarantinesNewSessions(_ quarantines: Bool, of id: ProjectID) async throws -> Bool

    /// Puts an archived session into quarantine or releases it; returns `false` if there is no such experiment.
    func setQuarantined(_ quarantined: Bool, experimentID: String) async throws -> Bool

    // MARK: - Prearchive sessions (`xnat-import-spec.md` §4.2)

    /// The row with this key, or `nil`.
    func prearchiveSession(_ key: PrearchiveSessionKey) async throws -> PrearchiveSession?

    /// The rows of one study under one label: same project (`nil` = Unassigned), `tag` (StudyInstanceUID) and
    /// `name` (session label), the most recently modified first. The timestamp is not part of the match (§2.1 step 6).
    func prearchiveSessions(project: String?, tag: String, name: String) async throws -> [PrearchiveSession]

    /// Every row, ordered by project (Unassigned first), timestamp and folder name.
    func prearchiveSessions() async throws -> [PrearchiveSession]

    /// The rows with this status, ordered by last modification, oldest first.
    func prearchiveSessions(status: PrearchiveStatus) async throws -> [PrearchiveSession]

    /// Adds a row; returns `false`, changing nothing, if a row with the same key exists already.
    func insertPrearchiveSession(_ session: PrearchiveSession) async throws -> Bool

    /// Replaces every column of the row with `session.key`; returns `false` if there is no such row.
    func updatePrearchiveSession(_ session: PrearchiveSession) async throws -> Bool

    /// Removes the row with this key; returns `false` if there was none.
    func deletePrearchiveSession(_ key: PrearchiveSessionKey) async throws -> Bool

    // MARK: - Archive: subjects and experiments (`xnat-import-spec.md` §6)

    /// The subject of `project` whose label equals `label` ignoring case, or `nil`.
    func subject(project: String, label: String) async throws -> ArchivedSubject?

    /// The subject with this ID, or `nil`.
    func subject(id: String) async throws -> ArchivedSubject?

    /// The subjects of `project`, ordered by label.
    func subjects(project: String) async throws -> [ArchivedSubject]

    /// Creates a subject with the next free ID (`<site ID>_S` + five or more digits, counting from 1 per site) and
    /// returns it; if `project` already has a subject with this label ignoring case, returns that one instead.
    func createSubject(project: String, label: String, createdAt: Date) async throws -> ArchivedSubject

    /// The experiment of `project` whose label equals `label` ignoring case, or `nil`.
    func experiment(project: String, label: String) async throws -> ArchivedExperiment?

    /// The experiment with this ID, or `nil`.
    func experiment(id: String) async throws -> ArchivedExperiment?

    /// The experiments of `project`, ordered by label.
    func experiments(project: String) async throws -> [ArchivedExperiment]

    /// Reserves the next experiment ID (`<site ID>_E` + five or more digits, counting from 1 per site); an ID is
    /// never handed out twice, even if it ends up unused.
    func nextExperimentID() async throws -> String

    /// Adds the experiment, or replaces every column of the one with the same ID.
    func saveExperiment(_ experiment: ArchivedExperiment) async throws

    /// Removes an experiment; returns `false` if there was none.
    func deleteExperiment(id: String) async throws -> Bool

    /// Removes a subject (its experiments must be removed first); returns `false` if there was none.
    func deleteSubject(id: String) async throws -> Bool

    /// Every experiment, ordered by project and label (`sluice verify`).
    func experiments() async throws -> [ArchivedExperiment]

    // MARK: - Consistency (`sluice verify`)

    /// What the database's own consistency checks report (SQLite: `PRAGMA integrity_check` and
    /// `foreign_key_check`), one line each; empty when all is well.
    func integrityProblems() async throws -> [String]

    // MARK: - Pipeline runs (`xnat-import-spec.md` §6.6)

    /// Adds a run of an AutoRun action; its ID must be new.
    func insertPipelineRun(_ run: PipelineRun) async throws

    /// Replaces every column of the run with `run.id`; returns `false` if there is no such run.
    func updatePipelineRun(_ run: PipelineRun) async throws -> Bool

    /// The runs for an experiment, the oldest first.
    func pipelineRuns(experimentID: String) async throws -> [PipelineRun]

    /// Marks every RUNNING run FAILED with `detail`, finished at `date` (at startup: the server that ran them
    /// stopped); returns how many there were.
    func failRunningPipelineRuns(detail: String, at date: Date) async throws -> Int

    // MARK: - Project roles and accessibility (issue 8)

    /// The user's role in the project, or `nil`.
    func projectRole(project: String, login: String) async throws -> ProjectRole?

    /// Every role of the user, by project.
    func projectRoles(login: String) async throws -> [String: ProjectRole]

    /// The project's users and their roles, ordered by login.
    func projectUsers(project: String) async throws -> [(login: String, role: ProjectRole)]

    /// Gives the user `role` in the project, replacing any other role; `nil` removes the user from the project.
    /// Returns `false`, changing nothing, if the project or the user does not exist.
    func setProjectRole(_ role: ProjectRole?, project: String, login: String) async throws -> Bool

    /// The project's accessibility, or `nil` if there is no such project.
    func projectAccessibility(project: String) async throws -> ProjectAccessibility?

    /// Sets the project's accessibility; `false` if there is no such project.
    func setProjectAccessibility(_ accessibility: ProjectAccessibility, project: String) async throws -> Bool

    // MARK: - Audit log (issue 8)

    /// Adds an event.
    func insertAuditEvent(_ event: AuditEvent) async throws

    /// The events from `since` on (all when `nil`), of `login` when given, the newest first, at most `limit`.
    func auditEvents(since: Date?, login: String?, limit: Int) async throws -> [AuditEvent]

    // MARK: - Inbox requests (`xnat-import-spec.md` §2.5, `/xapi/dicom/{id}`)

    /// Adds a request and returns it with its new ID.
    func insertInboxRequest(_ request: InboxRequest) async throws -> InboxRequest

    /// Replaces the status, resolution and update time of request `request.id`; `false` if there is none.
    func updateInboxRequest(_ request: InboxRequest) async throws -> Bool

    /// The request with this ID, or `nil`.
    func inboxRequest(id: Int) async throws -> InboxRequest?

    /// Marks every Queued or Importing request Failed with `resolution` (at startup: the server that ran them
    /// stopped); returns how many there were.
    func failUnfinishedInboxRequests(resolution: String, at date: Date) async throws -> Int

    // MARK: - Project AutoRun webhooks (`xnat-import-spec.md` §6.6)

    /// The webhook a project's archived sessions are posted to, besides the site's; `nil` if it has none.
    func projectWebhook(project: ProjectID) async throws -> URL?

    /// Sets or replaces a project's webhook; returns `false`, changing nothing, if there is no such project.
    func setProjectWebhook(_ webhook: URL, project: ProjectID) async throws -> Bool

    /// Removes a project's webhook; returns `false` if it had none.
    func deleteProjectWebhook(project: ProjectID) async throws -> Bool

    // MARK: - Alias tokens (`xnat-clients.md` §1.2)

    /// Adds an alias token; its alias must be new.
    func insertAliasToken(_ token: AliasToken) async throws

    /// The token with this alias and its user, whether or not it has expired; `nil` if there is none.
    func aliasToken(alias: String) async throws -> AliasToken?

    /// Removes the token with this alias; returns `false` if there was none.
    func deleteAliasToken(alias: String) async throws -> Bool

    /// Removes every token that expired at or before `date`.
    func deleteAliasTokens(expiredBy date: Date) async throws

    // MARK: - DICOM receivers (issue 7, `/xapi/dicomscp`)

    /// Every DICOM receiver, by ID.
    func dicomReceivers() async throws -> [DICOMReceiverDefinition]

    /// The receiver with this ID, or `nil`.
    func dicomReceiver(id: Int) async throws -> DICOMReceiverDefinition?

    /// Adds a receiver and returns it with its new ID.
    func insertDICOMReceiver(_ receiver: DICOMReceiverDefinition) async throws -> DICOMReceiverDefinition

    /// Replaces every column of receiver `receiver.id`; `false` if there is none.
    func updateDICOMReceiver(_ receiver: DICOMReceiverDefinition) async throws -> Bool

    /// Removes receiver `id`; `false` if there was none.
    func deleteDICOMReceiver(id: Int) async throws -> Bool

    // MARK: - User profiles and logins (issue 8, `/xapi/users`, `sluice user`)

    /// The profile of the user with this login, or `nil`.
    func userProfile(login: String) async throws -> UserProfile?

    /// Every user's profile, ordered by login.
    func userProfiles() async throws -> [UserProfile]

    /// Adds an account with its profile; returns `false`, changing nothing, if the login exists already.
    func insertUserProfile(_ profile: UserProfile, passwordHash: String) async throws -> Bool

    /// Replaces the e-mail address, names and enabled flag of user `profile.login`; `false` if there is none.
    func updateUserProfile(_ profile: UserProfile) async throws -> Bool

    /// Replaces a user's password hash; `false` if there is no such user.
    func setPasswordHash(_ passwordHash: String, login: String) async throws -> Bool

    /// Counts a failed password login in one statement; once `maximumFailures` (> 0) are counted, the count starts
    /// again and the account is locked until `lockedUntil`. Returns the profile afterwards, `nil` if there is no user.
    func recordFailedLogin(login: String, maximumFailures: Int, lockedUntil: Date) async throws -> UserProfile?

    /// Clears the failed login count and any lock, and records `date` as the last successful login.
    func recordSuccessfulLogin(login: String, at date: Date) async throws

    /// Clears the failed login count and any lock (an administrator enabling the account).
    func clearFailedLogins(login: String) async throws

    /// Removes every login session of a user.
    func deleteLoginSessions(login: String) async throws

    /// Every alias token of a user, expired or not, the oldest first.
    func aliasTokens(login: String) async throws -> [AliasToken]

    /// Removes every alias token of a user.
    func deleteAliasTokens(login: String) async throws
}

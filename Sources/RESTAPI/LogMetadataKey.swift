/// Logger metadata keys used by this target.
enum LogMetadataKey {
    static let requestID = "request.id"
    static let httpMethod = "http.method"
    static let httpPath = "http.path"
    static let httpStatus = "http.status"
    static let error = "error"
    static let login = "auth.login"
    /// The account a user administration request acts on (`/xapi/users/{username}`).
    static let subjectLogin = "user.login"
    static let authenticationMethod = "auth.method"
    static let project = "project.id"
    static let prearchiveCode = "project.prearchive_code"
    static let prearchiveSession = "prearchive.session"
    static let importHandler = "import.handler"
    static let uploadSize = "import.upload_bytes"
}

/// Logger metadata keys used by this target.
enum LogMetadataKey {
    static let requestID = "request.id"
    static let httpMethod = "http.method"
    static let httpPath = "http.path"
    static let httpStatus = "http.status"
    static let error = "error"
}

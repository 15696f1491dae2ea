import Foundation

/// Why an import or a prearchive operation was refused or failed; `RESTAPI` turns ``kind`` into the HTTP status
/// and sends ``message`` as the plain-text body (`xnat-import-spec.md` §1.8, §4.6).
package struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in the terms of the HTTP status it becomes.
    package enum Kind: Sendable, Equatable {
        /// A malformed request, parameter or upload (400).
        case invalidRequest
        /// The user may not do this (403).
        case notPermitted
        /// No such handler or prearchive session (404).
        case notFound
        /// The request cannot be answered in the requested form, such as a multipart in-body upload (406).
        case notAcceptable
        /// The session is busy or already holds other data (409).
        case conflict
        /// Something the request wants to create exists already, where XNAT answers 412 (user cache resources).
        case preconditionFailed
        /// An upload over one of the configured limits: it unpacks to too many entries or bytes, expands too much, or
        /// nests archives too deeply (413).
        case contentTooLarge
        /// The disk (or a quota) is full; nothing of the request was kept (507).
        case insufficientStorage
        /// A handler that Sluice does not offer yet (501).
        case notImplemented
        /// The server failed: disk, database (500).
        case serverFailure
    }

    /// What went wrong.
    package var kind: Kind
    /// One sentence for the response body and the log.
    package var message: String

    /// An error of `kind`.
    package init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    package var description: String { message }

    /// The body of every 507: what a client needs to know, without server paths.
    package static let insufficientStorageMessage =
        "Insufficient storage: the server's disk is full. Nothing of this request was kept; try again later."

    /// Whether `error`, or an error it wraps, is a full disk or quota: `ENOSPC` or `EDQUOT` from a write, sync or
    /// rename (as Foundation, SwiftNIO's file system or ``StorageError`` report it) or SQLite's `SQLITE_FULL`.
    ///
    /// Wrapped errors are followed through `NSUnderlyingErrorKey` and `underlying` properties; errors that keep
    /// only text are recognised by the C library's and SQLite's own wording.
    package static func isOutOfSpace(_ error: any Error) -> Bool {
        if let error = error as? ImportError {
            return error.kind == .insufficientStorage || mentionsFullDisk(error.message)
        }
        if let error = error as? POSIXError { return [.ENOSPC, .EDQUOT].contains(error.code) }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain, [Int(ENOSPC), Int(EDQUOT)].contains(nsError.code) { return true }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == CocoaError.fileWriteOutOfSpace.rawValue { return true }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error, isOutOfSpace(underlying) {
            return true
        }
        for child in Mirror(reflecting: error).children {
            if let wrapped = child.value as? any Error, isOutOfSpace(wrapped) { return true }
            if case let wrapped?? = child.value as? (any Error)?, isOutOfSpace(wrapped) { return true }
        }
        return mentionsFullDisk(String(describing: error))
    }

    private static func mentionsFullDisk(_ text: String) -> Bool {
        let markers = [
            String(cString: strerror(ENOSPC)), String(cString: strerror(EDQUOT)), "ENOSPC", "EDQUOT",
            "SQLITE_FULL", "database or disk is full",
        ]
        return markers.contains { text.contains($0) }
    }

    /// XNAT's answer for an object that cannot be read as DICOM: `unable to read DICOM object <name>`.
    package static func unreadableObject(_ name: String, reason: String? = nil) -> ImportError {
        ImportError(.invalidRequest, "unable to read DICOM object \(name)" + (reason.map { ": \($0)" } ?? ""))
    }
}

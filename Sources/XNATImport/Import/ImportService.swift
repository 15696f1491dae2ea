import DICOM
import Foundation
import Logging
import Unpacking

/// `POST /data/services/import` without HTTP: picks the handler, reads the upload, routes each DICOM object and
/// hands it to the prearchive (`xnat-import-spec.md` §1.4–§1.8, §2.1, §2.2, §3).
package struct ImportService: Sendable {
    /// The archive committed sessions may go to; its prearchive is where objects go.
    package let archive: ArchiveService
    /// The prearchive objects go to.
    package var prearchive: PrearchiveService { archive.prearchive }
    /// Where archives are unpacked before their entries are placed (on the prearchive's file system).
    package let stagingFolder: URL
    /// Caps on unpacking.
    package var extractionLimits: ExtractionLimits
    /// The object identifier, with the site's routing rules.
    package let identifier: SessionIdentifier
    /// The root of the `inbox` handler's folders (§2.5); `nil`: the handler is off.
    package let inboxFolder: URL?

    /// Creates the service.
    package init(
        archive: ArchiveService,
        stagingFolder: URL,
        extractionLimits: ExtractionLimits = .default,
        identifier: SessionIdentifier = SessionIdentifier(),
        inboxFolder: URL? = nil
    ) {
        self.archive = archive
        self.inboxFolder = inboxFolder
        self.stagingFolder = stagingFolder
        self.extractionLimits = extractionLimits
        self.identifier = identifier
    }

    /// The media types that select gradual-DICOM when no `import-handler` is named (§1.4 rule 2).
    package static let gradualContentTypes: Set<String> = [
        "application/dicom", "application/x-mirc", "application/x-mirc-dicom",
    ]

    /// The handler a request asks for (§1.4): the named one (404 for an unknown name), else gradual-DICOM for a
    /// DICOM media type, else DICOM-zip (XNAT's shipped default for `uiDefaultCompressedUploaderImporter`).
    package static func handler(named name: String?, contentType: String?) throws(ImportError) -> ImportHandler {
        if let name {
            guard let handler = ImportHandler(rawValue: name) else {
                throw ImportError(.notFound, "Unknown importer implementation specified: \(name)")
            }
            return handler
        }
        if let contentType, gradualContentTypes.contains(contentType.lowercased()) { return .gradualDICOM }
        return .dicomZip
    }

    /// Imports `upload` and answers the URIs to send back, `/data`-prefixed (§1.6).
    ///
    /// - Parameters:
    ///   - upload: the staged upload, `nil` when the request carried none.
    ///   - parameters: query and form parameters, first value of each.
    ///   - user: who is importing.
    ///   - progress: told of entries skipped with `Ignore-Unparsable=true`, one message each (`/data/status`).
    package func importUpload(
        _ upload: ImportUpload?,
        parameters: [String: String],
        user: User,
        progress: (@Sendable (String) async -> Void)? = nil
    ) async throws -> [String] {
        var options = try ImportOptions(parameters: parameters)
        try Self.checkProjectID(options.routing.project)
        try await resolveDestinationExperiment(&options, parameters: parameters)
        let handler = try Self.handler(named: options.handlerName, contentType: upload?.contentType)
        if handler == .sessionImporter {
            return try await SessionImporter(service: self).importUpload(
                upload,
                options: options,
                parameters: parameters,
                user: user
            )
        }
        if handler == .inbox {
            return [try await InboxImporter(service: self).submit(parameters: parameters, user: user)]
        }
        if handler == .xar {
            return try await XARImporter(service: self).importUpload(upload, parameters: parameters, user: user)
        }
        guard handler == .gradualDICOM || handler == .dicomZip else {
            throw ImportError(
                .notImplemented,
                "The \(handler.rawValue) importer is not available in this version of Sluice; "
                    + "use import-handler=DICOM-zip, gradual-DICOM, SI, XAR or inbox"
            )
        }
        guard let upload else { throw ImportError(.invalidRequest, "Unable to identify upload format.") }
        let objects: [IncomingObject]
        var unpacked: URL?
        defer { if let unpacked { try? FileManager.default.removeItem(at: unpacked) } }
        switch handler {
        case .gradualDICOM:
            let name = upload.clientFileName ?? "upload"
            objects = [
                try await BlockingWork.run {
                    try IncomingObject.read(file: upload.file, clientName: upload.clientFileName, displayName: name)
                }
            ]
        default:
            let folder = stagingFolder.appendingPathComponent(".unpacked-\(UUID().uuidString)", isDirectory: true)
            unpacked = folder
            let read = try await readArchive(upload, into: folder, ignoreUnparsable: options.ignoreUnparsable)
            objects = read.objects
            for error in read.skipped {
                await progress?("Skipped an unparsable entry (Ignore-Unparsable): \(error.message)")
            }
        }
        return try await place(objects, options: options, parameters: parameters, user: user)
    }

    /// A requested project that cannot be a project ID (`../x`, `a/b`, a NUL, 300 characters) is refused with 400
    /// before any lookup; XNAT would route the data by its headers instead, but no project can have such an ID.
    static func checkProjectID(_ project: String?) throws(ImportError) {
        guard let project else { return }
        do {
            _ = try ProjectID(project)
        } catch {
            throw ImportError(.invalidRequest, error.message)
        }
    }

    /// Routes `objects` into prearchive sessions and commits them when the options ask (§2.1, §2.2); answers the
    /// `/data`-prefixed URIs.
    func place(
        _ objects: [IncomingObject],
        options: ImportOptions,
        parameters: [String: String],
        user: User
    ) async throws -> [String] {
        guard !objects.isEmpty else { return [] }
        let editable = try await editableProjects(routing: options.routing, user: user)
        let placements = try await identify(objects, routing: options.routing, editable: editable)
        let keys = try await prearchive.receive(placements, rename: options.rename, options: options.session)
        guard options.commit else {
            var uris: [String] = []
            for key in keys {
                let row = try await prearchive.store.prearchiveSession(key)
                if let row, row.isDirectArchive, let tag = row.tag, let project = key.project {
                    uris.append(DirectArchive.uri(project: project, tag: tag, name: row.name))
                } else {
                    uris.append("/data" + key.url)
                }
            }
            return uris
        }
        var uris: [String] = []
        for key in keys {
            uris.append(try await commit(key, options: options, parameters: parameters, user: user).uri)
        }
        return uris
    }

    /// `action=commit` or `dest` (§2.2): builds the session and archives it when it auto-archives. Like XNAT's
    /// DICOM-zip, any failure of this phase, a 409 conflict included, answers 400 "unable to archive for the
    /// Prearchive session" (§1.8, §14 quirk 5), with the reason appended.
    private func commit(
        _ key: PrearchiveSessionKey,
        options: ImportOptions,
        parameters: [String: String],
        user: User
    ) async throws -> CommitOutcome {
        let requested = [ImportParameter.autoArchive, .autoArchiveLong].contains {
            parameters[$0.rawValue]?.trimmingASCIIWhitespace().lowercased() == "true"
        }
        do {
            return try await archive.commit(
                key,
                requestsArchive: requested || options.routing.destination?.area == .archive,
                request: ArchiveRequest(options: ArchiveOptions(parameters: parameters), user: user)
            )
        } catch let error as ImportError where error.kind != .serverFailure {
            throw ImportError(.invalidRequest, "unable to archive for the Prearchive session \(key.url): \(error.message)")
        }
    }
}

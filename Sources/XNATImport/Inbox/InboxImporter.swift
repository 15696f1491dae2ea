import Foundation
import Logging

/// The `inbox` handler (`xnat-import-spec.md` §2.5): `POST /data/services/import?import-handler=inbox&path=…` with
/// no body imports the DICOM files of a folder (or a zip, tar or `.tar.gz` file) already on the server, under the
/// inbox root, in the background. The answer is `/xapi/dicom/<id>`, the request clients poll.
///
/// - `path` (required) must resolve, links followed, to a folder or file strictly inside the inbox root; its first
///   folder there is a project, which must exist and be `PROJECT_ID` when that is given (400 otherwise).
/// - `EXPT_LABEL` (or `session`) must not be an experiment of the project already (409).
/// - The files are hard-linked (or copied) into staging and imported as gradual-DICOM files (a folder: each readable
///   DICOM file, others skipped) or as a DICOM-zip upload (a file), with the request's other parameters.
/// - `cleanupAfterImport` (default true) deletes the folder or file after a successful import; a failed one leaves
///   it. The request ends `Completed` with the URIs made, or `Failed` with the reason.
struct InboxImporter {
    let service: ImportService

    var store: any MetadataStore { service.archive.store }
    var logger: Logger { service.archive.logger }

    /// Checks the request, records it and starts it; answers `/xapi/dicom/<id>`.
    func submit(parameters: [String: String], user: User) async throws -> String {
        guard let root = service.inboxFolder else {
            throw ImportError(.invalidRequest, "The inbox import handler is not configured on this server")
        }
        guard let text = parameters["path"]?.trimmingASCIIWhitespace(), !text.isEmpty else {
            throw ImportError(.invalidRequest, "The inbox import handler requires the path parameter")
        }
        let (path, project) = try Self.resolve(text, root: root)
        let wanted = parameters["PROJECT_ID"] ?? parameters["project"]
        if let wanted, !wanted.isEmpty, wanted != project {
            throw ImportError(.invalidRequest, "The path \(text) is not in the inbox folder of project \(wanted)")
        }
        guard let key = try? ProjectID(project), try await store.project(id: key) != nil else {
            throw ImportError(.invalidRequest, "The inbox folder \(project) is not a project")
        }
        try await AccessService(store: store).require(.edit, user, in: project)
        if let label = parameters["EXPT_LABEL"] ?? parameters["session"], !label.isEmpty,
            try await store.experiment(project: project, label: label) != nil
        {
            throw ImportError(.conflict, "Experiment \(label) already exists in project \(project)")
        }
        var importParameters = parameters.filter { !["path", "import-handler", "cleanupAfterImport"].contains($0.key) }
        importParameters["PROJECT_ID"] = project
        let request = try await store.insertInboxRequest(
            InboxRequest(
                username: user.login,
                sessionPath: path.path,
                cleanupAfterImport: parameters["cleanupAfterImport"]?.lowercased() != "false",
                parameters: importParameters,
                created: service.archive.clock()
            )
        )
        logger.info("Queued an inbox import", metadata: ["inbox.request": "\(request.id)", "path": "\(path.path)"])
        Task { await run(request, user: user) }
        return "/xapi/dicom/\(request.id)"
    }

    /// `text` (absolute, or relative to the inbox root) resolved with links followed; it must lie strictly inside
    /// the root. Answers the path and its first folder under the root (the project).
    static func resolve(_ text: String, root: URL) throws(ImportError) -> (URL, String) {
        let rootPath = root.resolvingSymlinksInPath().standardizedFileURL.path
        let given = text.hasPrefix("/") ? URL(fileURLWithPath: text) : root.appendingPathComponent(text)
        let path = given.resolvingSymlinksInPath().standardizedFileURL
        guard path.path.hasPrefix(rootPath + "/"), FileManager.default.fileExists(atPath: path.path) else {
            throw ImportError(.invalidRequest, "The path \(text) is not an existing folder or file in the inbox")
        }
        let relative = path.path.dropFirst(rootPath.count + 1).split(separator: "/")
        guard relative.count >= 2, let project = relative.first.map(String.init) else {
            throw ImportError(.invalidRequest, "The path \(text) must be a folder or file inside a project's inbox folder")
        }
        return (path, project)
    }

    /// Runs a queued request to its end.
    func run(_ queued: InboxRequest, user: User) async {
        var request = queued
        await update(&request, .importing, "")
        let staging = service.stagingFolder.appendingPathComponent(".inbox-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        do {
            let uris = try await importPath(URL(fileURLWithPath: request.sessionPath), request: request, staging: staging, user: user)
            if request.cleanupAfterImport {
                try? FileManager.default.removeItem(atPath: request.sessionPath)
            }
            await update(&request, .completed, uris.joined(separator: "\n"))
            logger.info("Finished an inbox import", metadata: ["inbox.request": "\(request.id)", "sessions": "\(uris.count)"])
        } catch {
            await update(&request, .failed, "\(error)")
            logger.warning("An inbox import failed", metadata: ["inbox.request": "\(request.id)", "error": "\(error)"])
        }
    }

    private func importPath(_ path: URL, request: InboxRequest, staging: URL, user: User) async throws -> [String] {
        try AtomicFile.createFolder(staging)
        if !ArchiveEditor.isFolder(path) {
            let staged = staging.appendingPathComponent("upload", isDirectory: false)
            try AtomicFile.stage(path, at: staged, linking: request.cleanupAfterImport)
            var parameters = request.parameters
            parameters["import-handler"] = ImportHandler.dicomZip.rawValue
            let upload = ImportUpload(file: staged, clientFileName: path.lastPathComponent, contentType: nil)
            return try await service.importUpload(upload, parameters: parameters, user: user)
        }
        let objects = try await BlockingWork.run { () throws -> [IncomingObject] in
            var objects: [IncomingObject] = []
            for (index, relative) in try ArchiveEditor.filesBelow(path, includingCatalogs: true).enumerated() {
                let staged = staging.appendingPathComponent(String(index), isDirectory: false)
                try AtomicFile.stage(path.appendingPathComponent(relative), at: staged, linking: request.cleanupAfterImport)
                let name = relative.split(separator: "/").last.map(String.init) ?? relative
                if let object = try? IncomingObject.read(file: staged, clientName: name, displayName: name) {
                    objects.append(object)
                }
            }
            return objects
        }
        guard !objects.isEmpty else { throw ImportError(.invalidRequest, "No DICOM files found in \(path.path)") }
        var parameters = request.parameters
        parameters["import-handler"] = ImportHandler.gradualDICOM.rawValue
        var options = try ImportOptions(parameters: parameters)
        try await service.resolveDestinationExperiment(&options, parameters: parameters)
        return try await service.place(objects, options: options, parameters: parameters, user: user)
    }

    private func update(_ request: inout InboxRequest, _ status: InboxRequest.Status, _ resolution: String) async {
        request.status = status
        request.resolution = resolution
        request.updated = service.archive.clock()
        do {
            _ = try await store.updateInboxRequest(request)
        } catch {
            logger.error("Could not record an inbox request", metadata: ["inbox.request": "\(request.id)", "error": "\(error)"])
        }
    }
}

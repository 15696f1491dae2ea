import DICOM
import Foundation
import Unpacking

extension ImportService {
    /// Unpacks a DICOM-zip upload and reads every entry's header (§2.2). An entry that is not DICOM — a symbolic or
    /// hard link, a device or FIFO among them — fails the whole import before anything is placed, unless
    /// `ignoreUnparsable`; then it is skipped and its error returned in `skipped`, and if nothing else was readable
    /// the last such error is thrown.
    func readArchive(
        _ upload: ImportUpload,
        into folder: URL,
        ignoreUnparsable: Bool
    ) async throws -> (objects: [IncomingObject], skipped: [ImportError]) {
        let limits = extractionLimits
        let result: ExtractionResult
        do {
            result = try await BlockingWork.run {
                try ArchiveExtractor(limits: limits).extract(upload: upload.file, into: folder)
            }
        } catch let error as UnpackError {
            throw Self.importError(error, upload: upload)
        }
        var skipped = result.skipped.compactMap(Self.unreadableEntry)
        if !ignoreUnparsable, let first = skipped.first { throw first }
        let outcome = try await BlockingWork.run {
            var objects: [IncomingObject] = []
            var errors: [any Error] = []
            for file in result.files {
                let name = file.entryPath.split(separator: "/").last.map(String.init) ?? file.entryPath
                do {
                    objects.append(
                        try IncomingObject.read(
                            file: folder.appendingPathComponent(file.path, isDirectory: false),
                            clientName: name,
                            displayName: name
                        )
                    )
                } catch {
                    guard ignoreUnparsable else { throw error }
                    errors.append(error)
                }
            }
            return (objects, errors)
        }
        if outcome.0.isEmpty, let lastError = outcome.1.last ?? skipped.last { throw lastError }
        skipped += outcome.1.compactMap { $0 as? ImportError }
        return (outcome.0, skipped)
    }

    /// A link or special file in a DICOM upload is an entry that cannot be read as DICOM (XNAT reads a link's
    /// target path as its content, and fails on it); macOS metadata and the like are left out silently.
    static func unreadableEntry(_ entry: SkippedEntry) -> ImportError? {
        let name = entry.entryPath.split(separator: "/").last.map(String.init) ?? entry.entryPath
        switch entry.reason {
        case .symbolicLink:
            return .unreadableObject(name, reason: "it is a symbolic link, and links are not imported")
        case .hardLink:
            return .unreadableObject(name, reason: "it is a hard link, and links are not imported")
        case .specialFile:
            return .unreadableObject(name, reason: "it is a device, FIFO or socket, not a file")
        case .macOSMetadata, .unsupportedType:
            return nil
        }
    }

    /// Routes each object (§3.1): explicit parameters, then the headers; projects must exist, and be among
    /// `editable` (`nil`: all) — a project the uploader may not edit counts as unknown, so data its headers route
    /// there lands in Unassigned (issue 8).
    func identify(
        _ objects: [IncomingObject],
        routing: ExplicitRouting,
        editable: Set<String>? = nil
    ) async throws -> [Placement] {
        let projects = try await prearchive.store.projects().filter { editable?.contains($0.id.rawValue) ?? true }
        let byID = Dictionary(projects.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        return objects.map { object in
            let identity = identifier.identify(object.header, explicit: routing) { candidate in
                byID[candidate.value]?.id.rawValue
            }
            return Placement(
                object: object,
                identity: identity,
                projectCode: identity.project.flatMap { byID[$0]?.prearchiveCode }
            )
        }
    }

    /// What an unpacking failure tells the client (§1.8: 400 "Unsupported format …" for a non-archive; 413 for a
    /// broken limit; 507 for a full disk).
    static func importError(_ error: UnpackError, upload: ImportUpload) -> ImportError {
        switch error.kind {
        case .notAnArchive:
            return ImportError(
                .invalidRequest,
                "Unsupported format: \(upload.clientFileName ?? "the upload") is not a zip, tar or tar.gz archive"
            )
        case .fileSystem:
            if let underlying = error.underlying, ImportError.isOutOfSpace(underlying) {
                return ImportError(.insufficientStorage, ImportError.insufficientStorageMessage)
            }
            return ImportError(.serverFailure, error.message)
        case .tooManyEntries, .tooLarge, .entryCompressionRatioTooHigh, .overallCompressionRatioTooHigh,
            .nestingTooDeep:
            return ImportError(.contentTooLarge, "The archive is over a limit of this server: \(error.message)")
        default:
            return ImportError(.invalidRequest, "The archive could not be unpacked: \(error.message)")
        }
    }
}

extension ImportService {
    /// A `dest` experiment that names an archived experiment by ID or label becomes that experiment's label and
    /// project (§2.2), so the import merges into it; `session` still wins.
    func resolveDestinationExperiment(_ options: inout ImportOptions, parameters: [String: String]) async throws {
        guard let named = options.routing.destination?.experiment else { return }
        let store = prearchive.store
        var found = try await store.experiment(id: named)
        if found == nil, let project = options.routing.project {
            found = try await store.experiment(project: project, label: named)
        }
        guard let experiment = found, options.routing.project == nil || options.routing.project == experiment.project
        else { return }
        options.routing.project = experiment.project
        if parameters[RoutingParameter.session.rawValue]?.trimmingASCIIWhitespace().isEmpty ?? true {
            options.routing.sessionLabel = experiment.label
        }
    }
}

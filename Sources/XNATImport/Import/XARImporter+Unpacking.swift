import Foundation
import Unpacking

extension XARImporter {
    /// What a XAR holds: one session document, or scan documents of one session.
    enum Contents {
        /// A session XAR: the root, the document's file and the document.
        case session(URL, URL, SessionDocument)
        /// A scan XAR: the root and each scan document's file and scan.
        case scans(URL, [(URL, SessionDocument.Scan)])
    }

    /// Unpacks the XAR into `folder` and reads its documents, after checking every resource they name. Blocking IO.
    static func unpack(_ file: URL, into folder: URL) throws -> Contents {
        let extracted = folder.appendingPathComponent("xar", isDirectory: true)
        try AtomicFile.createFolder(folder)
        let result: ExtractionResult
        do {
            result = try ArchiveExtractor(limits: ArchiveEditor.resourceExtractionLimits).extract(upload: file, into: extracted)
        } catch let error as UnpackError where error.kind == .notAnArchive {
            throw ImportError(.invalidRequest, "Archive file is corrupt or not a valid archive file type.")
        } catch let error as UnpackError {
            throw ImportError(.invalidRequest, "Archive file is corrupt or not a valid archive file type: \(error.message)")
        }
        guard !result.files.isEmpty else { throw ImportError(.invalidRequest, "Archive file contains no files.") }
        var root = extracted
        let top = try FileManager.default.contentsOfDirectory(atPath: extracted.path)
        if top.count == 1, ArchiveEditor.isFolder(extracted.appendingPathComponent(top[0])) {
            root = extracted.appendingPathComponent(top[0], isDirectory: true)
        }
        var sessions: [(URL, SessionDocument)] = []
        var scans: [(URL, SessionDocument.Scan)] = []
        var otherKinds: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        where name.lowercased().hasSuffix(".xml") {
            let url = root.appendingPathComponent(name, isDirectory: false)
            guard !ArchiveEditor.isFolder(url) else { continue }
            let data = try Data(contentsOf: url)
            switch Self.read(data) {
            case .session(let document): sessions.append((url, document))
            case .scan(let scan): scans.append((url, scan))
            case .other(let element): otherKinds.insert(element)
            case .unreadable: break
            }
        }
        let kinds = (sessions.isEmpty ? 0 : 1) + (scans.isEmpty ? 0 : 1) + (otherKinds.isEmpty ? 0 : 1)
        guard kinds > 0 else { throw ImportError(.invalidRequest, "Unable to locate XNAT xml document.") }
        guard kinds == 1 else {
            throw ImportError(
                .invalidRequest,
                "Multiple data types cannot share a single XAR.  Please separate files into separate XARs"
            )
        }
        if !scans.isEmpty {
            guard Set(scans.map { $0.1.imageSessionID ?? "" }).count == 1 else {
                throw ImportError(.invalidRequest, "XAR can only include data for one imaging session.")
            }
            for (_, scan) in scans {
                var session = SessionDocument(dataType: .otherDICOM)
                session.scans = [scan]
                try checkResources(of: session, in: root)
            }
            return .scans(root, scans)
        }
        guard let (documentURL, document) = sessions.first else {
            throw ImportError(
                .notImplemented,
                "Sluice imports image session and scan XARs; this XAR holds \(otherKinds.sorted().joined(separator: ", "))"
                    + " (reconstructions and assessors have no place in Sluice's archive)"
            )
        }
        guard sessions.count == 1 else {
            throw ImportError(.invalidRequest, "XAR can only include data for one imaging session.")
        }
        try checkResources(of: document, in: root)
        return .session(root, documentURL, document)
    }

    /// What one top-level XML file of a XAR is.
    enum Document {
        case session(SessionDocument)
        case scan(SessionDocument.Scan)
        /// An XNAT document of a kind Sluice does not import, by root element.
        case other(String)
        /// Not a readable XNAT document: payload.
        case unreadable
    }

    /// Reads one top-level XML file.
    static func read(_ data: Data) -> Document {
        let element: String
        do {
            return .session(try SessionDocument(xml: data))
        } catch {
            guard case .unexpectedRoot(_, let name) = error.kind else { return .unreadable }
            element = name
        }
        if let scan = try? SessionDocument.Scan(standaloneXML: data) { return .scan(scan) }
        return .other(element)
    }

    /// Every catalog the document names is in the XAR, and every catalog entry's file too, with the digest it names.
    static func checkResources(of document: SessionDocument, in root: URL) throws {
        let resources = document.resources + document.scans.flatMap(\.resources)
        for resource in resources where resource.kind == .catalog {
            let uri = resource.uri
            guard !uri.hasPrefix("/"), let catalogURL = try? ArchiveEditor.contained(uri, in: root),
                FileManager.default.fileExists(atPath: catalogURL.path)
            else {
                throw ImportError(.invalidRequest, "The XAR has no catalog \(uri) (resource URIs must be relative to the session)")
            }
            let catalog = try CatalogDocument(xml: Data(contentsOf: catalogURL))
            let catalogFolder = catalogURL.deletingLastPathComponent()
            for entry in catalog.entries {
                guard let file = try? ArchiveEditor.contained(entry.uri, in: catalogFolder),
                    file.path.hasPrefix(root.standardizedFileURL.path + "/"),
                    FileManager.default.fileExists(atPath: file.path)
                else {
                    throw ImportError(.invalidRequest, "The XAR has no file \(entry.uri) listed in \(uri)")
                }
                if let digest = entry.digest, !digest.isEmpty, try FileDigest.md5(of: file).digest != digest.lowercased() {
                    throw ImportError(.invalidRequest, "The file \(entry.uri) of \(uri) does not match its digest")
                }
            }
        }
    }
}

extension ArchiveEditor {
    /// Whether `url` is a folder (links are not followed).
    static func isFolder(_ url: URL) -> Bool {
        (try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])).map {
            $0.isDirectory == true && $0.isSymbolicLink != true
        } ?? false
    }
}

import Foundation
import Unpacking

extension XARImporter {
    /// Unpacks the XAR into `folder` and finds its session document; answers the root, the document's file and the
    /// document, after checking every resource the document names. Blocking IO.
    static func unpack(_ file: URL, into folder: URL) throws -> (URL, URL, SessionDocument) {
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
        var otherKinds: Set<String> = []
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        where name.lowercased().hasSuffix(".xml") {
            let url = root.appendingPathComponent(name, isDirectory: false)
            guard !ArchiveEditor.isFolder(url) else { continue }
            do {
                sessions.append((url, try SessionDocument(xml: Data(contentsOf: url))))
            } catch let error as XMLDocumentError {
                if case .unexpectedRoot(_, let element) = error.kind { otherKinds.insert(element) }
            }
        }
        guard !sessions.isEmpty || !otherKinds.isEmpty else {
            throw ImportError(.invalidRequest, "Unable to locate XNAT xml document.")
        }
        guard otherKinds.isEmpty || sessions.isEmpty else {
            throw ImportError(
                .invalidRequest,
                "Multiple data types cannot share a single XAR.  Please separate files into separate XARs"
            )
        }
        guard let (documentURL, document) = sessions.first else {
            throw ImportError(
                .notImplemented,
                "Sluice imports image session XARs only; this XAR holds \(otherKinds.sorted().joined(separator: ", "))"
            )
        }
        guard sessions.count == 1 else {
            throw ImportError(.invalidRequest, "XAR can only include data for one imaging session.")
        }
        try checkResources(of: document, in: root)
        return (root, documentURL, document)
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

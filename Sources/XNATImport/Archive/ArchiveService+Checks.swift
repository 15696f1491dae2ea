import Foundation

extension ArchiveService {
    /// The session-level conflict rules against an archived session (`xnat-import-spec.md` §6.3); each failure is
    /// a 409 with XNAT's message.
    func checkMerge(
        _ incoming: SessionDocument,
        into existing: ArchivedExperiment,
        document: SessionDocument,
        subject: ArchivedSubject?,
        label: String,
        options: ArchiveOptions
    ) throws(ImportError) {
        guard options.allowSessionMerge else {
            throw ImportError(.conflict, "Session already exists, retry with overwrite enabled")
        }
        if preventsCrossModalityMerge, existing.dataType != incoming.dataType.rawValue {
            throw ImportError(
                .conflict,
                "Invalid modification of session modality via archive process.  Data may require a manual merge."
            )
        }
        if subject?.id != existing.subjectID {
            throw ImportError(
                .conflict,
                "Invalid modification of session subject via archive process.: \(label) Already Exists for another "
                    + "Subject"
            )
        }
        if !options.overrideExceptions, let old = document.uid, let new = incoming.uid, !old.isEmpty, !new.isEmpty,
            old != new
        {
            throw ImportError(.conflict, "Invalid modification of session UID via archive process.")
        }
    }

    /// Scan-ID corrections for merging `incoming` into `existing` (§6.3), incoming ID → archived ID.
    static func scanRenames(
        incoming: SessionDocument,
        existing: SessionDocument,
        options: ArchiveOptions
    ) throws(ImportError) -> [String: String] {
        do {
            let renames = try ScanIDCorrection.plan(
                existing: existing.scans.map { ScanIDCorrection.ExistingScan(id: $0.id, uid: $0.uid) },
                incoming: incoming.scans.map {
                    ScanIDCorrection.IncomingScan(id: $0.id, uid: $0.uid, xsiType: $0.dataType.rawValue)
                },
                allowSessionMerge: options.allowSessionMerge,
                overrideExceptions: options.overrideExceptions
            )
            return Dictionary(renames.map { ($0.from, $0.to) }, uniquingKeysWith: { _, last in last })
        } catch {
            throw ImportError(.conflict, error.description)
        }
    }

    /// DICOM content checks before archiving (§6.2 step 10), skipped when exceptions are overridden: every file in
    /// a scan's resource folders is in its catalog, every entry of a DICOM catalog has a SOPInstanceUID, and no
    /// catalog lists one SOPInstanceUID twice. Blocking IO (lists the resource folders).
    static func validate(_ contents: SessionContents, folder: URL) throws(ImportError) {
        for scan in contents.document.scans {
            var strays = 0
            for resource in scan.resources {
                guard let catalog = contents.catalogs[resource.uri] else { continue }
                let listed = Set(catalog.entries.map(\.uri))
                let resourceFolder = folder.appendingPathComponent(ArchiveMerge.folder(of: resource.uri), isDirectory: true)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: resourceFolder.path)) ?? []
                let catalogName = String(resource.uri.split(separator: "/").last ?? "")
                strays += names.filter { !$0.hasPrefix(".") && $0 != catalogName && !listed.contains($0) }.count
                if catalog.kind == .dicom {
                    strays += catalog.entries.filter { ($0.uid ?? "").isEmpty }.count
                }
            }
            guard strays == 0 else {
                throw ImportError(
                    .invalidRequest,
                    "Scan \(scan.id) has \(strays) non-DICOM (or non-parsable DICOM) files"
                )
            }
        }
        for (uri, catalog) in contents.catalogs.sorted(by: { $0.key < $1.key }) {
            let duplicates = catalog.duplicateSOPInstanceUIDs
            guard duplicates.isEmpty else {
                throw ImportError(
                    .invalidRequest,
                    "\(uri): catalog contains duplicated SOP instance UIDs: \(duplicates.joined(separator: ", "))"
                )
            }
        }
    }
}

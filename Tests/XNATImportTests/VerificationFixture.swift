import DICOM
import Foundation
import TestSupport
import XNATImport

/// A small data folder that verifies clean: one READY prearchive session (4 files) and one archived session
/// (20 files in two series), built by the session builder so their catalogs carry MD5 digests.
struct VerificationFixture {
    let directory: TemporaryDirectory
    let layout: DataFolderLayout
    let prearchiveKey: PrearchiveSessionKey
    var records: VerificationRecords

    var prearchive: PrearchiveLayout { PrearchiveLayout(dataFolders: layout) }
    var prearchiveFolder: URL { prearchive.sessionFolder(of: prearchiveKey) }
    var archiveFolder: URL { layout.archive.appendingPathComponent("P/arc001/S2", isDirectory: true) }

    init() throws {
        directory = try TemporaryDirectory(prefix: "sluice-verify")
        layout = DataFolderLayout(root: directory.url.appendingPathComponent("data", isDirectory: true))
        try layout.create()
        guard let timestamp = PrearchiveTimestamp(rawValue: "20240101_120000123") else { throw FixtureError() }
        prearchiveKey = try PrearchiveSessionKey(project: "P", timestamp: timestamp, folderName: "S1")
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        records = VerificationRecords(
            prearchiveSessions: [PrearchiveSession(key: prearchiveKey, name: "S1", status: .ready, lastModified: now)],
            experiments: [
                ArchivedExperiment(
                    id: "SLUICE_E00001",
                    project: "P",
                    subjectID: "SLUICE_S00001",
                    label: "S2",
                    dataType: "xnat:mrSessionData",
                    isQuarantined: false,
                    createdAt: now,
                    lastModified: now
                )
            ]
        )
        try writeSeries(in: prearchiveFolder, study: "1.2.826.0.1.3680043.8.498.1", series: [("1", 4)])
        _ = try PrearchiveSessionBuilder.build(
            sessionFolder: prearchiveFolder,
            documentURL: prearchive.sessionDocument(of: prearchiveKey),
            constants: SessionBuildConstants(project: "P", label: "S1", subjectID: "SUBJ")
        )
        try writeSeries(in: archiveFolder, study: "1.2.826.0.1.3680043.8.498.2", series: [("1", 12), ("2", 8)])
        let document = archiveFolder.appendingPathComponent("S2.xml")
        var built = try PrearchiveSessionBuilder.build(
            sessionFolder: archiveFolder,
            documentURL: document,
            constants: SessionBuildConstants(project: "P", label: "S2", subjectID: "SLUICE_S00001")
        )
        built.id = "SLUICE_E00001"
        built.prearchivePath = nil
        try built.xmlData().write(to: document)
    }

    /// The catalogued DICOM files of both sessions.
    var dataFiles: [URL] {
        [prearchiveFolder, archiveFolder].flatMap { folder in
            (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
                .filter { $0.pathExtension == "dcm" }
        }.sorted { $0.path < $1.path }
    }

    func verify() -> VerificationReport {
        DataFolderVerifier(layout: layout).verify(records)
    }

    /// `url` relative to the data folder, as findings name it.
    func relative(_ url: URL) -> String {
        String(url.standardizedFileURL.path.dropFirst(layout.root.path.count + 1))
    }

    private func writeSeries(in folder: URL, study: String, series: [(number: String, count: Int)]) throws {
        for (number, count) in series {
            let resource = folder.appendingPathComponent("SCANS/\(number)/DICOM", isDirectory: true)
            try FileManager.default.createDirectory(at: resource, withIntermediateDirectories: true)
            for instance in 1...count {
                var builder = DICOMFileBuilder.seriesInstance(
                    studyUID: study,
                    seriesUID: study + "." + number,
                    seriesNumber: number,
                    instanceUID: study + "." + number + "." + String(instance),
                    instanceNumber: String(instance)
                )
                builder.setPixelData(count: 64 + instance)
                try Data(builder.file()).write(to: resource.appendingPathComponent("\(instance).dcm"))
            }
        }
    }

    struct FixtureError: Error {}
}

import DICOM
import ECAT
import Foundation
import Unpacking

/// What an SI upload holds once unpacked: DICOM objects and ECAT files, each with the name it keeps.
struct SessionImportContents: Sendable {
    /// One ECAT file and its main header.
    struct ECATUpload: Sendable {
        var file: URL
        var name: String
        var header: ECATMainHeader
    }

    /// Readable DICOM objects (header read, SOP UIDs present), with their stored names.
    var dicom: [(object: IncomingObject, name: String)] = []
    /// Readable ECAT 7 files.
    var ecat: [ECATUpload] = []
    /// `<name>: <reason>` for each file that was neither.
    var skipped: [String] = []
}

extension SessionImporter {
    /// Unpacks the upload if it is a zip, tar, `.tar.gz` or gzip file (told by its bytes, as DICOM-zip does) into
    /// `folder`; any other upload is one file, taken as it is. Every file is then read as ECAT 7 (if it starts with
    /// `MATRIX7`) or DICOM; files that are neither are skipped, as XNAT's SI restructurer does (§2.3).
    func readUpload(_ upload: ImportUpload, into folder: URL) async throws -> SessionImportContents {
        let limits = service.extractionLimits
        let files: [(url: URL, name: String)]
        do {
            let result = try await BlockingWork.run {
                try ArchiveExtractor(limits: limits).extract(upload: upload.file, into: folder)
            }
            files = result.files.map { file in
                let name = file.entryPath.split(separator: "/").last.map(String.init) ?? file.entryPath
                return (folder.appendingPathComponent(file.path, isDirectory: false), name)
            }
        } catch let error as UnpackError where error.kind == .notAnArchive {
            files = [(upload.file, upload.clientFileName ?? "upload")]
        } catch let error as UnpackError {
            throw ImportService.importError(error, upload: upload)
        }
        return try await BlockingWork.run {
            var contents = SessionImportContents()
            for (url, clientName) in files {
                let name = Self.storedName(clientName)
                if ECATFileReading.isECAT7(url) {
                    do {
                        let file = try ECATFileReading.readHeaders(url)
                        if let problem = Self.dataProblem(file) {
                            contents.skipped.append("\(clientName): not readable as ECAT 7 (\(problem))")
                            continue
                        }
                        contents.ecat.append(.init(file: url, name: name, header: file.mainHeader))
                    } catch let error as ECATParseError {
                        contents.skipped.append("\(clientName): not readable as ECAT 7 (\(error))")
                    }
                    continue
                }
                do {
                    let object = try IncomingObject.read(file: url, clientName: clientName, displayName: clientName)
                    contents.dicom.append((object, name))
                } catch let error as ImportError where error.kind != .serverFailure {
                    contents.skipped.append("\(clientName): \(error.message)")
                }
            }
            return contents
        }
    }

    /// Why a matrix's directory entry cannot be right, if it cannot: its blocks (subheader at `startBlock`, pixels
    /// up to `endBlock`) run backwards. Pixel data is never read and its end is not checked against the file's size:
    /// ECAT files are stored as sent, as XNAT stores them (nibabel's own test file `tinypet.v` is cut short).
    static func dataProblem(_ file: ECATFile) -> String? {
        for (index, matrix) in file.matrices.enumerated() where matrix.entry.endBlock < matrix.entry.startBlock {
            return "matrix \(index + 1) ends at block \(matrix.entry.endBlock), before it starts at block "
                + "\(matrix.entry.startBlock)"
        }
        return nil
    }

    /// The name a file keeps in the session: the client's last path component as it is (SI never renames), made
    /// safe to be one file name: characters outside `[A-Za-z0-9_.-]` are replaced only when the name could not be
    /// a file name otherwise (a `/`, `\`, control character, or `.`/`..`), and a leading `.` becomes `_` so the
    /// file is not hidden from the session build.
    static func storedName(_ clientName: String) -> String {
        var name = clientName
        let isSafe =
            !name.isEmpty && name != "." && name != ".." && name.utf8.count <= 255
            && !name.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
        if !isSafe { name = String(LabelSanitizer.sanitize(name, allowing: .fileName).suffix(200)) }
        if name.hasPrefix(".") { name = "_" + name.dropFirst() }
        return name.isEmpty ? "upload" : name
    }
}

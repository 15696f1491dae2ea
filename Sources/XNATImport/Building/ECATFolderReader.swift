import ECAT
import Foundation

/// One ECAT 7 file of a prearchive session folder, as the PET session build sees it (`xnat-import-spec.md` §12).
package struct ECATSessionFile: Sendable, Equatable {
    /// The path relative to the session folder: `SCANS/1/ECAT/frames.v`.
    package var relativePath: String
    /// The scan folder it is in: `1`.
    package var scanFolder: String
    /// The file name: `frames.v`.
    package var fileName: String
    /// Main header, matrix directory and subheaders.
    package var ecat: ECATFile
    /// The file's size in bytes.
    package var size: Int64
    /// The MD5 of the whole file, lowercase hex.
    package var md5: String

    /// Describes a file.
    package init(relativePath: String, scanFolder: String, fileName: String, ecat: ECATFile, size: Int64, md5: String) {
        self.relativePath = relativePath
        self.scanFolder = scanFolder
        self.fileName = fileName
        self.ecat = ecat
        self.size = size
        self.md5 = md5
    }
}

/// Reads the ECAT files of a prearchive session folder: every regular file directly in `SCANS/<scan>/ECAT/`
/// except hidden ones (names starting with `.`) and catalogs (`scan_*_catalog.xml` that are not ECAT files), and
/// tells whether the folder holds DICOM files too (anything in `SCANS/<scan>/DICOM` or `…/secondary`), in which
/// case the DICOM build has the folder. Links are neither followed nor read. Blocking file IO.
enum ECATFolderReader {
    /// The name of the ECAT resource folder and label.
    static let resourceName = "ECAT"

    struct Contents {
        /// Readable ECAT files, in path order.
        var files: [ECATSessionFile] = []
        /// `<relative path>: <reason>` for each file in an ECAT folder that is not readable ECAT 7.
        var warnings: [String] = []
        /// Paths of the files skipped as unreadable: a plan must not move files onto them.
        var skippedPaths: Set<String> = []
        /// Paths of catalogs found in ECAT folders.
        var catalogPaths: Set<String> = []
        /// Every folder name under `SCANS`.
        var scanFolders: [String] = []
        /// Whether any file sits in a `DICOM` or `secondary` resource folder.
        var holdsDICOM = false

        /// Whether there is anything for the PET build: ECAT files and no DICOM.
        var isECATSession: Bool { !holdsDICOM && !(files.isEmpty && skippedPaths.isEmpty) }
    }

    static func scan(sessionFolder: URL) throws -> Contents {
        let root = sessionFolder.standardizedFileURL.path
        var contents = Contents()
        let scans = PrearchiveLayout.scansFolderName
        for scanFolder in try SessionFolderReader.entries(of: root + "/" + scans)
        where !SessionFolderReader.isHidden(scanFolder)
            && SessionFolderReader.kind(of: root + "/" + scans + "/" + scanFolder) == .folder
        {
            contents.scanFolders.append(scanFolder)
            for label in ScanResource.allCases where !contents.holdsDICOM {
                contents.holdsDICOM = try holdsFiles(root + "/" + scans + "/" + scanFolder + "/" + label.rawValue)
            }
            let folder = scans + "/" + scanFolder + "/" + resourceName
            for name in try SessionFolderReader.entries(of: root + "/" + folder)
            where !SessionFolderReader.isHidden(name) {
                let path = folder + "/" + name
                let url = URL(fileURLWithPath: root + "/" + path, isDirectory: false)
                guard SessionFolderReader.kind(of: url.path) == .file else { continue }
                let isECAT = ECATFileReading.isECAT7(url)
                if SessionFolderReader.isCatalog(name), !isECAT {
                    contents.catalogPaths.insert(path)
                    continue
                }
                do {
                    let ecat = try ECATFileReading.readHeaders(url)
                    let digest = try ECATFileReading.digest(url)
                    contents.files.append(
                        ECATSessionFile(
                            relativePath: path,
                            scanFolder: scanFolder,
                            fileName: name,
                            ecat: ecat,
                            size: digest.size,
                            md5: digest.md5
                        )
                    )
                } catch let error as ECATParseError {
                    contents.warnings.append("\(path): not readable as ECAT 7 (\(error))")
                    contents.skippedPaths.insert(path)
                }
            }
        }
        contents.files.sort { $0.relativePath < $1.relativePath }
        contents.warnings.sort()
        return contents
    }

    /// Whether the folder at `path` (sub-folders included) holds a regular file that is not hidden or a catalog.
    private static func holdsFiles(_ path: String) throws(StorageError) -> Bool {
        for name in try SessionFolderReader.entries(of: path) where !SessionFolderReader.isHidden(name) {
            switch SessionFolderReader.kind(of: path + "/" + name) {
            case .file where !SessionFolderReader.isCatalog(name): return true
            case .folder: if try holdsFiles(path + "/" + name) { return true }
            default: continue
            }
        }
        return false
    }
}

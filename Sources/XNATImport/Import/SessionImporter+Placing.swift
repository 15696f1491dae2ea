import Foundation

/// Puts the files of an SI session into its prearchive folder (`xnat-import-spec.md` §2.3, §12): DICOM files to
/// `SCANS/<series dir>/DICOM/<name>`, each ECAT file to its own `SCANS/<n>/ECAT/<name>` with `n` counting on from
/// the highest numeric scan folder (1 in a new session). Files keep their names; a second file of the same name
/// in one folder becomes `name_1.ext`, `name_2.ext`, … Blocking file IO.
enum ImportedFilePlacement {
    /// What to do with a file whose path the session already had before this upload.
    enum Existing {
        /// Give the new file a free name (`_1`, …).
        case rename
        /// Replace the old file.
        case replace
        /// Refuse the whole upload: 409 "Session already exists with matching files."
        case refuse
    }

    /// Renames every file into place and answers the files that did not exist before. Clashes are found before
    /// anything moves; on a failure while moving, the new files are deleted again before the error is thrown.
    static func place(_ session: ImportedSession, in sessionFolder: URL, existing: Existing) throws -> [URL] {
        let root = sessionFolder.standardizedFileURL
        func onDisk(_ relative: String) -> Bool {
            SessionFolderReader.kind(of: root.path + "/" + relative) != .missing
        }
        let scans = PrearchiveLayout.scansFolderName
        var nextScan =
            (try SessionFolderReader.entries(of: root.path + "/" + scans).compactMap { Int($0) }.max() ?? 0) + 1
        var planned: Set<String> = []
        var moves: [(source: URL, relative: String)] = []
        for file in session.files {
            let folder: String
            switch session.format {
            case .dicom:
                folder =
                    scans + "/" + (file.scanDirectory ?? DefaultLabel.scanDirectory.rawValue) + "/"
                    + ScanResource.primary.rawValue
            case .ecat:
                while onDisk(scans + "/" + String(nextScan)) { nextScan += 1 }
                folder = scans + "/" + String(nextScan) + "/" + ECATSessionBuilder.resourceLabel
                nextScan += 1
            }
            var name = file.name
            let path = folder + "/" + name
            if planned.contains(path) || (existing == .rename && onDisk(path)) {
                name = uniqueName(name) { planned.contains(folder + "/" + $0) || onDisk(folder + "/" + $0) }
            } else if existing == .refuse, onDisk(path) {
                throw ImportError(.conflict, "Session already exists with matching files.")
            }
            planned.insert(folder + "/" + name)
            moves.append((file.file, folder + "/" + name))
        }
        var added: [URL] = []
        do {
            for move in moves {
                let target = root.appendingPathComponent(move.relative, isDirectory: false)
                let isNew = !onDisk(move.relative)
                try AtomicFile.move(move.source, to: target)
                if isNew { added.append(target) }
            }
        } catch {
            for file in added { try? FileManager.default.removeItem(at: file) }
            throw error
        }
        return added
    }

    /// `name`, or `name` with `_1`, `_2`, … before its extension, whichever `isTaken` says is free first.
    static func uniqueName(_ name: String, isTaken: (String) -> Bool) -> String {
        guard isTaken(name) else { return name }
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        let stem = dot.map { String(name[..<$0]) } ?? name
        let suffix = dot.map { String(name[$0...]) } ?? ""
        var counter = 1
        while isTaken(stem + "_" + String(counter) + suffix) { counter += 1 }
        return stem + "_" + String(counter) + suffix
    }

    /// Whether any `SCANS/<scan>/<label>` folder of the session holds a file. Blocking IO.
    static func holdsResource(_ label: String, in sessionFolder: URL) -> Bool {
        let root = sessionFolder.standardizedFileURL.path + "/" + PrearchiveLayout.scansFolderName
        for scan in (try? SessionFolderReader.entries(of: root)) ?? [] {
            let names = (try? SessionFolderReader.entries(of: root + "/" + scan + "/" + label)) ?? []
            if names.contains(where: { !SessionFolderReader.isHidden($0) }) { return true }
        }
        return false
    }
}

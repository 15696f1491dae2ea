import Foundation
import Testing
import XNATImport

@Suite struct DataFolderLayoutTests {
    private func temporaryRoot() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sluice-layout-\(UUID().uuidString)")
    }

    @Test func pathsAreUnderTheRoot() {
        let layout = DataFolderLayout(root: URL(fileURLWithPath: "/srv/sluice"))
        #expect(layout.prearchive.path == "/srv/sluice/prearchive")
        #expect(layout.archive.path == "/srv/sluice/archive")
        #expect(layout.cache.path == "/srv/sluice/cache")
        #expect(layout.inbox.path == "/srv/sluice/inbox")
        #expect(layout.staging.path == "/srv/sluice/staging")
        #expect(layout.metadataDatabase.path == "/srv/sluice/sluice.sqlite")
    }

    @Test func createMakesEveryFolderAndIsRepeatable() throws {
        let root = temporaryRoot().appendingPathComponent("nested/data")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent().deletingLastPathComponent()) }
        let layout = DataFolderLayout(root: root)
        try layout.create()
        let marker = layout.archive.appendingPathComponent("keep.txt")
        try Data("kept".utf8).write(to: marker)
        try layout.create()
        for folder in layout.folders {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory))
            #expect(isDirectory.boolValue)
        }
        #expect(try String(contentsOf: marker, encoding: .utf8) == "kept")
    }

    @Test func createFailsWhenTheRootIsAFile() throws {
        let file = temporaryRoot()
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let error = #expect(throws: DataFolderError.self) { try DataFolderLayout(root: file).create() }
        #expect(error?.description.hasPrefix("cannot create data folder \(file.standardizedFileURL.path)") == true)
    }

    @Test func storageConfigurationUsesItsDataDirectory() {
        let storage = StorageConfiguration(dataDirectory: URL(fileURLWithPath: "/data/x"))
        #expect(storage.layout == DataFolderLayout(root: URL(fileURLWithPath: "/data/x")))
    }
}

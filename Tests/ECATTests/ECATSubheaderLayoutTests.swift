import ECAT
import TestSupport
import Testing

@Suite struct ECATSubheaderLayoutTests {
    /// File types whose subheaders carry frame times, and the layout the reader should pick.
    @Test(arguments: [
        (UInt16(1), "scan_2d"), (2, "image"), (6, "image"), (7, "image"), (10, "image"),
        (11, "scan_3d"), (12, "scan_3d"), (14, "scan_3d"), (5, "polar_map"),
    ])
    func readsFrameTimesOfEveryTimedLayout(fileType: UInt16, layout: String) throws {
        let built = ECATFileBuilder(fileType: fileType, frames: 3).buildWithLayout()
        let file = try ECATReader.read(built.bytes)
        #expect(file.matrices.count == 3)
        #expect(file.matrices.map(\.subheader.layoutName) == Array(repeating: layout, count: 3))
        #expect(file.matrices.map(\.subheader.frameStartTime) == [0, 60_000, 120_000])
        #expect(file.matrices.map(\.subheader.frameDuration) == [60_000, 60_000, 60_000])
        #expect(value("frame_start_time", in: file.matrices[2].subheader.fields) == .integer(120_000))
        #expect(value("data_type", in: file.matrices[0].subheader.fields) == .integer(6))
    }

    @Test(arguments: [(UInt16(3), "attenuation"), (4, "normalization_2d"), (13, "normalization_3d")])
    func readsUntimedLayouts(fileType: UInt16, layout: String) throws {
        let file = try ECATReader.read(ECATFileBuilder(fileType: fileType, frames: 2).build())
        #expect(file.matrices.map(\.subheader.layoutName) == [layout, layout])
        #expect(file.matrices[0].subheader.frameStartTime == nil)
        #expect(file.matrices[0].subheader.frameDuration == nil)
        #expect(value("data_type", in: file.matrices[0].subheader.fields) == .integer(5))
    }

    @Test func readsLayoutSpecificFields() throws {
        let attenuation = try ECATReader.read(ECATFileBuilder(fileType: 3).build())
        #expect(value("attenuation_coeff", in: attenuation.matrices[0].subheader.fields) == .real(0.096))
        let norm2D = try ECATReader.read(ECATFileBuilder(fileType: 4).build())
        #expect(value("fov_source_width", in: norm2D.matrices[0].subheader.fields) == .real(3.5))
        let norm3D = try ECATReader.read(ECATFileBuilder(fileType: 13).build())
        let norm3DFields = norm3D.matrices[0].subheader.fields
        #expect(value("uld", in: norm3DFields) == .integer(650))
        #expect(value("lld", in: norm3DFields) == .integer(350))
        #expect(value("max_ring_diff", in: norm3DFields) == .integer(7))
        let polar = try ECATReader.read(ECATFileBuilder(fileType: 5).build())
        #expect(value("polar_map_protocol", in: polar.matrices[0].subheader.fields) == .text("PM protocol"))
    }

    @Test func readsTheSecondBlockOfA3DScanSubheader() throws {
        let built = ECATFileBuilder(fileType: 11, frames: 2).buildWithLayout()
        #expect(built.subheaderOffsets == [1024, 2560])  // two subheader blocks + one data block each
        let file = try ECATReader.read(built.bytes)
        let fields = file.matrices[1].subheader.fields
        #expect(value("prompts", in: fields) == .integer(123_456))
        #expect(value("axial_compression", in: fields) == .integer(11))
        guard case .reals(let singles) = value("uncor_singles", in: fields) else {
            Issue.record("uncor_singles missing")
            return
        }
        #expect(singles.count == 128)
        #expect(singles[127] == 2.5)
        guard case .integers(let zElements) = value("num_z_elements", in: fields) else {
            Issue.record("num_z_elements missing")
            return
        }
        #expect(zElements.count == 64)
    }

    /// Unknown layouts: the matrices are listed, their subheaders are not read (so the file may
    /// even end right after the directory).
    @Test(arguments: [UInt16(0), 8, 9, 15, 0xFFFF])
    func listsMatricesOfUnsupportedFileTypes(fileType: UInt16) throws {
        let built = ECATFileBuilder(fileType: fileType, frames: 2).buildWithLayout()
        let file = try ECATReader.read(built.bytes.prefix(1024))
        #expect(file.matrices.count == 2)
        #expect(file.matrices.map(\.subheader) == [.unsupported(fileType: fileType), .unsupported(fileType: fileType)])
        #expect(file.matrices[0].subheader.layoutName == "unsupported")
        #expect(file.matrices[0].subheader.fields.isEmpty)
        #expect(file.matrices[0].subheader.frameStartTime == nil)
    }
}

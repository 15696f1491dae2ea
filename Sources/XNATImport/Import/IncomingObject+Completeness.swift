import DICOM
import Foundation

extension IncomingObject {
    /// Refuses an object that was damaged rather than merely unusual: one whose header read had to repair a
    /// truncation, a length that runs past its container, an odd length on a fixed-size binary value, invalid VR
    /// bytes, a misplaced delimiter, or bytes after the last element that are too few to be one (what XNAT's dcm4che
    /// fails on), or whose file ends inside the element the header read stopped before. Repairs of real-world quirks
    /// pass: odd lengths on text values, duplicate or unordered elements, a missing or wrong file meta group length or
    /// transfer syntax.
    static func checkIntact(_ file: URL, parsed: DICOMFile, displayName: String) throws(ImportError) {
        for repair in parsed.repairs where isDamage(repair, in: parsed.dataSet) {
            throw ImportError.unreadableObject(displayName, reason: repair.description)
        }
        try checkComplete(file, parsed: parsed, displayName: displayName)
    }

    private static func isDamage(_ repair: ParseRepair, in dataSet: DataSet) -> Bool {
        switch repair.kind {
        case .invalidLength?:
            guard repair.message.hasPrefix("odd value length") else { return true }
            let fixedSize: Set<VR> = [.AT, .FD, .FL, .SL, .SS, .SV, .UL, .US, .UV]
            return repair.tag.flatMap { dataSet[$0]?.vr }.map(fixedSize.contains) ?? false
        case .truncated?, .invalidVR?, .unexpectedTag?, .unexpectedUndefinedLength?:
            return true
        default:
            return false
        }
    }

    /// Refuses an object whose file ends inside the element its header read stopped before (the pixel data): a
    /// header-only read never looks there, so without this check a truncated upload would be stored as if whole.
    ///
    /// The element's declared length must fit in the file; an undefined length (encapsulated pixel data) is
    /// followed item by item to its sequence delimiter. Deflated data sets, whose offsets are not the file's, and
    /// items of undefined length are not checked. Reads a few bytes per fragment, never the values.
    private static func checkComplete(_ file: URL, parsed: DICOMFile, displayName: String) throws(ImportError) {
        guard let start = parsed.stoppedAtOffset, !parsed.transferSyntax.isDeflated else { return }
        let truncated = ImportError.unreadableObject(
            displayName,
            reason: "the file ends inside \(parsed.stoppedAt.map { "element \($0)" } ?? "the pixel data") (truncated)"
        )
        guard let handle = try? FileHandle(forReadingFrom: file) else { return }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return }
        let fileSize = Int(clamping: size)
        func bytes(at offset: Int, _ count: Int) -> [UInt8]? {
            guard offset >= 0, offset + count <= fileSize else { return nil }
            guard (try? handle.seek(toOffset: UInt64(offset))) != nil,
                let data = try? handle.read(upToCount: count), data.count == count
            else { return nil }
            return Array(data)
        }
        let syntax = parsed.transferSyntax
        func integer(_ raw: ArraySlice<UInt8>) -> UInt32 {
            let values = raw.map(UInt32.init)
            return syntax.isLittleEndian
                ? values.reversed().reduce(0) { $0 << 8 | $1 } : values.reduce(0) { $0 << 8 | $1 }
        }
        // The element's header: tag, then (explicit VR) VR and a 2- or 4-byte length, or (implicit) a 4-byte length.
        guard let head = bytes(at: start, 8) else { throw truncated }
        var valueStart = start + 8
        var length = integer(head[4..<8])
        if syntax.isExplicitVR {
            let vr = String(decoding: head[4..<6], as: UTF8.self)
            if ["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"].contains(vr) {
                guard let long = bytes(at: start + 8, 4) else { throw truncated }
                length = integer(long[...])
                valueStart = start + 12
            } else {
                length = integer(head[6..<8])
            }
        }
        guard length == 0xFFFF_FFFF else {
            if valueStart + Int(length) > fileSize { throw truncated }
            return
        }
        // Undefined length: items (FFFE,E000) with their lengths, up to the delimiter (FFFE,E0DD).
        var offset = valueStart
        while true {
            guard let item = bytes(at: offset, 8) else { throw truncated }
            let group = integer(item[0..<2]), element = integer(item[2..<4]), itemLength = integer(item[4..<8])
            guard group == 0xFFFE else {
                throw ImportError.unreadableObject(
                    displayName,
                    reason: "an item of the encapsulated pixel data is malformed"
                )
            }
            if element == 0xE0DD { return }
            guard element == 0xE000, itemLength != 0xFFFF_FFFF else { return }
            offset += 8 + Int(itemLength)
            if offset > fileSize { throw truncated }
        }
    }
}

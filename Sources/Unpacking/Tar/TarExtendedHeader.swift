/// The records of a pax extended header that change how the next entry is read (POSIX.1-2008 `pax`,
/// "pax Extended Header File Format": each record is `"<length> <keyword>=<value>\n"`, the length counting the
/// whole record in decimal).
struct TarExtendedHeader: Equatable {
    /// The `path` record: the entry's full name, overriding the header's.
    var path: String?
    /// The `linkpath` record: a link's target.
    var linkPath: String?
    /// The `size` record: the data size, for files of 8 GiB and more.
    var size: Int64?
    /// Any `GNU.sparse.*` record: the data is a GNU sparse map, not the file's bytes.
    var isSparse = false

    /// An empty header (no overrides).
    init() {}

    /// Parses the data of a pax `x` header; `nil` when a record is malformed.
    init?(records data: [UInt8]) {
        var start = 0
        while start < data.count {
            if data[start...].allSatisfy({ $0 == 0 }) {
                break  // some writers pad the records with NULs
            }
            guard let record = Self.record(in: data, at: start) else {
                return nil
            }
            start = record.end
            let keyword = String(decoding: record.keyword, as: UTF8.self)
            let value = String(decoding: record.value, as: UTF8.self)
            switch keyword {
            case "path":
                path = value.isEmpty ? nil : value
            case "linkpath":
                linkPath = value.isEmpty ? nil : value
            case "size":
                guard let size = Self.decimal(record.value) else {
                    return nil
                }
                self.size = size
            case _ where keyword.hasPrefix("GNU.sparse."):
                isSparse = true
            default:
                break  // times, owners, charset, …: nothing Sluice uses
            }
        }
    }

    /// The record that starts at `start`: its keyword, its value and the index just past it.
    private static func record(
        in data: [UInt8],
        at start: Int
    ) -> (keyword: ArraySlice<UInt8>, value: ArraySlice<UInt8>, end: Int)? {
        guard let space = data[start...].prefix(20).firstIndex(of: 0x20),
            let length = decimal(data[start..<space]),
            length > space - start + 1,
            length <= data.count - start
        else {
            return nil
        }
        let end = start + Int(length)
        guard data[end - 1] == UInt8(ascii: "\n"),
            let equals = data[(space + 1)..<(end - 1)].firstIndex(of: UInt8(ascii: "="))
        else {
            return nil
        }
        return (data[(space + 1)..<equals], data[(equals + 1)..<(end - 1)], end)
    }

    /// A non-negative decimal number of at most 18 digits (so it fits in `Int64`).
    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty, digits.count <= 18,
            digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else {
            return nil
        }
        return digits.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
    }
}

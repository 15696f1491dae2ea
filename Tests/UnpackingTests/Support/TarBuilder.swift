/// Builds tar archives byte by byte, for tests: ustar and GNU headers, pax and GNU long-name headers, base-256
/// sizes, any type flag.
struct TarBuilder {
    private(set) var bytes: [UInt8] = []

    /// How the header's magic and prefix field are written.
    enum Style {
        /// POSIX `ustar\0` + `00`, with the prefix field used.
        case posix
        /// GNU `ustar  \0`.
        case gnu
    }

    /// A regular file.
    mutating func file(_ name: String, _ data: [UInt8], style: Style = .posix) {
        entry(name, type: "0", data: data, style: style)
    }

    /// A regular file with a text body.
    mutating func file(_ name: String, text: String) {
        file(name, Array(text.utf8))
    }

    /// A folder.
    mutating func folder(_ name: String) {
        entry(name, type: "5")
    }

    /// Any entry: header, data, zero padding to a whole block.
    mutating func entry(
        _ name: String,
        type: Character,
        data: [UInt8] = [],
        linkName: String = "",
        prefix: String = "",
        style: Style = .posix,
        sizeField: [UInt8]? = nil
    ) {
        bytes += Self.header(
            name: name,
            type: type,
            size: data.count,
            linkName: linkName,
            prefix: prefix,
            style: style,
            sizeField: sizeField
        )
        append(data)
    }

    /// A pax `x` header carrying `records`, applied to the next entry.
    mutating func pax(_ records: [(String, String)]) {
        var data: [UInt8] = []
        for (keyword, value) in records {
            let body = " \(keyword)=\(value)\n"
            var length = body.utf8.count + 1
            while String(length).count + body.utf8.count != length {
                length += 1
            }
            data += Array("\(length)\(body)".utf8)
        }
        entry("PaxHeaders/x", type: "x", data: data)
    }

    /// A GNU `././@LongLink` header: type `L` (name) or `K` (link name) for the next entry.
    mutating func gnuLongName(_ name: String, type: Character = "L") {
        entry("././@LongLink", type: type, data: Array(name.utf8) + [0], style: .gnu)
    }

    /// The two zero blocks that end an archive.
    mutating func end() {
        bytes += [UInt8](repeating: 0, count: 1024)
    }

    /// Raw bytes (for damaged archives).
    mutating func append(_ data: [UInt8]) {
        bytes += data
        bytes += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    /// One 512-byte header with a correct checksum.
    static func header(
        name: String,
        type: Character,
        size: Int,
        linkName: String = "",
        prefix: String = "",
        style: Style = .posix,
        sizeField: [UInt8]? = nil
    ) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, length: Int) {
            block.replaceSubrange(offset..<offset + length, with: [UInt8](repeating: 0, count: length))
            let utf8 = Array(text.utf8.prefix(length))
            block.replaceSubrange(offset..<offset + utf8.count, with: utf8)
        }
        put(name, at: 0, length: 100)
        put("0000644", at: 100, length: 8)
        put("0001750", at: 108, length: 8)
        put("0001750", at: 116, length: 8)
        if let sizeField {
            block.replaceSubrange(124..<136, with: sizeField)
        } else {
            put(octal(size, digits: 11), at: 124, length: 12)
        }
        put("14500000000", at: 136, length: 12)
        block[156] = type.asciiValue!
        put(linkName, at: 157, length: 100)
        switch style {
        case .posix:
            put("ustar\u{0}00", at: 257, length: 8)
            put(prefix, at: 345, length: 155)
        case .gnu:
            put("ustar  \u{0}", at: 257, length: 8)
        }
        put("        ", at: 148, length: 8)
        let sum = block.reduce(0) { $0 + Int($1) }
        put(octal(sum, digits: 6) + "\u{0} ", at: 148, length: 8)
        return block
    }

    /// `value` in octal, zero-padded to `digits`.
    static func octal(_ value: Int, digits: Int) -> String {
        let text = String(value, radix: 8)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

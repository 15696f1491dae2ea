/// Renders data sets in the DICOM JSON model (PS3.18 §F.2), keyed either by tag (`"00100010"`, as the
/// standard has it) or by dictionary keyword (`"PatientName"`, for people and scripts; tags without a
/// keyword, and private tags, keep the hex form).
package enum DICOMJSON {
    package enum Keys: Sendable {
        case tag
        case keyword
    }

    /// One JSON object on one line.
    package static func render(_ dataSet: DataSet, keys: Keys = .keyword) -> String {
        var out = ""
        write(dataSet, keys: keys, to: &out)
        return out
    }

    /// The file meta group and the data set as one object.
    package static func render(_ file: DICOMFile, keys: Keys = .keyword) -> String {
        var merged = file.fileMeta
        merged.characterSet = file.dataSet.characterSet
        for element in file.dataSet.elements {
            merged.insert(element)
        }
        merged.characterSet = file.dataSet.characterSet
        return render(merged, keys: keys)
    }

    static func write(_ dataSet: DataSet, keys: Keys, to out: inout String) {
        out += "{"
        var used = Set<String>()
        var first = true
        for element in dataSet.elements {
            var key = element.tag.hexString
            if keys == .keyword, !element.tag.isPrivate, let keyword = DataDictionary.keyword(for: element.tag),
                !used.contains(keyword)
            {
                key = keyword
            }
            used.insert(key)
            if !first { out += "," }
            first = false
            writeString(key, to: &out)
            out += ":{\"vr\":\"\(element.effectiveVR.rawValue)\""
            writeValue(element.decoded(characterSet: dataSet.characterSet), keys: keys, to: &out)
            out += "}"
        }
        out += "}"
    }

    static func writeValue(_ value: DecodedValue, keys: Keys, to out: inout String) {
        switch value {
        case .strings(let values):
            guard !values.isEmpty else { return }
            out += ",\"Value\":["
            out += values.map { jsonString($0.isEmpty ? nil : $0) }.joined(separator: ",")
            out += "]"
        case .decimalStrings(let texts, let numbers):
            guard !texts.isEmpty else { return }
            out += ",\"Value\":["
            out += zip(texts, numbers).map { text, number in
                guard !text.isEmpty else { return "null" }
                guard let number else { return jsonString(text) }
                return jsonNumber(number)
            }.joined(separator: ",")
            out += "]"
        case .personNames(let names):
            guard !names.isEmpty else { return }
            out += ",\"Value\":["
            out += names.map { name in
                let groups = [("Alphabetic", name.alphabetic), ("Ideographic", name.ideographic), ("Phonetic", name.phonetic)]
                return "{" + groups.filter { !$0.1.isEmpty }.map { jsonString($0.0) + ":" + jsonString($0.1) }.joined(separator: ",") + "}"
            }.joined(separator: ",")
            out += "]"
        case .signed(let values):
            if !values.isEmpty { out += ",\"Value\":[" + values.map { String($0) }.joined(separator: ",") + "]" }
        case .unsigned(let values):
            if !values.isEmpty { out += ",\"Value\":[" + values.map { String($0) }.joined(separator: ",") + "]" }
        case .floats(let values):
            if !values.isEmpty { out += ",\"Value\":[" + values.map(jsonNumber).joined(separator: ",") + "]" }
        case .tags(let tags):
            if !tags.isEmpty { out += ",\"Value\":[" + tags.map { jsonString($0.hexString) }.joined(separator: ",") + "]" }
        case .binary(let bytes):
            if !bytes.isEmpty { out += ",\"InlineBinary\":" + jsonString(Base64.encode(bytes)) }
        case .sequence(let items):
            guard !items.isEmpty else { return }
            out += ",\"Value\":["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                write(item, keys: keys, to: &out)
            }
            out += "]"
        case .fragments:
            // Encapsulated pixel data is left out: `sluice dump` shows headers.
            return
        }
    }

    static func jsonNumber(_ value: Double) -> String {
        guard value.isFinite else { return jsonString(String(value)) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A JSON string literal (RFC 8259 §7), or `null` for `nil`.
    package static func jsonString(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = ""
        writeString(value, to: &out)
        return out
    }

    static func writeString(_ value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u00" + hex2(UInt8(scalar.value))
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// Standard base64 (RFC 4648 §4), for InlineBinary.
enum Base64 {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out = [UInt8]()
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int(chunk >> UInt32(shift) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let chunk = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(alphabet[Int(chunk >> 18 & 63)])
            out.append(alphabet[Int(chunk >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

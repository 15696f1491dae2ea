/// Encodes a data set in explicit or implicit VR, little or big endian (PS3.5 §7). Returns bytes; never
/// touches files. Elements are written in tag order, values padded to even length with their VR's padding
/// byte; sequences, items and encapsulated pixel data use undefined length with delimiters.
package struct DataSetEncoder: Sendable {
    package let encoding: DataSetTokenizer.Encoding

    package init(encoding: DataSetTokenizer.Encoding) {
        self.encoding = encoding
    }

    package init(_ syntax: TransferSyntax) {
        self.encoding = .init(syntax)
    }

    package func encode(_ dataSet: DataSet) -> [UInt8] {
        var out: [UInt8] = []
        write(dataSet, to: &out)
        return out
    }

    func write(_ dataSet: DataSet, to out: inout [UInt8]) {
        for element in dataSet.sortedElements {
            write(element, to: &out)
        }
    }

    func write(_ element: DataElement, to out: inout [UInt8]) {
        switch element.value {
        case .bytes(var bytes):
            if bytes.count & 1 == 1 { bytes.append(element.vr.paddingByte) }
            if element.isLittleEndian != encoding.isLittleEndian, let size = element.vr.binaryValueSize ?? (element.vr == .AT ? 2 : nil) {
                bytes = Self.swapped(bytes, size: element.vr == .AT ? 2 : size)
            }
            writeHeader(element.tag, vr: element.vr, length: UInt32(bytes.count), to: &out)
            out.append(contentsOf: bytes)
        case .sequence(let items):
            writeHeader(element.tag, vr: .SQ, length: 0xFFFF_FFFF, to: &out)
            for item in items {
                writeTag(.item, length: 0xFFFF_FFFF, to: &out)
                write(item, to: &out)
                writeTag(.itemDelimitationItem, length: 0, to: &out)
            }
            writeTag(.sequenceDelimitationItem, length: 0, to: &out)
        case .fragments(let fragments):
            writeHeader(element.tag, vr: element.vr, length: 0xFFFF_FFFF, to: &out)
            for fragment in fragments {
                let padded = fragment.count & 1 == 1 ? fragment + [0] : fragment
                writeTag(.item, length: UInt32(padded.count), to: &out)
                out.append(contentsOf: padded)
            }
            writeTag(.sequenceDelimitationItem, length: 0, to: &out)
        }
    }

    /// PS3.5 §7.1.2 and §7.1.3.
    func writeHeader(_ tag: Tag, vr: VR, length: UInt32, to out: inout [UInt8]) {
        writeUInt16(tag.group, to: &out)
        writeUInt16(tag.element, to: &out)
        guard encoding.isExplicitVR else {
            writeUInt32(length, to: &out)
            return
        }
        let (byte0, byte1) = vr.bytes
        out.append(byte0)
        out.append(byte1)
        if vr.hasLongLength {
            out.append(contentsOf: [0, 0])
            writeUInt32(length, to: &out)
        } else {
            writeUInt16(UInt16(truncatingIfNeeded: length), to: &out)
        }
    }

    /// Items and delimiters: tag and 32-bit length, no VR (PS3.5 §7.5).
    func writeTag(_ tag: Tag, length: UInt32, to out: inout [UInt8]) {
        writeUInt16(tag.group, to: &out)
        writeUInt16(tag.element, to: &out)
        writeUInt32(length, to: &out)
    }

    func writeUInt16(_ value: UInt16, to out: inout [UInt8]) {
        let bytes = [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
        out.append(contentsOf: encoding.isLittleEndian ? bytes : bytes.reversed())
    }

    func writeUInt32(_ value: UInt32, to out: inout [UInt8]) {
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
        out.append(contentsOf: encoding.isLittleEndian ? bytes : bytes.reversed())
    }

    static func swapped(_ bytes: [UInt8], size: Int) -> [UInt8] {
        var out = bytes
        var start = 0
        while start + size <= out.count {
            out[start..<start + size].reverse()
            start += size
        }
        return out
    }
}

/// Turns annotated hex into bytes, for byte-level test fixtures (pydicom `hexutil.hex2bytes`):
/// whitespace separates bytes, and `#` starts a comment that runs to the end of the line.
///
///     HexBytes("""
///         10 00 10 00  50 4E  04 00  44 6F 65 20   # (0010,0010) PN, length 4, "Doe "
///         """)
package func HexBytes(_ annotated: String) -> [UInt8] {
    var bytes: [UInt8] = []
    for line in annotated.split(separator: "\n", omittingEmptySubsequences: false) {
        let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        for token in code.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard let byte = UInt8(token, radix: 16) else {
                preconditionFailure("not a hex byte: \(token)")
            }
            bytes.append(byte)
        }
    }
    return bytes
}

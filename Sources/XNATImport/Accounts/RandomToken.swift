/// Unguessable strings for session IDs and generated passwords, from the system's secure random source.
///
/// `SystemRandomNumberGenerator` reads `getrandom(2)` on Linux and `arc4random` on Apple platforms.
package enum RandomToken {
    private static let hexadecimalDigits = Array("0123456789ABCDEF")
    private static let passwordCharacters = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")

    /// `byteCount` random bytes as upper-case hexadecimal, two digits per byte.
    package static func hexadecimal(byteCount: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var text = ""
        text.reserveCapacity(byteCount * 2)
        for _ in 0..<byteCount {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            text.append(hexadecimalDigits[Int(byte >> 4)])
            text.append(hexadecimalDigits[Int(byte & 0x0F)])
        }
        return text
    }

    /// A password of `length` letters and digits, leaving out look-alikes (`0`/`O`, `1`/`l`/`I`).
    package static func password(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in passwordCharacters.randomElement(using: &generator)! })
    }
}

import XNATImport

extension PrearchiveCode {
    /// The code a `PUT …/prearchive_code/{code}` URL names: `0`, `4` or `5`, digits only (no sign, no spaces).
    ///
    /// XNAT stores any integer here (xnat-rest-tests sets 11 and expects 200); Sluice refuses codes it cannot act on.
    init?(pathSegment: String) {
        guard !pathSegment.isEmpty, pathSegment.count <= 9,
            pathSegment.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let number = Int(pathSegment)
        else {
            return nil
        }
        self.init(number: number)
    }
}

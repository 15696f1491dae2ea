import ECAT

/// The error `ECATReader.parse` throws for `bytes`, or nil if it parses.
func parseError(_ bytes: some Collection<UInt8>) -> ECATParseError? {
    do {
        _ = try ECATReader.read(bytes)
        return nil
    } catch {
        return error
    }
}

/// The value of the field called `name` in `fields`.
func value(_ name: String, in fields: [ECATField]) -> ECATValue? {
    fields.first { $0.name == name }?.value
}

/// A small deterministic generator (xorshift64*) for the mutation tests.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
    }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

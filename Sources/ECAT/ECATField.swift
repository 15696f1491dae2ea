/// One header field's value, untyped enough to list every field of every header in one form.
package enum ECATValue: Equatable, Sendable {
    /// Any integer field (shorts and ints, signed or not).
    case integer(Int64)
    /// A 32-bit IEEE float field.
    case real(Float)
    /// A fixed-width text field, already trimmed.
    case text(String)
    /// An array of integers (`num_z_elements[64]`, `sectors_per_ring[32]`, ...).
    case integers([Int64])
    /// An array of floats (`bed_position[15]`, `uncor_singles[128]`, ...).
    case reals([Float])
}

/// A header field by the name nibabel's `ecat.py` gives it (or, for headers nibabel does not know,
/// the CTI name in lower case), with its value.
///
/// Headers list their fields in byte order (`ECATMainHeader.fields`, `ECATSubheader.fields`), so a
/// dump can print every field without knowing each struct.
package struct ECATField: Equatable, Sendable {
    /// The snake_case field name, e.g. `patient_id` or `frame_start_time`.
    package var name: String
    /// The field's value.
    package var value: ECATValue

    /// Makes a field.
    package init(_ name: String, _ value: ECATValue) {
        self.name = name
        self.value = value
    }

    /// An integer field.
    static func int(_ name: String, _ value: some BinaryInteger) -> ECATField {
        ECATField(name, .integer(Int64(value)))
    }

    /// A float field.
    static func real(_ name: String, _ value: Float) -> ECATField {
        ECATField(name, .real(value))
    }

    /// A text field.
    static func text(_ name: String, _ value: String) -> ECATField {
        ECATField(name, .text(value))
    }

    /// An integer array field.
    static func ints(_ name: String, _ values: [some BinaryInteger]) -> ECATField {
        ECATField(name, .integers(values.map { Int64($0) }))
    }

    /// A float array field.
    static func reals(_ name: String, _ values: [Float]) -> ECATField {
        ECATField(name, .reals(values))
    }
}

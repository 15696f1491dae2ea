/// An element with a `name` attribute and a text value: a session's `fields/field` and a catalog's
/// `metaFields/metaField` have this shape.
package struct NamedValue: Sendable, Equatable {
    /// `@name`.
    package var name: String
    /// The element's text.
    package var value: String

    /// Creates a named value.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

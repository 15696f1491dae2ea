import Testing
import XNATImport

@Suite struct JavaRegexTests {
    @Test func countsCaptureGroups() throws {
        #expect(try JavaRegex("abc").captureCount == 0)
        #expect(try JavaRegex("(a)(?:b)(?<name>c)").captureCount == 2)
        #expect(try JavaRegex(#"\(a\)[(]"#).captureCount == 0)
    }

    @Test func dotStopsAtLineEnds() throws {
        #expect(try JavaRegex("a.b").wholeMatch("a\nb") == nil)
        #expect(try JavaRegex("a.b").wholeMatch("a\rb") == nil)
        #expect(try JavaRegex("a.b").wholeMatch("a-b") == ["a-b"])
    }

    @Test func replacesEveryMatch() throws {
        let target = try JavaRegex("([a-z])([0-9])")
        let replacement = try JavaReplacement("$2$1", for: target)
        #expect(target.replacingMatches(in: "a1-b2", with: replacement) == "1a-2b")
    }

    @Test func groupReferencesTakeAsManyDigitsAsExist() throws {
        let target = try JavaRegex("(x)")
        // `$12` with one group is group 1 followed by "2" (Java).
        #expect(target.replacingMatches(in: "x", with: try JavaReplacement("$12", for: target)) == "x2")
        #expect(throws: RoutingRuleError.self) { try JavaReplacement("$2", for: target) }
    }

    @Test func namedGroupsAndEscapes() throws {
        let target = try JavaRegex("(?<digit>[0-9])")
        #expect(target.replacingMatches(in: "a1", with: try JavaReplacement("<${digit}>\\$", for: target)) == "a<1>$")
        #expect(throws: RoutingRuleError.self) { try JavaReplacement("${nope}", for: target) }
        #expect(throws: RoutingRuleError.self) { try JavaReplacement("$x", for: target) }
        #expect(throws: RoutingRuleError.self) { try JavaReplacement("${digit", for: target) }
    }
}

import DICOM
import Testing
import XNATImport

@Suite struct RoutingRuleTests {
    @Test func parsesTheParts() throws {
        let rule = try RoutingRule("  (0008,0050):^[0-9]{4}(.*):1 t:9 r:X  ")
        #expect(rule.tag == .accessionNumber)
        #expect(rule.expression.pattern == "^[0-9]{4}(.*)")
        #expect(rule.group == 1)
        #expect(rule.replacement?.target.pattern == "9")
        #expect(rule.replacement?.with.template == "X")
        #expect(rule.description == "(0008,0050):^[0-9]{4}(.*):1 t:9 r:X")
    }

    @Test func groupDefaultsToOne() throws {
        let rule = try RoutingRule(#"(0010,0010):.*_([\w]+)"#)
        #expect(rule.tag == .patientName)
        #expect(rule.group == 1)
        #expect(rule.replacement == nil)
    }

    /// The rest-tests `TestDicomRouting` examples.
    @Test(arguments: [
        ("(0008,0050):^[0-9]{4}(.*)", "12345678", "5678"),
        (#"(0010,0010):.*_([\w]+)"#, "Doe_John", "John"),
        ("(0008,0050):^[0-9]{4}(.*):1 t:9 r:X", "12349919", "XX1X"),
        ("(0008,0050):^([0-9]{2})([0-9]{2}).*:2", "123456", "34"),
        ("(0008,0050):^[0-9]{2}.*:0", "123456", "123456"),
        ("(0008,0050):(.*) t:(\\d)(\\d) r:$2$1", "1234", "2143"),
        ("(0008,0050):(.*) t:- r:\\$", "a-b", "a$b"),
    ])
    func evaluates(rule text: String, value: String, expected: String) throws {
        #expect(try RoutingRule(text).evaluate(value) == expected)
    }

    @Test func wholeValueMustMatch() throws {
        let rule = try RoutingRule("(0008,1030):(ABC)")
        #expect(rule.evaluate("ABC") == "ABC")
        #expect(rule.evaluate("ABCD") == nil)
        #expect(rule.evaluate("xABC") == nil)
    }

    @Test func emptyOrNonParticipatingGroupIsNoValue() throws {
        #expect(try RoutingRule("(0008,1030):(x?)").evaluate("") == nil)
        #expect(try RoutingRule("(0008,1030):(a)|b").evaluate("b") == nil)
    }

    @Test func javaCharacterClassesAreASCII() throws {
        let rule = try RoutingRule(#"(0010,0010):(\w+)"#)
        #expect(rule.evaluate("Zoe") == "Zoe")
        #expect(rule.evaluate("Zoë") == nil)
    }

    @Test func valuesAreCutTo64Characters() throws {
        let rule = try RoutingRule("(0008,1030):(.*)")
        let long = String(repeating: "a", count: 70)
        #expect(rule.evaluate(long) == String(repeating: "a", count: 64))
        // Cut by UTF-16 units, never inside a surrogate pair.
        let emoji = String(repeating: "a", count: 63) + "😀b"
        #expect(rule.evaluate(emoji) == String(repeating: "a", count: 63))
        // With a replacement too (XNAT cuts only without one).
        let replacing = try RoutingRule("(0008,1030):(.*) t:b r:c")
        #expect(replacing.evaluate(String(repeating: "b", count: 70)) == String(repeating: "c", count: 64))
    }

    @Test func readsTheElementFromTheDataSet() throws {
        let dataSet = RoutingFixtures.dataSet([.accessionNumber: "2024PROJ1"])
        #expect(try RoutingRule("(0008,0050):^[0-9]{4}(.*)").evaluate(dataSet) == "PROJ1")
        #expect(try RoutingRule("(0008,1030):(.*)").evaluate(dataSet) == nil)
    }

    @Test(arguments: [
        "", "0008,0050:(.*)", "(0008,005):(.*)", "(0008,0050)(.*)", "(0008,0050):", "(GGGG,0050):(.*)",
    ])
    func rejectsMalformedLines(line: String) {
        #expect(throws: RoutingRuleError.self) { try RoutingRule(line) }
    }

    @Test func rejectsBadExpressionsAndGroups() {
        #expect(throws: RoutingRuleError.invalidExpression("(unclosed")) { try RoutingRule("(0008,0050):(unclosed") }
        #expect(throws: RoutingRuleError.groupOutOfRange(group: 1, captureCount: 0, expression: ".*")) {
            try RoutingRule("(0008,0050):.*")
        }
        #expect(throws: RoutingRuleError.groupOutOfRange(group: 3, captureCount: 1, expression: "(a)")) {
            try RoutingRule("(0008,0050):(a):3")
        }
        #expect(throws: RoutingRuleError.self) { try RoutingRule("(0008,0050):(.*) t:x r:$1") }
        #expect(throws: RoutingRuleError.self) { try RoutingRule("(0008,0050):(.*) t:x r:a\\") }
    }

    @Test func errorMessagesNameTheRule() {
        #expect(RoutingRuleError.syntax("bad").description == "Failed to parse routing expression 'bad'")
    }

    @Test func parsesMultiLineConfigurations() throws {
        let rules = try RoutingRules.parse("(0008,0050):^[0-9]{4}(.*)\n\n   \r\n(0010,0010):(.*)\n")
        #expect(rules.map(\.tag) == [.accessionNumber, .patientName])
        #expect(throws: RoutingRuleError.self) { try RoutingRules.parse("(0008,0050):(.*)\nnot a rule") }
    }
}

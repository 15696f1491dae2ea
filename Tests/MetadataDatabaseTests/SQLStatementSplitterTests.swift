import MetadataDatabase
import Testing

@Suite struct SQLStatementSplitterTests {
    @Test func splitsOnSemicolons() {
        #expect(
            SQLStatementSplitter.statements(in: "SELECT 1; SELECT 2;\nSELECT 3") == [
                "SELECT 1;", "SELECT 2;", "SELECT 3",
            ]
        )
    }

    @Test func ignoresSemicolonsInStringsIdentifiersAndComments() {
        let sql = """
            INSERT INTO t VALUES ('a;b', 'it''s; fine');
            -- a comment; with a semicolon
            CREATE TABLE "odd;name" (x); /* block; comment */
            """
        #expect(
            SQLStatementSplitter.statements(in: sql) == [
                "INSERT INTO t VALUES ('a;b', 'it''s; fine');",
                "-- a comment; with a semicolon\nCREATE TABLE \"odd;name\" (x);",
            ]
        )
    }

    @Test func dropsPiecesWithOnlyCommentsAndSpace() {
        #expect(SQLStatementSplitter.statements(in: "-- header\n\n  ;\n/* x */ ;\n-- trailer\n").isEmpty)
    }
}

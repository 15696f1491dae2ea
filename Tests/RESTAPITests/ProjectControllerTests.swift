import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing

@Suite struct ProjectControllerTests {
    private static let admin = TestAccounts.administratorHeaders

    private static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    private static func results(_ response: TestResponse) throws -> [[String: String]] {
        let resultSet = try #require(try json(response)["ResultSet"] as? [String: Any])
        return try #require(resultSet["Result"] as? [[String: String]])
    }

    @Test func anAdministratorCreatesAProjectThatIsThenListed() async throws {
        try await withTestRouter { client in
            let created = try await client.execute(
                uri: "/data/projects/TESTPROJ?name=Test%20project&pi_lastname=Curie&description=MR",
                method: .put,
                headers: Self.admin
            )
            #expect(created.status == .ok)
            #expect(created.text.isEmpty)
            let listing = try await client.execute(uri: "/data/projects", method: .get, headers: Self.admin)
            #expect(listing.status == .ok)
            #expect(listing.headers[.contentType] == "application/json; charset=utf-8")
            let resultSet = try #require(try Self.json(listing)["ResultSet"] as? [String: Any])
            #expect(resultSet["totalRecords"] as? String == "1")
            #expect(
                try Self.results(listing) == [
                    [
                        "ID": "TESTPROJ", "secondary_ID": "TESTPROJ", "name": "Test project", "description": "MR",
                        "pi_firstname": "", "pi_lastname": "Curie", "URI": "/data/projects/TESTPROJ",
                    ]
                ]
            )
        }
    }

    @Test func putOnAnExistingProjectUpdatesOnlyTheFieldsGiven() async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/data/projects/P1?name=First", method: .put, headers: Self.admin)
            let updated = try await client.execute(
                uri: "/data/projects/P1?xnat:projectData/description=Second%20try",
                method: .put,
                headers: Self.admin
            )
            #expect(updated.status == .ok)
            let listing = try await client.execute(uri: "/data/projects", method: .get, headers: Self.admin)
            let row = try #require(try Self.results(listing).first)
            #expect(row["name"] == "First")
            #expect(row["description"] == "Second try")
        }
    }

    @Test func queryValuesDecodePlusAsASpace() async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/data/projects/P3?name=Plus+sign%2B", method: .put, headers: Self.admin)
            let listing = try await client.execute(uri: "/data/projects", method: .get, headers: Self.admin)
            #expect(try Self.results(listing).first?["name"] == "Plus sign+")
        }
    }

    @Test func aFormBodySetsFieldsToo() async throws {
        try await withTestRouter { client in
            var headers = Self.admin
            headers[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(
                uri: "/data/projects/P2",
                method: .put,
                headers: headers,
                body: ByteBuffer(string: "name=Form+name&secondary_ID=F2")
            )
            let listing = try await client.execute(uri: "/data/projects", method: .get, headers: Self.admin)
            let row = try #require(try Self.results(listing).first)
            #expect(row["name"] == "Form name")
            #expect(row["secondary_ID"] == "F2")
        }
    }

    @Test(arguments: ["", "?format=json", "?format=JSON", "?format=html"])
    func listingsAreJSONUnlessCSVOrXMLIsAskedFor(query: String) async throws {
        try await withTestRouter { client in
            var headers = Self.admin
            headers[.accept] = "*/*"
            let response = try await client.execute(uri: "/data/projects" + query, method: .get, headers: headers)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.text == #"{"ResultSet":{"Result":[],"totalRecords":"0","title":"Projects"}}"#)
        }
    }

    @Test func anEmptyCSVListingStillHasItsHeaderRow() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/data/projects?format=csv", method: .get, headers: Self.admin)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.text == "ID,secondary_ID,name,description,pi_firstname,pi_lastname,URI\n")
        }
    }

    @Test func csvAndXMLListingsCarryTheRows() async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/data/projects/P1?name=One,%20two", method: .put, headers: Self.admin)
            let csv = try await client.execute(uri: "/data/projects?format=csv", method: .get, headers: Self.admin)
            #expect(
                csv.text
                    == "ID,secondary_ID,name,description,pi_firstname,pi_lastname,URI\n"
                    + "P1,P1,\"One, two\",,,,/data/projects/P1\n"
            )
            let xml = try await client.execute(uri: "/data/projects?format=xml", method: .get, headers: Self.admin)
            #expect(xml.headers[.contentType] == "text/xml; charset=utf-8")
            #expect(
                xml.text.contains(
                    #"<ResultSet totalRecords="1"><results title="Projects"><columns><column>ID</column>"#
                )
            )
            #expect(xml.text.contains("<row><cell>P1</cell><cell>P1</cell><cell>One, two</cell>"))
        }
    }

    @Test(arguments: ["/REST/projects", "/data/archive/projects", "/REST/archive/projects"])
    func listingsAnswerUnderEveryXNATPrefix(uri: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: uri, method: .get, headers: Self.admin)
            #expect(response.status == .ok)
        }
    }

    @Test func aProjectReadsAsItemsJSONOrXML() async throws {
        try await withTestRouter { client in
            try await client.execute(
                uri: "/data/projects/P1?pi_firstname=Marie&pi_lastname=Curie",
                method: .put,
                headers: Self.admin
            )
            let json = try await client.execute(uri: "/data/projects/P1?format=json", method: .get, headers: Self.admin)
            #expect(json.status == .ok)
            let items = try #require(try Self.json(json)["items"] as? [[String: Any]])
            let fields = try #require(items.first?["data_fields"] as? [String: String])
            #expect(fields["ID"] == "P1")
            let meta = try #require(items.first?["meta"] as? [String: Any])
            #expect(meta["xsi:type"] as? String == "xnat:projectData")
            let xml = try await client.execute(uri: "/data/projects/P1?format=xml", method: .get, headers: Self.admin)
            #expect(xml.text.contains(#"<xnat:Project ID="P1" secondary_ID="P1""#))
            #expect(xml.text.contains("<xnat:lastname>Curie</xnat:lastname>"))
        }
    }

    @Test(arguments: ["/data/projects/NOPE", "/data/projects/NOPE/prearchive_code", "/data/projects/bad%20id"])
    func aMissingProjectIsAPlainText404(uri: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: uri, method: .get, headers: Self.admin)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test(arguments: ["bad%20id", "semi;colon", "dot.ted", "%C3%A9t%C3%A9", String(repeating: "A", count: 256)])
    func invalidIDsAreRefused(id: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/data/projects/\(id)", method: .put, headers: Self.admin)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test(arguments: ["Under_score-dash", "123", String(repeating: "A", count: 255)])
    func validIDsAreAccepted(id: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/data/projects/\(id)", method: .put, headers: Self.admin)
            #expect(response.status == .ok)
        }
    }

    @Test func anIDThatDiffersOnlyInCaseConflicts() async throws {
        try await withTestRouter { client in
            try await client.execute(uri: "/data/projects/TESTPROJ", method: .put, headers: Self.admin)
            let response = try await client.execute(uri: "/data/projects/testproj", method: .put, headers: Self.admin)
            #expect(response.status == .conflict)
            #expect(response.text.contains("TESTPROJ"))
        }
    }

    @Test func aNonAdministratorCanListButNotCreate() async throws {
        try await withTestRouter { client in
            let refused = try await client.execute(
                uri: "/data/projects/MINE",
                method: .put,
                headers: TestAccounts.userHeaders
            )
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.contentType] == "text/plain; charset=utf-8")
            #expect(refused.text == "User user doesn't have permission to create projects on this system")
            let listing = try await client.execute(
                uri: "/data/projects",
                method: .get,
                headers: TestAccounts.userHeaders
            )
            #expect(listing.status == .ok)
            #expect(try Self.results(listing).isEmpty)
        }
    }
}

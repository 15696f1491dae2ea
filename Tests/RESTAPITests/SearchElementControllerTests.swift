import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

@Suite struct SearchElementControllerTests {
    private static let admin = TestAccounts.administratorHeaders

    private static func results(_ response: TestResponse) throws -> [[String: String]] {
        let object = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any]
        let resultSet = try #require(object?["ResultSet"] as? [String: Any])
        return try #require(resultSet["Result"] as? [[String: String]])
    }

    @Test(arguments: ["/data/search/elements", "/data/search/elements?format=json", "/REST/search/elements"])
    func theElementsAreAJSONResultSetOfTheTypesSluiceHolds(uri: String) async throws {
        try await withTestRouter { client in
            var headers = Self.admin
            headers[.accept] = "*/*"
            let response = try await client.execute(uri: uri, method: .get, headers: headers)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let names = try Self.results(response).compactMap { $0["ELEMENT_NAME"] }
            #expect(names.prefix(2) == ["xnat:projectData", "xnat:subjectData"])
            #expect(Set(names).isSuperset(of: ImageSessionDataType.allCases.map(\.rawValue)))
            let mr = try Self.results(response).first { $0["ELEMENT_NAME"] == "xnat:mrSessionData" }
            #expect(mr?["SINGULAR"] == "MR Session")
            #expect(mr?["PLURAL"] == "MR Sessions")
        }
    }

    @Test func theElementsAlsoComeAsCSVAndXML() async throws {
        try await withTestRouter { client in
            let csv = try await client.execute(
                uri: "/data/search/elements?format=csv",
                method: .get,
                headers: Self.admin
            )
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("ELEMENT_NAME,PLURAL,SINGULAR,CATEGORY,SECURED\nxnat:projectData,"))
            let xml = try await client.execute(
                uri: "/data/search/elements?format=xml",
                method: .get,
                headers: Self.admin
            )
            #expect(xml.headers[.contentType] == "text/xml; charset=utf-8")
            #expect(xml.text.contains("<cell>xnat:mrSessionData</cell>"))
        }
    }

    @Test(arguments: ["xnat:mrSessionData", "xnat%3AmrSessionData", "XNAT:MRSESSIONDATA"])
    func aTypesFieldsAreUpperCaseFieldIDs(type: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: "/data/search/elements/\(type)?format=json",
                method: .get,
                headers: Self.admin
            )
            #expect(response.status == .ok)
            let rows = try Self.results(response)
            let ids = rows.compactMap { $0["FIELD_ID"] }
            #expect(ids.contains("LABEL") && ids.contains("SESSION_ID") && ids.contains("PROJECT"))
            // xnatpy sets each field ID on the class; lower case would replace its properties.
            #expect(ids.allSatisfy { $0 == $0.uppercased() })
            #expect(rows.allSatisfy { $0["TYPE"] != nil && $0["SUMMARY"] != nil && $0["REQUIRES_VALUE"] == "false" })
        }
    }

    @Test func projectAndSubjectFieldsAreListedToo() async throws {
        try await withTestRouter { client in
            for (type, field) in [("xnat:projectData", "ID"), ("xnat:subjectData", "SUBJECT_LABEL")] {
                let response = try await client.execute(
                    uri: "/REST/search/elements/\(type)",
                    method: .get,
                    headers: Self.admin
                )
                #expect(try Self.results(response).contains { $0["FIELD_ID"] == field })
            }
        }
    }

    @Test func anUnknownTypeIsNotFound() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(
                uri: "/data/search/elements/xnat:nothingData",
                method: .get,
                headers: Self.admin
            )
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }
}

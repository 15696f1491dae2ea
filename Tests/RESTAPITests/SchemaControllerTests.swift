import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import Testing
import XNATImport

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct SchemaControllerTests {
    private static let admin = TestAccounts.administratorHeaders

    @Test(arguments: ["/xapi/schemas", "/xapi/schemas?format=json", "/xapi/schemas?format=xml"])
    func theListNamesEverySchemaAsAJSONArray(uri: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: uri, method: .get, headers: Self.admin)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let names = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String]
            #expect(names == ["xdat", "xnat"])
        }
    }

    @Test(arguments: ["xdat", "xnat", "xnat.xsd"])
    func eachSchemaIsXMLWhoseStartTagXnatpyCanScan(name: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/xapi/schemas/\(name)", method: .get, headers: Self.admin)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/xml; charset=utf-8")
            #expect(XMLParser(data: Data(response.text.utf8)).parse())
            // xnatpy: re.search("<xs:schema([^>]*)>") then re.findall(r'xmlns:(?P<prefix>\w+)="(?P<ns>\S+)"').
            let startTag = try #require(response.text.firstMatch(of: /<xs:schema([^>]*)>/)?.1)
            let prefixes = Set(startTag.matches(of: /xmlns:(\w+)="(\S+)"/).map { String($0.1) })
            #expect(prefixes.isSuperset(of: ["xs", "xdat"]))
            #expect(startTag.contains("targetNamespace=\"http://nrg.wustl.edu/"))
        }
    }

    @Test func theXNATSchemaDefinesEveryTypeSluiceWrites() async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: "/xapi/schemas/xnat", method: .get, headers: Self.admin)
            let defined = Set(response.text.matches(of: /<xs:complexType name="(\w+)"/).map { "xnat:" + $0.1 })
            let written =
                ImageSessionDataType.allCases.map(\.rawValue) + SessionKind.allCases.map(\.rawValue)
                + ImageScanDataType.allCases.map(\.rawValue) + ScanKind.allCases.map(\.rawValue)
                + SessionDocument.ResourceKind.allCases.map(\.rawValue)
            let bases = [
                "projectData", "subjectData", "experimentData", "subjectAssessorData", "imageSessionData",
                "imageScanData", "abstractResource", "resource", "resourceCatalog", "derivedData",
                "imageAssessorData", "investigatorData",
            ]
            #expect(Set(written).subtracting(defined).isEmpty)
            #expect(Set(bases.map { "xnat:" + $0 }).subtracting(defined).isEmpty)
            // Its own types only: nothing from xdat, which declares no complex types.
            #expect(!response.text.contains("type=\"xdat:"))
        }
    }

    @Test(arguments: ["/xapi/schemas/security", "/xapi/schemas/xnat.xml", "/xapi/schemas/XNAT"])
    func otherSchemasAreNotFound(uri: String) async throws {
        try await withTestRouter { client in
            let response = try await client.execute(uri: uri, method: .get, headers: Self.admin)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
        }
    }

    @Test func schemasNeedALogin() async throws {
        try await withTestRouter { client in
            for uri in ["/xapi/schemas", "/xapi/schemas/xnat"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .unauthorized)
            }
        }
    }
}

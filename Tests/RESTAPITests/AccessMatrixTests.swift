import Foundation
import Hummingbird
import HummingbirdTesting
import RESTAPI
import DICOM
import TestSupport
import Testing
import XNATImport

/// The authorization matrix of issue 8, generated from the router's route table: every route has an access rule,
/// and every route × caller answers as the rule says — 401 without (good) credentials, 404 for a project the caller
/// may not know of, 403 for one they may see but not act on, and never 401 or 403 when allowed.
@Suite struct AccessMatrixTests {
    /// Who calls.
    enum Caller: String, CaseIterable, Sendable {
        case anonymous, badPassword, unknownSession, badToken, disabled, outsider, collaborator, member, owner
        case administrator

        var headers: HTTPFields {
            switch self {
            case .anonymous: [:]
            case .badPassword: TestAccounts.basic("owner", "wrong-password")
            case .unknownSession: [.cookie: "JSESSIONID=not-a-session"]
            case .badToken: TestAccounts.basic("0f8fad5b-d9cb-469f-a165-70867728950e", "not-the-secret")
            case .administrator: TestAccounts.administratorHeaders
            default: TestAccounts.basic(rawValue, "\(rawValue)-password")
            }
        }

        var role: ProjectRole? {
            switch self {
            case .collaborator: .collaborator
            case .member: .member
            case .owner: .owner
            default: nil
            }
        }
    }

    @Test func everyRouteHasAnAccessRule() async throws {
        try await withTestServices { services in
            let router = buildRouter(services: services)
            let missing = router.routes.filter { AccessRules.rule(for: $0.method, path: $0.path.description) == nil }
            #expect(missing.isEmpty, "routes without an access rule: \(missing.map(\.description))")
            #expect(router.routes.count > 150)
        }
    }

    /// The route pattern with its parameters filled in with P1's objects.
    static func concrete(_ path: String) -> String {
        let values = [
            "{project}": "P1", "{subject}": "SLUICE_S00001", "{experiment}": "SLUICE_E00001", "{scan}": "4",
            "{resource}": "DICOM", "{timestamp}": "20240101_000000000", "{folder}": "F", "{tag}": "1.2.3",
            "{name}": "x", "{id}": "1", "{code}": "0", "{type}": "xnat:mrSessionData", "{alias}": "a",
            "{secret}": "s", "{login}": "member", "{role}": "Members", "{value}": "private", "**": "x.txt",
        ]
        var result = path
        for (pattern, value) in values { result = result.replacingOccurrences(of: pattern, with: value) }
        return result
    }

    @Test(arguments: Caller.allCases)
    func routesAnswerAsTheirRulesSay(caller: Caller) async throws {
        try await ImportTesting.withImportRouter { client, services in
            for login in ["outsider", "collaborator", "member", "owner", "disabled"] {
                _ = try await services.accounts.createUser(login: login, password: "\(login)-password", isAdministrator: false)
            }
            // A member of P1 whose account is then disabled: refused like a stranger with no credentials.
            _ = try await services.store.setProjectRole(.member, project: "P1", login: "disabled")
            _ = try await services.accounts.setEnabled(false, login: "disabled")
            for caller in Caller.allCases {
                if let role = caller.role { _ = try await services.store.setProjectRole(role, project: "P1", login: caller.rawValue) }
            }
            let upload = try ImportTesting.zip([("1.dcm", ImportTesting.instance(series: 4, number: 1))])
            let uploaded = try await ImportTesting.post(client, "?PROJECT_ID=P1", body: upload)
            let archived = try await client.execute(
                uri: "/data/services/archive?src=" + ImportTesting.uri(uploaded), method: .post, headers: ImportTesting.admin
            )
            #expect(archived.status == .ok)

            let router = buildRouter(services: services)
            // Deletions last, so that earlier requests still find what they name.
            let routes = router.routes.sorted { ($0.method == .delete ? 1 : 0) < ($1.method == .delete ? 1 : 0) }
            for route in routes {
                guard let rule = AccessRules.rule(for: route.method, path: route.path.description) else { continue }
                let uri = Self.concrete(route.path.description)
                let response = try await client.execute(uri: uri, method: route.method, headers: caller.headers)
                let label = "\(caller) \(route.method) \(uri): \(response.status) \(response.text.prefix(120))"
                switch (caller, rule) {
                case (_, .anyone):
                    if [.badPassword, .badToken, .disabled].contains(caller) {
                        #expect(response.status == .unauthorized, "\(label)")
                    }
                case (.anonymous, _), (.badPassword, _), (.unknownSession, _), (.badToken, _), (.disabled, _):
                    #expect(response.status == .unauthorized, "\(label)")
                    #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true, "\(label)")
                case (_, .loggedIn):
                    #expect(response.status != .unauthorized, "\(label)")
                case (.administrator, _):
                    #expect(response.status != .unauthorized && response.status != .forbidden, "\(label)")
                case (_, .administrator):
                    #expect(response.status == .forbidden, "\(label)")
                case (_, .project(let permission)):
                    let allowed = ProjectAccess.allows(
                        permission, isAdministrator: false, role: caller.role, accessibility: .private
                    )
                    if allowed {
                        #expect(response.status != .unauthorized && response.status != .forbidden, "\(label)")
                    } else if caller.role == nil {
                        #expect(response.status == .notFound, "\(label)")
                    } else if uri.contains("/prearchive/projects/P1") || !uri.contains("Unassigned") {
                        #expect(response.status == .forbidden, "\(label)")
                    }
                }
            }
        }
    }

    @Test func headersCannotRouteDataIntoAForeignProject() async throws {
        try await ImportTesting.withImportRouter { client, services in
            _ = try await services.accounts.createUser(login: "member", password: "member-password", isAdministrator: false)
            _ = try await client.execute(uri: "/data/projects/P2", method: .put, headers: ImportTesting.admin)
            _ = try await services.store.setProjectRole(.member, project: "P2", login: "member")
            let member = TestAccounts.basic("member", "member-password")
            var headers = member
            headers[.contentType] = "application/zip"
            let body = try ImportTesting.zip([("1.dcm", ImportTesting.instance(series: 4, number: 1))])
            // Explicitly naming a project the caller may not see is 404; one they may not edit would be 403.
            let named = try await client.execute(
                uri: "/data/services/import?PROJECT_ID=P1", method: .post, headers: headers, body: ByteBuffer(bytes: body)
            )
            #expect(named.status == .notFound, "\(named.text)")
            // The same data routed only by its headers (PatientComments naming P1) lands in Unassigned.
            var builder = DICOMFileBuilder.instance(
                studyUID: ImportTesting.study, seriesUID: "\(ImportTesting.study).4",
                instanceUID: "\(ImportTesting.study).4.1", patientName: "Sample Patient", patientID: "Sample ID"
            )
            builder.set(.patientComments, .LT, "Project: P1 Subject: S Session: E")
            let routed = try await client.execute(
                uri: "/data/services/import?import-handler=gradual-DICOM",
                method: .post,
                headers: [.authorization: member[.authorization]!, .contentType: "application/dicom"],
                body: ByteBuffer(bytes: builder.file())
            )
            #expect(routed.status == .ok, "\(routed.text)")
            #expect(routed.text.hasPrefix("/data/prearchive/projects/Unassigned/"), "\(routed.text)")
            // With edit access to P2, the header naming P2 is honoured.
            builder.set(.patientComments, .LT, "Project: P2 Subject: S Session: E")
            let own = try await client.execute(
                uri: "/data/services/import?import-handler=gradual-DICOM",
                method: .post,
                headers: [.authorization: member[.authorization]!, .contentType: "application/dicom"],
                body: ByteBuffer(bytes: builder.file())
            )
            #expect(own.text.hasPrefix("/data/prearchive/projects/P2/"), "\(own.text)")
        }
    }
}

import Testing
import XNATImport

@Suite struct ExplicitRoutingTests {
    @Test func readsTheUpperCaseParameters() throws {
        let routing = try ExplicitRouting(parameters: [
            "PROJECT_ID": "P", "SUBJECT_ID": "S", "EXPT_LABEL": "E",
            "PREARC_TIMESTAMP": "20240101_120000123", "PREARC_SESSION_FOLDER": "F",
        ])
        #expect(
            routing
                == ExplicitRouting(
                    project: "P",
                    subject: "S",
                    sessionLabel: "E",
                    prearchiveTimestamp: "20240101_120000123",
                    prearchiveFolder: "F"
                )
        )
    }

    @Test func aliasesBeatDestinationWhichBeatsUpperCase() throws {
        let destination = "/archive/projects/DestP/subjects/DestS/experiments/DestE"
        let all = try ExplicitRouting(parameters: [
            "PROJECT_ID": "P", "SUBJECT_ID": "S", "EXPT_LABEL": "E", "dest": destination,
            "project": "AliasP", "subject": "AliasS", "session": "AliasE",
        ])
        #expect(all.project == "AliasP")
        #expect(all.subject == "AliasS")
        #expect(all.sessionLabel == "AliasE")
        let noAliases = try ExplicitRouting(parameters: [
            "PROJECT_ID": "P", "SUBJECT_ID": "S", "EXPT_LABEL": "E", "dest": destination,
        ])
        #expect(noAliases.project == "DestP")
        #expect(noAliases.subject == "DestS")
        #expect(noAliases.sessionLabel == "DestE")
        #expect(noAliases.destination?.area == .archive)
    }

    @Test func destinationPinsTheTimestampAndFolder() throws {
        let routing = try ExplicitRouting(parameters: [
            "dest": "/prearchive/projects/P/20000101_100001/S1", "PREARC_TIMESTAMP": "19990101_000000",
            "PREARC_SESSION_FOLDER": "other",
        ])
        #expect(routing.project == "P")
        #expect(routing.prearchiveTimestamp == "20000101_100001")
        #expect(routing.prearchiveFolder == "S1")
        #expect(routing.sessionLabel == nil)
    }

    @Test func resolvedExperimentLabelReplacesTheDestinationExperiment() throws {
        let routing = try ExplicitRouting(
            parameters: ["dest": "/archive/projects/P/subjects/S/experiments/XNAT_E00002"],
            destinationExperimentLabel: "S_MR1"
        )
        #expect(routing.sessionLabel == "S_MR1")
        // Only when the destination names an experiment.
        let noExperiment = try ExplicitRouting(
            parameters: ["dest": "/archive/projects/P"],
            destinationExperimentLabel: "X"
        )
        #expect(noExperiment.sessionLabel == nil)
    }

    @Test func blankValuesCountAsAbsent() throws {
        // xnatctl sends `PROJECT_ID=&SUBJECT_ID=&EXPT_LABEL=`.
        let routing = try ExplicitRouting(parameters: [
            "PROJECT_ID": "", "SUBJECT_ID": "  ", "EXPT_LABEL": "", "project": "", "dest": " ",
        ])
        #expect(routing == ExplicitRouting())
        #expect(try ExplicitRouting(parameters: ["project": "", "PROJECT_ID": " P "]).project == "P")
    }

    @Test func parameterNamesAreCaseSensitive() throws {
        #expect(try ExplicitRouting(parameters: ["Project_ID": "P", "PROJECT": "Q"]).project == nil)
        #expect(
            RoutingParameter.allCases.map(\.rawValue) == [
                "PROJECT_ID", "SUBJECT_ID", "EXPT_LABEL", "project", "subject", "session", "dest",
                "PREARC_TIMESTAMP", "PREARC_SESSION_FOLDER",
            ]
        )
    }

    @Test func malformedDestinationIsAnError() {
        #expect(throws: ImportDestinationError(value: "/nowhere")) {
            try ExplicitRouting(parameters: ["dest": "/nowhere"])
        }
        #expect(ImportDestinationError(value: "x").description == "Parameter dest format error")
    }
}

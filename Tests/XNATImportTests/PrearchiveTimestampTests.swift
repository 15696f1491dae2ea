import Foundation
import Testing
import XNATImport

@Suite struct PrearchiveTimestampTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let chicago = TimeZone(identifier: "America/Chicago")!

    @Test func newTimestampsHaveMillisecondsInTheGivenTimeZone() {
        // 2024-01-02T15:30:00.1239Z
        let date = Date(timeIntervalSince1970: 1_704_209_400.123_9)
        #expect(PrearchiveTimestamp(date: date, timeZone: Self.utc).rawValue == "20240102_153000123")
        #expect(PrearchiveTimestamp(date: date, timeZone: Self.chicago).rawValue == "20240102_093000123")
        #expect(
            PrearchiveTimestamp(date: Date(timeIntervalSince1970: 0), timeZone: Self.utc).rawValue
                == "19700101_000000000"
        )
        #expect(
            PrearchiveTimestamp(date: Date(timeIntervalSince1970: -0.5), timeZone: Self.utc).rawValue
                == "19691231_235959500"
        )
        #expect(!PrearchiveTimestamp(date: date, timeZone: Self.utc).isLegacy)
    }

    @Test(arguments: ["20240102_093000123", "20000101_100001", "00000000_000000", "99999999_999999999"])
    func acceptsTheCurrentAndTheLegacyShape(name: String) {
        #expect(PrearchiveTimestamp(rawValue: name)?.rawValue == name)
        #expect(PrearchiveTimestamp(rawValue: name)?.description == name)
    }

    @Test(arguments: [
        "", "2024010_093000123", "20240102093000123", "20240102-093000123", "20240102_0930001", "20240102_09300012",
        "20240102_0930001234", "2024O102_093000123", "20240102_093000１２３", " 20240102_093000", "20240102_093000 ",
        "../20240102_093000", "٢٠٢٤٠١٠٢_093000",
    ])
    func refusesOtherNames(name: String) {
        #expect(PrearchiveTimestamp(rawValue: name) == nil)
    }

    @Test func legacyTimestampsAreMarked() throws {
        #expect(try #require(PrearchiveTimestamp(rawValue: "20000101_100001")).isLegacy)
    }

    @Test func datesReadBackInTheGivenTimeZone() throws {
        let timestamp = try #require(PrearchiveTimestamp(rawValue: "20240102_093000123"))
        let date = try #require(timestamp.date(in: Self.chicago))
        #expect(abs(date.timeIntervalSince1970 - 1_704_209_400.123) < 0.000_5)
        let legacy = try #require(PrearchiveTimestamp(rawValue: "20000101_100001"))
        #expect(legacy.date(in: Self.utc) == Date(timeIntervalSince1970: 946_720_801))
        let now = Date(timeIntervalSince1970: 1_751_000_000.25)
        #expect(PrearchiveTimestamp(date: now, timeZone: Self.chicago).date(in: Self.chicago) == now)
    }

    @Test(arguments: ["20241301_093000", "20240230_093000", "20240102_250000", "20240102_096000123", "00000000_000000"])
    func impossibleDatesReadAsNil(name: String) throws {
        #expect(try #require(PrearchiveTimestamp(rawValue: name)).date(in: Self.utc) == nil)
    }

    @Test func timestampsSortByTime() throws {
        let names = ["20240102_093000123", "20240102_093000", "20231231_235959999", "20240102_093000000"]
        let sorted = try names.map { try #require(PrearchiveTimestamp(rawValue: $0)) }.sorted().map(\.rawValue)
        #expect(sorted == ["20231231_235959999", "20240102_093000", "20240102_093000000", "20240102_093000123"])
    }
}

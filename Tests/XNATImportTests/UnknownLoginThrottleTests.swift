import Foundation
import Testing
import XNATImport

@Suite struct UnknownLoginThrottleTests {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func theMaximumthFailureLocksForTheLockout() {
        let throttle = UnknownLoginThrottle()
        #expect(!throttle.recordFailure("ghost", at: start, maximum: 2, lockout: .seconds(60)))
        #expect(throttle.recordFailure("ghost", at: start, maximum: 2, lockout: .seconds(60)))
        #expect(throttle.isLocked("ghost", at: start.adding(.seconds(59))))
        #expect(!throttle.isLocked("ghost", at: start.adding(.seconds(60))))
        #expect(!throttle.isLocked("other", at: start))
    }

    @Test func zeroNeverLocks() {
        let throttle = UnknownLoginThrottle()
        for _ in 1...20 {
            #expect(!throttle.recordFailure("ghost", at: start, maximum: 0, lockout: .seconds(60)))
        }
    }

    @Test func oldNamesAreForgottenPastTheCapacity() {
        let throttle = UnknownLoginThrottle()
        _ = throttle.recordFailure("first", at: start, maximum: 1, lockout: .seconds(60))
        let later = start.adding(.seconds(3600))
        for index in 0...UnknownLoginThrottle.capacity {
            _ = throttle.recordFailure("name\(index)", at: later, maximum: 5, lockout: .seconds(60))
        }
        #expect(!throttle.isLocked("first", at: start))
    }
}

import Foundation
@testable import MedSynQ
import Testing

@Suite struct LoginThrottleTests {
    @Test func fiveTriesBlockTheKeyUntilTheWindowEnds() {
        let throttle = LoginThrottle(maximumFailures: 5, window: 60)
        let start = Date(timeIntervalSince1970: 0)
        for _ in 0..<5 { #expect(throttle.admit("k", now: start) == nil) }
        #expect(throttle.admit("k", now: start.addingTimeInterval(10)) == 50)
        #expect(throttle.admit("other", now: start) == nil)
        #expect(throttle.admit("k", now: start.addingTimeInterval(61)) == nil)
    }

    @Test func aSuccessForgetsTheTries() {
        let throttle = LoginThrottle(maximumFailures: 1, window: 60)
        #expect(throttle.admit("a") == nil)
        throttle.recordSuccess(for: "a")
        #expect(throttle.admit("a") == nil)
        #expect(throttle.admit("a") != nil)
    }

    @Test func theOldestKeyIsDroppedWhenFull() {
        let throttle = LoginThrottle(maximumFailures: 1, window: 60, capacity: 2)
        _ = throttle.admit("b", now: Date(timeIntervalSinceNow: -5))
        _ = throttle.admit("c")
        _ = throttle.admit("d")
        #expect(throttle.admit("b") == nil)
        #expect(throttle.admit("d") != nil)
    }
}

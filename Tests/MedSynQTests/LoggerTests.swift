import Foundation
import Synchronization
import Testing

@testable import MedSynQ

@Test func timestampsAreUTCToTheSecond() {
    let date = Date(timeIntervalSince1970: 1_796_318_905.75)
    #expect(Logger.timestamp(date) == "2026-12-03T17:28:25Z")
    #expect(Logger.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
}

@Test func aLineHasTheTimeLevelMessageAndQuotedValues() {
    let lines = Mutex<[String]>([])
    let logger = Logger { line in lines.withLock { $0.append(line) } }
    logger.info("request", ["route": "/patients", "note": "two words", "empty": ""])
    logger.log(.debug, "dropped")
    let written = lines.withLock { $0 }
    #expect(written.count == 1)
    let line = written.first ?? ""
    #expect(line.hasSuffix(#" info request route=/patients note="two words" empty="""#))
    #expect(line.count == 20 + #" info request route=/patients note="two words" empty="""#.count)
}

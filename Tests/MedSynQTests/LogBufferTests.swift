import Foundation
import Testing
import TestSupport

@testable import MedSynQ

/// A file in a temporary folder, open for writing, read back whole by `contents`.
private struct LogFile {
    let path: String
    let descriptor: Int32
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        path = folder.path + "/medsynq.log"
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    }

    var contents: String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Closes the file; the folder goes with the value.
    func close() {
        Glibc.close(descriptor)
    }
}

@Test func linesWaitForAFlushAndKeepTheirOrder() throws {
    let file = try LogFile()
    defer { file.close() }
    let buffer = LogBuffer(descriptor: file.descriptor, interval: .seconds(60))
    defer { buffer.close() }
    for number in 1...3 { buffer.append("line \(number)") }
    #expect(file.contents.isEmpty)
    buffer.flush()
    #expect(file.contents == "line 1\nline 2\nline 3\n")
}

@Test func urgentLinesAndFullBuffersAreWrittenAtOnce() throws {
    let file = try LogFile()
    defer { file.close() }
    let buffer = LogBuffer(descriptor: file.descriptor, capacity: 64, interval: .seconds(60))
    defer { buffer.close() }
    buffer.append("quiet")
    buffer.append("loud", isUrgent: true)
    #expect(file.contents == "quiet\nloud\n")
    buffer.append(String(repeating: "x", count: 70))
    #expect(file.contents.hasSuffix(String(repeating: "x", count: 70) + "\n"))
}

@Test func theFlushingThreadWritesAnIdleBuffer() async throws {
    let file = try LogFile()
    defer { file.close() }
    let buffer = LogBuffer(descriptor: file.descriptor, interval: .milliseconds(20))
    defer { buffer.close() }
    buffer.append("eventually")
    for _ in 0..<100 where file.contents.isEmpty {
        try await Task.sleep(for: .milliseconds(20))
    }
    #expect(file.contents == "eventually\n")
}

@Test func millisecondsHaveTwoDecimals() {
    #expect(App.milliseconds(0.012_05) == "12.05")
    #expect(App.milliseconds(0.000_07) == "0.07")
    #expect(App.milliseconds(1.5) == "1500.00")
    #expect(App.milliseconds(-1) == "0.00")
}

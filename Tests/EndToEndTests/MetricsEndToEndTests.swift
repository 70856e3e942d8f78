import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The built `medsynq` program, run as an operator would run it.
private struct Program {
    static let binary = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: ".build/debug/medsynq")

    /// Runs `arguments` to the end; returns the exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A GET on loopback; returns the status and body.
private func get(_ url: String, cookie: String? = nil) async throws -> (Int, String) {
    var request = URLRequest(url: URL(string: url)!)
    if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}

@Test func seededDashboardsAreCountedInMetrics() async throws {
    let data = FileManager.default.temporaryDirectory.appending(path: "medsynq-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: data) }
    let sessions = data.appending(path: "sessions.txt").path
    let seeded = try Program.run(
        ["seed", "--data", data.path, "--tenants", "2", "--patients", "3", "--sessions", sessions])
    #expect(seeded.status == 0)
    let cookie = try String(contentsOfFile: sessions, encoding: .utf8).split(separator: " ")[0]

    let server = Process()
    server.executableURL = Program.binary
    server.arguments = ["serve", "--data", data.path, "--port", "0", "--pool-size", "1"]
    let output = Pipe()
    server.standardOutput = output
    server.standardError = FileHandle.nullDevice
    try server.run()
    defer { server.terminate(); server.waitUntilExit() }
    let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
    let address = try #require(line.split(separator: " ").last?
        .trimmingCharacters(in: .whitespacesAndNewlines))

    let (status, page) = try await get(address + "/patients", cookie: "medsynq_session=\(cookie)")
    #expect(status == 200)
    #expect(page.contains("Patients (3)"))
    let (metricsStatus, metrics) = try await get(address + "/metrics")
    #expect(metricsStatus == 200)
    let dashboards = #"medsynq_http_requests_total{method="GET",route="/patients",status="200"}"#
    #expect(metrics.contains(dashboards + " 1"))
    #expect(metrics.contains("medsynq_shard_pool_capacity 1"))
    #expect(metrics.contains("medsynq_shard_pool_misses_total 1"))
}

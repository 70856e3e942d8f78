import Foundation
import Testing
import TestSupport

/// Seeded organisations served and counted, as an operator would watch them.
@Test func seededDashboardsAreCountedInMetrics() throws {
    let folder = try TemporaryFolder()
    let sessions = folder.path + "/sessions.txt"
    let seeded = try Binary.run([
        "seed", "--data", folder.path, "--tenants", "2", "--patients", "3", "--sessions", sessions,
    ])
    #expect(seeded.status == 0)
    let cookie = try String(contentsOfFile: sessions, encoding: .utf8).split(separator: " ")[0]

    let server = try ServerProcess(dataFolder: folder.path, arguments: ["--pool-size", "1"])
    let client = HTTPClient(port: server.port)
    client.cookies["medsynq_session"] = String(cookie)
    let page = try client.get("/patients")
    #expect(page.status == 200)
    #expect(page.body.contains("Patients (3)"))

    let metrics = try HTTPClient(port: server.port).get("/metrics")
    #expect(metrics.status == 200)
    let dashboards = #"medsynq_http_requests_total{method="GET",route="/patients",status="200"}"#
    #expect(metrics.body.contains(dashboards + " 1"))
    #expect(metrics.body.contains("medsynq_shard_pool_capacity 1"))
    #expect(metrics.body.contains("medsynq_shard_pool_misses_total 1"))
}

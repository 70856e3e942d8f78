import Foundation
import Testing

@testable import MedSynQ

/// A sample line of Prometheus' text format: a name, optional labels, a number.
private func sampleLinePattern() throws -> Regex<AnyRegexOutput> {
    let name = "[a-zA-Z_:][a-zA-Z0-9_:]*"
    let label = #"[a-zA-Z_][a-zA-Z0-9_]*="(?:\\.|[^"\\])*""#
    let value = #"-?[0-9][0-9.e+-]*|\+Inf|NaN"#
    return try Regex("^(\(name))(?:\\{\(label)(?:,\(label))*\\})? (?:\(value))$")
}

/// Parses `text` as Prometheus' exposition format; returns each sample line's
/// name and labels with its value, and records an issue for any malformed line.
private func parse(_ text: String) -> [String: Double] {
    var samples: [String: Double] = [:]
    var typed: Set<String> = []
    let sampleLine = try! sampleLinePattern()
    #expect(text.hasSuffix("\n"))
    for line in text.split(separator: "\n") {
        if line.hasPrefix("# TYPE ") {
            let words = line.split(separator: " ")
            #expect(words.count == 4, "TYPE line: \(line)")
            #expect(["counter", "gauge", "histogram"].contains(String(words[3])))
            typed.insert(String(words[2]))
        } else if line.hasPrefix("# HELP ") {
            continue
        } else if let match = try? sampleLine.wholeMatch(in: String(line)) {
            let name = String(match.output[1].substring ?? "")
            let family = ["_bucket", "_sum", "_count"].reduce(name) { name, suffix in
                typed.contains(name) ? name : String(name.replacing(suffix, with: ""))
            }
            #expect(typed.contains(family), "sample before its TYPE line: \(line)")
            let key = String(line.split(separator: " ").dropLast().joined(separator: " "))
            samples[key] = Double(String(line.split(separator: " ").last!))
        } else {
            Issue.record("not Prometheus text: \(line)")
        }
    }
    return samples
}

@Test func emptyMetricsStillListEveryPoolFamily() {
    let text = Metrics().render(pool: PoolStatistics(), poolCapacity: 128)
    let samples = parse(text)
    #expect(samples["medsynq_shard_pool_capacity"] == 128)
    #expect(samples["medsynq_shard_pool_open_shards"] == 0)
    #expect(samples["medsynq_http_request_duration_seconds_count"] == 0)
    #expect(samples[#"medsynq_http_request_duration_seconds_bucket{le="+Inf"}"#] == 0)
}

@Test func requestsAreCountedByRouteAndStatus() {
    let metrics = Metrics()
    metrics.record(method: "GET", route: "/patients", status: 200, seconds: 0.002)
    metrics.record(method: "GET", route: "/patients", status: 200, seconds: 0.003)
    metrics.record(method: "POST", route: "/patients", status: 303, seconds: 0.001)
    metrics.record(method: "BREW", route: "/patients", status: 405, seconds: 0.001)
    metrics.record(method: "GET", route: "unmatched", status: 404, seconds: 0.0001)
    let samples = parse(metrics.render(pool: PoolStatistics(), poolCapacity: 8))
    let name = "medsynq_http_requests_total"
    #expect(samples[#"\#(name){method="GET",route="/patients",status="200"}"#] == 2)
    #expect(samples[#"\#(name){method="POST",route="/patients",status="303"}"#] == 1)
    #expect(samples[#"\#(name){method="other",route="/patients",status="405"}"#] == 1)
    #expect(samples[#"\#(name){method="GET",route="unmatched",status="404"}"#] == 1)
}

@Test func latencyHistogramIsCumulative() {
    let metrics = Metrics()
    for seconds in [0.0004, 0.0009, 0.004, 0.3, 9.0] {
        metrics.record(method: "GET", route: "/healthz", status: 200, seconds: seconds)
    }
    let samples = parse(metrics.render(pool: PoolStatistics(), poolCapacity: 8))
    func bucket(_ bound: String) -> Double? {
        samples[#"medsynq_http_request_duration_seconds_bucket{le="\#(bound)"}"#]
    }
    #expect(bucket("0.0005") == 1)
    #expect(bucket("0.001") == 2)
    #expect(bucket("0.005") == 3)
    #expect(bucket("0.5") == 4)
    #expect(bucket("2.5") == 4)
    #expect(bucket("+Inf") == 5)
    #expect(samples["medsynq_http_request_duration_seconds_count"] == 5)
    let sum = samples["medsynq_http_request_duration_seconds_sum"] ?? 0
    #expect(abs(sum - 9.3053) < 1e-9)
}

@Test func poolStatisticsAreReported() {
    var pool = PoolStatistics()
    pool.hits = 90
    pool.misses = 10
    pool.evictions = 4
    pool.waits = 2
    pool.openShards = 6
    let samples = parse(Metrics().render(pool: pool, poolCapacity: 6))
    #expect(samples["medsynq_shard_pool_hits_total"] == 90)
    #expect(samples["medsynq_shard_pool_misses_total"] == 10)
    #expect(samples["medsynq_shard_pool_evictions_total"] == 4)
    #expect(samples["medsynq_shard_pool_lease_waits_total"] == 2)
    #expect(samples["medsynq_shard_pool_open_shards"] == 6)
}

@Test func labelValuesAreEscaped() {
    #expect(MetricsText.escaped(#"a"b\c"#) == #"a\"b\\c"#)
    #expect(MetricsText.escaped("line\nbreak") == #"line\nbreak"#)
}

@Test func recordingFromManyThreadsLosesNothing() {
    let metrics = Metrics()
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
        for _ in 0..<1_000 {
            metrics.record(method: "GET", route: "/patients", status: 200, seconds: 0.001)
        }
    }
    #expect(metrics.snapshot.latencyCount == 8_000)
    let key = Metrics.RequestKind(method: "GET", route: "/patients", status: 200)
    #expect(metrics.snapshot.requests[key] == 8_000)
}

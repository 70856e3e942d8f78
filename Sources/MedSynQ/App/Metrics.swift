import Synchronization

/// Counts what the server has answered, for `GET /metrics`.
///
/// Recording a request takes one short, uncontended-in-practice lock and no
/// allocation once a route and status have been seen; rendering, which is rare,
/// copies the counts and formats them outside the lock.
public final class Metrics: Sendable {
    /// Upper bounds of the latency histogram's buckets, in seconds.
    static let bucketBounds: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
    ]

    private let state = Mutex(Counts())

    /// What has been counted so far.
    struct Counts {
        /// Requests answered, by method, route pattern and status.
        var requests: [RequestKind: Int] = [:]
        /// Requests per histogram bucket (not cumulative); the last is `+Inf`.
        var buckets = [Int](repeating: 0, count: Metrics.bucketBounds.count + 1)
        var latencySum: Double = 0
        var latencyCount = 0
    }

    /// A method, a route pattern (never a raw path) and a status code.
    struct RequestKind: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    /// The method as metrics and logs name it: GET, HEAD and POST by name, any
    /// other as "other", so that a client can neither add series by inventing
    /// methods nor put its own text into the log.
    static func label(forMethod method: String) -> String {
        switch method {
        case "GET", "HEAD", "POST": method
        default: "other"
        }
    }

    public init() {}

    /// Counts one answered request that took `seconds`.
    ///
    /// `route` must be a pattern from a fixed set, such as "/patients/:id", so that
    /// the number of series stays bounded.
    func record(method: String, route: String, status: Int, seconds: Double) {
        let bucket = Self.bucketBounds.firstIndex { seconds <= $0 } ?? Self.bucketBounds.count
        let method = Self.label(forMethod: method)
        let kind = RequestKind(method: method, route: route, status: status)
        state.withLock { counts in
            counts.requests[kind, default: 0] += 1
            counts.buckets[bucket] += 1
            counts.latencySum += seconds
            counts.latencyCount += 1
        }
    }

    /// A copy of the counts, taken under the lock.
    var snapshot: Counts {
        state.withLock { $0 }
    }

    /// Every metric in Prometheus' text exposition format (version 0.0.4).
    func render(pool: PoolStatistics, poolCapacity: Int) -> String {
        var text = MetricsText()
        writeRequests(to: &text)
        text.family(
            "medsynq_shard_pool_capacity", type: "gauge",
            help: "Shards (connections to tenant files) the pool may hold open at once.")
        text.sample("medsynq_shard_pool_capacity", value: poolCapacity)
        text.family(
            "medsynq_shard_pool_open_shards", type: "gauge",
            help: "Shards open now; a busy tenant may have several.")
        text.sample("medsynq_shard_pool_open_shards", value: pool.openShards)
        let counters: [(String, String, Int)] = [
            ("hits", "Leases served by a shard that was already open.", pool.hits),
            ("misses", "Leases that had to open a tenant file.", pool.misses),
            ("evictions", "Idle shards closed to make room or on request.", pool.evictions),
            ("lease_waits", "Times a lease waited for a busy shard or a free slot.", pool.waits),
        ]
        for (name, help, value) in counters {
            let family = "medsynq_shard_pool_\(name)_total"
            text.family(family, type: "counter", help: help)
            text.sample(family, value: value)
        }
        return text.output
    }

    private func writeRequests(to text: inout MetricsText) {
        let counts = snapshot
        let requests = "medsynq_http_requests_total"
        text.family(
            requests, type: "counter", help: "Requests answered, by method, route and status.")
        let ordered = counts.requests.sorted {
            ($0.key.route, $0.key.method, $0.key.status)
                < ($1.key.route, $1.key.method, $1.key.status)
        }
        for (key, count) in ordered {
            let labels = [
                ("method", key.method), ("route", key.route), ("status", String(key.status)),
            ]
            text.sample(requests, labels: labels, value: count)
        }

        let duration = "medsynq_http_request_duration_seconds"
        text.family(duration, type: "histogram", help: "Time from request to response.")
        var cumulative = 0
        for (index, count) in counts.buckets.enumerated() {
            cumulative += count
            let bound = index < Self.bucketBounds.count ? "\(Self.bucketBounds[index])" : "+Inf"
            text.sample(duration + "_bucket", labels: [("le", bound)], value: cumulative)
        }
        text.sample(duration + "_sum", value: counts.latencySum)
        text.sample(duration + "_count", value: counts.latencyCount)
    }
}

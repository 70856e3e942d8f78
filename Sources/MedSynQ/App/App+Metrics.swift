import HTTPServer

extension App {
    /// GET /metrics: request counts, latencies and the shard pool, for Prometheus.
    ///
    /// It is served on the same host and port as the pages, so it is as reachable
    /// as the server is: loopback by default.
    func showMetrics() -> Response {
        let text = metrics.render(pool: pool.statistics, poolCapacity: pool.capacity)
        var response = Response.text(text)
        response.headers = [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")]
        return response
    }
}

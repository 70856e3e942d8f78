import Foundation
import HTTPServer

/// The MedSynQ web application: turns each request into a response.
///
/// One instance serves every tenant, on many threads at once. What it holds is
/// either immutable or guards itself (the catalog, the pool, the throttle).
public final class App: Sendable {
    let folder: DataFolder
    let catalog: Catalog
    let pool: ShardPool
    let logger: Logger
    let throttle = LoginThrottle()
    let sessionPolicy: SessionPolicy
    let metrics: Metrics

    public init(
        folder: DataFolder, catalog: Catalog, pool: ShardPool, logger: Logger,
        sessionPolicy: SessionPolicy = SessionPolicy(), metrics: Metrics = Metrics()
    ) {
        self.folder = folder
        self.catalog = catalog
        self.pool = pool
        self.logger = logger
        self.sessionPolicy = sessionPolicy
        self.metrics = metrics
    }

    /// Closes the open shards of tenants that are gone from the catalog or being
    /// offboarded, so that their deleted files are let go without waiting for a
    /// request. The server calls this every few seconds.
    public func closeShardsOfDepartedTenants() {
        for id in pool.openTenantIDs {
            // A catalog that cannot be read closes the shards too: they reopen on demand.
            let state = try? catalog.tenant(id: id)?.state
            guard state == nil || state == .offboarding else { continue }
            do {
                try pool.close(id)
                logger.info("closed departed tenant", ["tenant": id.rawValue])
            } catch {
                logger.error(
                    "closing departed tenant failed", ["tenant": id.rawValue, "error": "\(error)"])
            }
        }
    }

    /// Answers one request and logs one line about it.
    @Sendable public func handle(_ request: Request) -> Response {
        let started = ContinuousClock.now
        var context = RequestContext()
        var response: Response
        do {
            response = try route(request, context: &context)
        } catch let error as HTTPError {
            response = error.response
        } catch CredentialsError.busy {
            response = HTTPError.busy.response
        } catch {
            logger.error(
                "request failed",
                ["request": String(request.id), "route": context.route, "error": "\(error)"])
            response = HTTPError.internalError.response
        }
        Self.addSecurityHeaders(to: &response)
        let seconds = Self.seconds(since: started)
        metrics.record(
            method: Metrics.label(forMethod: request.method), route: context.route,
            status: response.status,
            seconds: seconds)
        logRequest(request, context: context, status: response.status, seconds: seconds)
        return response
    }

    private func logRequest(
        _ request: Request, context: RequestContext, status: Int, seconds: Double
    ) {
        logger.info("request", [
            "id": String(request.id), "tenant": context.tenantID?.rawValue ?? "-",
            "method": Metrics.label(forMethod: request.method), "route": context.route,
            "status": String(status), "ms": Self.milliseconds(seconds),
        ])
    }

    /// `seconds` as milliseconds with two decimals, such as "12.05" (what
    /// `String(format:)` would give, at a fraction of its cost).
    static func milliseconds(_ seconds: Double) -> String {
        let hundredths = Int((max(seconds, 0) * 100_000).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private static func seconds(since started: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds)
            + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Headers that keep pages from being framed, sniffed, cached or given scripts.
    private static func addSecurityHeaders(to response: inout Response) {
        response.addHeader(
            "Content-Security-Policy",
            "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; "
                + "frame-ancestors 'none'; base-uri 'none'")
        response.addHeader("X-Content-Type-Options", "nosniff")
        response.addHeader("X-Frame-Options", "DENY")
        response.addHeader("Referrer-Policy", "no-referrer")
        if response.header("Cache-Control") == nil {
            response.addHeader("Cache-Control", "no-store")
        }
    }
}

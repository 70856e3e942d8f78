/// What a request turned out to concern, for its log line.
struct RequestContext {
    /// The route's pattern, such as "/patients/:id" (never a value from the path).
    var route = "unmatched"
    var tenantID: TenantID?
}

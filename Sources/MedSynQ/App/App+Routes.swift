import HTTPServer

extension App {
    /// Finds the handler for a method and path.
    func route(_ request: Request, context: inout RequestContext) throws -> Response {
        let method = request.method == "HEAD" ? "GET" : request.method
        let path = request.path
        context.route = path
        switch (method, path) {
        case ("GET", "/"):
            return .redirect(to: hasSessionCookie(request) ? "/patients" : "/login")
        case ("GET", "/healthz"):
            return .text("ok\n")
        case ("GET", "/metrics"):
            return showMetrics()
        case ("GET", "/images/logo.png"):
            return Assets.logo
        case ("GET", "/favicon.png"), ("GET", "/favicon.ico"):
            return Assets.favicon
        case ("GET", "/styles.css"):
            return Assets.styles
        case ("GET", "/signup"):
            return showSignup(request)
        case ("POST", "/signup"):
            return try signup(request, context: &context)
        case ("GET", "/login"):
            return showLogin(request)
        case ("POST", "/login"):
            return try login(request, context: &context)
        case ("POST", "/logout"):
            return try logout(request, context: &context)
        case ("GET", "/patients"):
            return try showPatients(request, context: &context)
        case ("POST", "/patients"):
            return try addPatient(request, context: &context)
        case ("GET", _) where path.hasPrefix("/patients/"):
            context.route = "/patients/:id"
            return try showPatient(request, context: &context)
        default:
            context.route = "unmatched"
            throw Self.knownPaths.contains(path) ? HTTPError.methodNotAllowed : .notFound
        }
    }

    private static let knownPaths: Set = [
        "/", "/healthz", "/metrics", "/signup", "/login", "/logout", "/patients",
    ]
}

import HTTPServer

extension App {
    /// Finds the handler for a method and path.
    func route(_ request: Request, context: inout RequestContext) throws -> Response {
        let method = request.method == "HEAD" ? "GET" : request.method
        let path = request.path
        context.route = path
        guard !request.areHeadersTooLarge, !request.isBodyTooLarge else {
            if !Self.knownPaths.contains(path) { context.route = "unmatched" }
            throw request.areHeadersTooLarge ? HTTPError.headersTooLarge : .contentTooLarge
        }
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
            return showSignUp(request)
        case ("POST", "/signup"):
            return try signUp(request, context: &context)
        case ("GET", "/login"):
            return showLogIn(request)
        case ("POST", "/login"):
            return try logIn(request, context: &context)
        case ("POST", "/logout"):
            return try logOut(request, context: &context)
        case ("GET", "/patients"):
            return try showPatients(request, context: &context)
        case ("POST", "/patients"):
            return try addPatient(request, context: &context)
        case ("GET", "/staff"):
            return try showStaff(request, context: &context)
        case ("POST", "/staff"):
            return try addStaff(request, context: &context)
        case ("GET", _) where path.hasPrefix("/patients/"):
            context.route = "/patients/:id"
            return try showPatient(request, context: &context)
        default:
            context.route = "unmatched"
            throw Self.knownPaths.contains(path) ? HTTPError.methodNotAllowed : .notFound
        }
    }

    private static let knownPaths: Set = [
        "/", "/healthz", "/metrics", "/signup", "/login", "/logout", "/patients", "/staff",
    ]
}

import Foundation
import HTTPServer

extension App {
    /// GET /signup: the Create Organisation form.
    func showSignUp(_ request: Request) -> Response {
        let token = formToken(request)
        let page = AccountPages.signUp(values: .init(), errors: .init(), csrfToken: token.token)
        return formPage(page, token: token)
    }

    /// POST /signup: creates a tenant and logs its admin in.
    func signUp(_ request: Request, context: inout RequestContext) throws -> Response {
        let form = try readForm(request)
        try checkFormToken(request, form)
        let signup = Signup(form: form)
        func refuse(_ errors: FieldErrors) -> Response {
            let token = formToken(request)
            let page = AccountPages.signUp(
                values: signup.values, errors: errors, csrfToken: token.token)
            return formPage(page, token: token, status: 422)
        }

        var errors = signup.errors
        if errors["organisation"] == nil, try catalog.tenant(named: signup.tenantName) != nil {
            errors["organisation"] = Signup.nameTakenMessage
        }
        guard errors.isEmpty else { return refuse(errors) }
        do {
            let created = try TenantProvisioner(folder: folder, catalog: catalog).create(
                named: signup.tenantName,
                admin: .init(name: signup.name, email: signup.email, password: signup.password))
            context.tenantID = created.tenant.id
            logger.info("tenant created", ["tenant": created.tenant.id.rawValue])
            return signedInRedirect(tenant: created.tenant.id, secret: created.sessionSecret)
        } catch CatalogError.nameTaken {
            errors["organisation"] = Signup.nameTakenMessage
            return refuse(errors)
        }
    }

    /// GET /login: the login form, with a notice when a session has just ended.
    func showLogIn(_ request: Request) -> Response {
        let token = formToken(request)
        let notice = request.query["ended"] == "1" ? Self.sessionEndedMessage : nil
        let page = AccountPages.logIn(
            values: .init(), message: nil, notice: notice, csrfToken: token.token)
        return formPage(page, token: token)
    }

    /// POST /login: starts a session, or says (generically) that the details are wrong.
    func logIn(_ request: Request, context: inout RequestContext) throws -> Response {
        let form = try readForm(request)
        try checkFormToken(request, form)
        let attempt = LoginAttempt(form: form)
        func refuse(_ message: String, status: Int) -> Response {
            let token = formToken(request)
            let page = AccountPages.logIn(
                values: attempt.values, message: message, csrfToken: token.token)
            return formPage(page, token: token, status: status)
        }

        guard attempt.isComplete else {
            return refuse("Enter your organisation, email and password.", status: 422)
        }
        if let wait = throttle.admit(attempt.throttleKey) {
            let minutes = Int((wait / 60).rounded(.up))
            let unit = minutes == 1 ? "minute" : "minutes"
            var response = refuse(
                "Too many failed attempts. Try again in \(minutes) \(unit).", status: 429)
            response.addHeader("Retry-After", String(Int(wait.rounded(.up))))
            return response
        }
        guard let (tenant, user) = try authenticate(attempt, context: &context) else {
            return refuse(Self.wrongLoginMessage, status: 401)
        }
        throttle.recordSuccess(for: attempt.throttleKey)
        let secret = try pool.withShard(tenant.id) { shard in
            let sessions = SessionStore(connection: shard.connection)
            // Logins are rare next to page views: a good moment to drop ended sessions.
            try sessions.endExpired(under: sessionPolicy)
            return try sessions.start(for: user)
        }
        return signedInRedirect(tenant: tenant.id, secret: secret)
    }

    /// POST /logout: ends the session on the server and in the browser.
    func logOut(_ request: Request, context: inout RequestContext) throws -> Response {
        let form = try readForm(request)
        return try withSession(request, form: form, context: &context) { signedIn in
            try SessionStore(connection: signedIn.shard.connection).end(signedIn.session.id)
            var response = toLogin(clearingSession: true)
            // The browser's back button must not show the pages of the ended session.
            response.addHeader("Clear-Site-Data", "\"cache\"")
            return response
        }
    }

    /// The tenant and user `attempt` names, if its password is theirs.
    ///
    /// An unknown organisation or email costs the same Argon2id check as a known
    /// one, so that timing does not tell which names exist.
    private func authenticate(
        _ attempt: LoginAttempt, context: inout RequestContext
    ) throws -> (Tenant, User)? {
        guard let tenant = try catalog.tenant(named: attempt.tenantName),
              tenant.state != .offboarding
        else {
            _ = try Credentials.verifyPassword(attempt.password, against: Self.decoyHash.get())
            return nil
        }
        context.tenantID = tenant.id
        // A tenant being restored cannot be read; saying so reveals no more than the
        // sign-up form's "name taken" does.
        guard tenant.state == .active else { throw HTTPError.maintenance }
        let found = try pool.withShard(tenant.id) { shard in
            try UserStore(connection: shard.connection).find(email: attempt.email)
        }
        // Checked outside the lease: it takes about 100 ms of CPU, and the tenant's
        // other requests need not wait for it.
        let hash = try found?.passwordHash ?? Self.decoyHash.get()
        guard try Credentials.verifyPassword(attempt.password, against: hash), let found else {
            return nil
        }
        return (tenant, found.user)
    }

    private func signedInRedirect(tenant: TenantID, secret: String) -> Response {
        var response = Response.redirect(to: "/patients")
        response.addHeader("Set-Cookie", sessionCookieHeader(tenant: tenant, secret: secret))
        return response
    }

    static let wrongLoginMessage = "The organisation, email or password is not right."
    static let sessionEndedMessage = "Your session has ended. Please log in again."

    /// A hash no password is known for, checked when the account does not exist.
    private static let decoyHash = Result {
        try Credentials.hashPassword(Credentials.randomHex(bytes: 32))
    }
}

import Foundation
import HTTPServer

extension App {
    /// GET /signup: the Create Organisation form.
    func showSignup(_ request: Request) -> Response {
        let token = formToken(request)
        let page = AccountPages.signup(values: .init(), errors: .init(), csrfToken: token.token)
        return Self.formPage(page, token: token)
    }

    /// POST /signup: creates an organisation and logs its admin in.
    func signup(_ request: Request, context: inout RequestContext) throws -> Response {
        let form = try readForm(request)
        try checkFormToken(request, form)
        let token = formToken(request)
        let signup = Signup(form: form)
        var errors = signup.errors
        if errors["organisation"] == nil, try catalog.tenant(named: signup.organisation) != nil {
            errors["organisation"] = Signup.nameTakenMessage
        }
        guard errors.isEmpty else {
            let page = AccountPages.signup(values: signup.values, errors: errors, csrfToken: token.token)
            return Self.formPage(page, token: token, status: 422)
        }

        let tenant: Tenant
        do {
            tenant = try TenantProvisioner(folder: folder, catalog: catalog).create(
                organisation: signup.organisation,
                admin: .init(name: signup.name, email: signup.email, password: signup.password))
        } catch CatalogError.nameTaken {
            errors["organisation"] = Signup.nameTakenMessage
            let page = AccountPages.signup(values: signup.values, errors: errors, csrfToken: token.token)
            return Self.formPage(page, token: token, status: 422)
        }
        context.tenantID = tenant.id
        logger.info("organisation created", ["tenant": tenant.id.rawValue])

        let secret = try pool.withShard(tenant.id) { shard in
            guard let admin = try UserStore(connection: shard.connection).find(email: signup.email)
            else { throw HTTPError.internalError }
            return try SessionStore(connection: shard.connection).start(for: admin.user)
        }
        var response = Response.redirect(to: "/patients")
        response.addHeader("Set-Cookie", Self.sessionCookieHeader(tenant: tenant.id, secret: secret))
        return response
    }

    /// GET /login: the login form.
    func showLogin(_ request: Request) -> Response {
        let token = formToken(request)
        let page = AccountPages.login(values: .init(), message: nil, csrfToken: token.token)
        return Self.formPage(page, token: token)
    }

    /// POST /login: starts a session, or says (generically) that the details are wrong.
    func login(_ request: Request, context: inout RequestContext) throws -> Response {
        let form = try readForm(request)
        try checkFormToken(request, form)
        let values = AccountPages.LoginValues(
            organisation: form["organisation"] ?? "",
            email: (form["email"] ?? "").trimmingCharacters(in: .whitespaces))
        let password = form["password"] ?? ""
        let token = formToken(request)
        let throttleKey = Tenant.lookupKey(for: values.organisation) + "\n" + values.email.lowercased()
        func refuse(_ message: String, status: Int) -> Response {
            let page = AccountPages.login(values: values, message: message, csrfToken: token.token)
            return Self.formPage(page, token: token, status: status)
        }

        if let wait = throttle.waitTime(for: throttleKey) {
            let minutes = Int((wait / 60).rounded(.up))
            return refuse(
                "Too many failed attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").",
                status: 429)
        }
        guard let tenant = try catalog.tenant(named: values.organisation), tenant.state != .offboarding
        else {
            // The same work as a real check, so that timing does not reveal names.
            _ = Credentials.verifyPassword(password, against: Self.decoyHash)
            throttle.recordFailure(for: throttleKey)
            return refuse(Self.wrongLoginMessage, status: 401)
        }
        context.tenantID = tenant.id
        guard tenant.state == .active else { throw HTTPError.maintenance }

        // The password is checked outside the lease: it takes about 100 ms of CPU,
        // and the tenant's other requests need not wait for it.
        let account = try pool.withShard(tenant.id) { shard in
            try UserStore(connection: shard.connection).find(email: values.email)
        }
        guard let account,
              Credentials.verifyPassword(password, against: account.passwordHash)
        else {
            if account == nil { _ = Credentials.verifyPassword(password, against: Self.decoyHash) }
            throttle.recordFailure(for: throttleKey)
            return refuse(Self.wrongLoginMessage, status: 401)
        }
        throttle.recordSuccess(for: throttleKey)
        let secret = try pool.withShard(tenant.id) { shard in
            try SessionStore(connection: shard.connection).start(for: account.user)
        }
        var response = Response.redirect(to: "/patients")
        response.addHeader("Set-Cookie", Self.sessionCookieHeader(tenant: tenant.id, secret: secret))
        return response
    }

    /// POST /logout: ends the session on the server and in the browser.
    func logout(_ request: Request, context: inout RequestContext) throws -> Response {
        let form = try readForm(request)
        return try withSession(request, form: form, context: &context) { signedIn in
            try SessionStore(connection: signedIn.shard.connection).end(signedIn.session.id)
            return Self.toLogin(clearingSession: true)
        }
    }

    static let wrongLoginMessage = "The organisation, email or password is not right."

    /// A hash no password is known for, checked when the account does not exist.
    private static let decoyHash: String =
        (try? Credentials.hashPassword(Credentials.randomHex(bytes: 32))) ?? ""
}

import Foundation
import HTTPServer

/// A request from a logged-in user, with its tenant's shard leased for it.
struct SignedIn {
    let tenant: Tenant
    let shard: Shard
    let session: Session

    var account: Layout.Account {
        Layout.Account(
            userName: session.user.name, tenantName: tenant.name,
            csrfToken: session.csrfToken)
    }
}

extension App {
    /// The cookie naming a session: "<tenant id>.<secret>".
    static let sessionCookie = "medsynq_session"
    /// The cookie that pairs with the CSRF token of forms shown before login.
    static let formCookie = "medsynq_form"

    func hasSessionCookie(_ request: Request) -> Bool {
        sessionCredentials(request) != nil
    }

    /// Runs `body` for the logged-in user of `request`, with its tenant's shard.
    ///
    /// Visitors without a live session are sent to the login page. When `form` is
    /// given, its CSRF token must match the session's, or nothing runs (403).
    func withSession(
        _ request: Request, form: Form? = nil, context: inout RequestContext,
        _ body: (SignedIn) throws -> Response
    ) throws -> Response {
        try withSession(request, form: form, context: &context, leased: body) { $0 }
    }

    /// Like `withSession(_:form:context:_:)`, in two steps: `leased` reads with the
    /// tenant's shard, then `render` builds the response after the lease has ended,
    /// so that the tenant's other requests do not wait while a page is built.
    func withSession<Fetched>(
        _ request: Request, form: Form? = nil, context: inout RequestContext,
        leased body: (SignedIn) throws -> Fetched, render: (Fetched) throws -> Response
    ) throws -> Response {
        guard let (id, secret) = sessionCredentials(request) else {
            return toLogin(clearingSession: hasSessionCookie(request))
        }
        guard let tenant = try catalog.tenant(id: id), tenant.state != .offboarding else {
            // A tenant gone or going may still have shards open: close them now
            // rather than at the next housekeeping round. A failure to close
            // changes nothing the visitor could see.
            try? pool.close(id)
            return toLogin(clearingSession: true)
        }
        context.tenantID = id
        guard tenant.state == .active else { throw HTTPError.maintenance }
        let fetched: Fetched? = try pool.withShard(id) { shard in
            guard let session = try liveSession(secret: secret, form: form, on: shard) else {
                return nil
            }
            let signedIn = SignedIn(tenant: tenant, shard: shard, session: session)
            guard form != nil else { return try body(signedIn) }
            return try whileStillActive(signedIn) { try body(signedIn) }
        }
        guard let fetched else {
            return toLogin(clearingSession: true, sayingSessionEnded: true)
        }
        return try render(fetched)
    }

    /// Runs a form's `body`, which writes, in a transaction that first checks that
    /// the tenant is still active.
    ///
    /// The check and the write hold the file's write lock together. A restore
    /// pauses the tenant, then takes that lock once before it copies anything: so
    /// a write either committed before the pause's lock (and is in the undo copy)
    /// or sees the pause and is refused. None can land after the copy.
    private func whileStillActive<T>(_ signedIn: SignedIn, _ body: () throws -> T) throws -> T {
        try signedIn.shard.connection.transaction {
            guard try catalog.tenant(id: signedIn.tenant.id)?.state == .active else {
                throw HTTPError.maintenance
            }
            return try body()
        }
    }

    /// The session whose secret is `secret`, or nil if it has ended or expired.
    ///
    /// Throws 403 when `form` is given and its CSRF token is not the session's.
    private func liveSession(secret: String, form: Form?, on shard: Shard) throws -> Session? {
        let sessions = SessionStore(connection: shard.connection)
        guard let session = try sessions.find(secret: secret) else { return nil }
        let now = Date.now
        if sessionPolicy.hasExpired(session, now: now) {
            try sessions.end(session.id)
            return nil
        }
        if let form, !Credentials.isEqual(form["csrf_token"] ?? "", session.csrfToken) {
            throw HTTPError.forbidden
        }
        if now.timeIntervalSince(session.lastSeenAt) > sessionPolicy.touchInterval {
            try sessions.touch(session, now: now)
        }
        return session
    }

    /// The session cookie's tenant id and secret, if it is well formed.
    func sessionCredentials(_ request: Request) -> (TenantID, String)? {
        guard let value = request.cookie(Self.sessionCookie),
              let dot = value.utf8.firstIndex(of: UInt8(ascii: ".")),
              let id = TenantID(String(value[..<dot]))
        else { return nil }
        let secret = value[value.utf8.index(after: dot)...]
        guard secret.utf8.count == 64 else { return nil }
        return (id, String(secret))
    }

    /// A Set-Cookie value that starts a session.
    func sessionCookieHeader(tenant: TenantID, secret: String) -> String {
        cookieHeader(name: Self.sessionCookie, value: "\(tenant.rawValue).\(secret)")
    }

    /// The redirect to the login page, deleting a stale session cookie if asked.
    func toLogin(clearingSession: Bool, sayingSessionEnded: Bool = false) -> Response {
        var response = Response.redirect(to: sayingSessionEnded ? "/login?ended=1" : "/login")
        if clearingSession {
            response.addHeader(
                "Set-Cookie", cookieHeader(name: Self.sessionCookie, value: "", maxAge: 0))
        }
        return response
    }

    private func cookieHeader(name: String, value: String, maxAge: Int? = nil) -> String {
        Cookies.header(
            name: name, value: value, maxAge: maxAge, isSecure: sessionPolicy.usesSecureCookies)
    }

    /// The CSRF token for a form shown before login, and whether it is new (and so
    /// must be set as a cookie too).
    func formToken(_ request: Request) -> (token: String, isNew: Bool) {
        if let token = request.cookie(Self.formCookie), token.count == 64 {
            return (token, false)
        }
        return (Credentials.randomHex(bytes: 32), true)
    }

    /// Throws 403 unless the form's token matches the form cookie.
    func checkFormToken(_ request: Request, _ form: Form) throws {
        let cookie = request.cookie(Self.formCookie) ?? ""
        guard Credentials.isEqual(form["csrf_token"] ?? "", cookie) else {
            throw HTTPError.forbidden
        }
    }

    /// A page shown before login, setting the form cookie when it is new.
    func formPage(
        _ page: HTML, token: (token: String, isNew: Bool), status: Int = 200
    ) -> Response {
        var response = Response.html(page, status: status)
        if token.isNew {
            let cookie = cookieHeader(name: Self.formCookie, value: token.token)
            response.addHeader("Set-Cookie", cookie)
        }
        return response
    }

    /// Reads a request's form, or throws 400.
    func readForm(_ request: Request) throws -> Form {
        do {
            return try request.form()
        } catch {
            throw HTTPError.badForm
        }
    }
}

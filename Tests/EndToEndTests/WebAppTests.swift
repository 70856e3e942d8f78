import Foundation
import TestSupport
import Testing

/// The built `medsynq serve`, driven over HTTP as a browser would drive it.
@Suite struct WebAppTests {
    let folder: TemporaryFolder
    let server: ServerProcess

    init() throws {
        folder = try TemporaryFolder()
        server = try ServerProcess(dataFolder: folder.path)
    }

    @Test func signingUpLeadsToAnEmptyDashboardOfTheOrganisation() throws {
        let visitor = Visitor(port: server.port)
        let signup = try visitor.signUp(organisation: "Harbour Clinic", email: "ada@example.org")
        #expect(signup.status == 303)
        #expect(signup.header("Location") == "/patients")

        let dashboard = try visitor.dashboard()
        #expect(dashboard.status == 200)
        #expect(dashboard.body.contains("Harbour Clinic"))
        #expect(dashboard.body.contains("No patients yet"))
    }

    @Test func addedPatientsAreListedOnTheDashboard() throws {
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: "Elm Practice", email: "eve@example.org")
        let added = try visitor.addPatient(
            name: "Quinn Madeup", dateOfBirth: "1984-07-21", notes: "Made-up note")
        #expect(added.status == 303)
        try visitor.addPatient(name: "Robin Fictional", dateOfBirth: "2001-01-02")

        let body = try visitor.dashboard().body
        #expect(body.contains("Quinn Madeup"))
        #expect(body.contains("1984-07-21"))
        #expect(body.contains("Made-up note"))
        #expect(body.contains("Robin Fictional"))
        #expect(body.contains("Patients (2)"))
    }

    @Test func staffLogInWithOrganisationEmailAndPassword() throws {
        let admin = Visitor(port: server.port)
        try admin.signUp(
            organisation: "Birch Surgery", email: "kim@example.org", password: "birch-password-1")

        let visitor = Visitor(port: server.port)
        let login = try visitor.logIn(
            organisation: "  birch   SURGERY ", email: "KIM@example.org",
            password: "birch-password-1")
        #expect(login.status == 303)
        #expect(try visitor.dashboard().body.contains("Birch Surgery"))
    }

    @Test func aWrongLoginGetsOneGenericMessageAndKeepsWhatWasTyped() throws {
        let admin = Visitor(port: server.port)
        try admin.signUp(organisation: "Cedar Clinic", email: "lee@example.org")
        let visitor = Visitor(port: server.port)
        let attempts = [
            ("Cedar Clinic", "lee@example.org", "wrong-password-9"),
            ("Cedar Clinic", "nobody@example.org", "correct-horse-battery"),
            ("No Such Clinic", "lee@example.org", "correct-horse-battery"),
        ]
        for (organisation, email, password) in attempts {
            let response = try visitor.logIn(
                organisation: organisation, email: email, password: password)
            #expect(response.status == 401)
            #expect(response.body.contains("The organisation, email or password is not right."))
            #expect(response.body.contains("value=\"\(email)\""))
            #expect(!response.body.contains(password))
        }
        #expect(try visitor.client.get("/patients").status == 303)
    }

    @Test func loggingOutEndsTheSessionOnTheServer() throws {
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: "Ash Clinic", email: "sam@example.org")
        let cookie = try #require(visitor.client.cookies["medsynq_session"])
        let token = try #require(Visitor.csrfToken(in: visitor.dashboard().body))

        let logout = try visitor.client.post("/logout", form: [("csrf_token", token)])
        #expect(logout.status == 303)
        #expect(logout.header("Location") == "/login")

        let replay = HTTPClient(port: server.port)
        replay.cookies["medsynq_session"] = cookie
        #expect(try replay.get("/patients").status == 303)
    }

    @Test func everyPageCarriesTheBrandAndStrictHeaders() throws {
        let visitor = Visitor(port: server.port)
        for path in ["/login", "/signup"] {
            let page = try visitor.client.get(path)
            #expect(page.status == 200)
            #expect(page.body.contains("Synchronise care across organisations"))
            #expect(page.body.contains("src=\"/images/logo.png\""))
            #expect(page.body.contains("href=\"/favicon.png\""))
            #expect(page.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
            #expect(page.header("X-Frame-Options") == "DENY")
            #expect(page.header("Cache-Control") == "no-store")
        }
        try visitor.signUp(organisation: "Oak Clinic", email: "oak@example.org")
        #expect(try visitor.dashboard().body.contains("Synchronise care across organisations"))
    }

    @Test(arguments: ["/images/logo.png", "/favicon.png"])
    func brandImagesArePNGFiles(path: String) throws {
        let response = try HTTPClient(port: server.port).get(path)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "image/png")
        #expect(response.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(response.header("Cache-Control")?.contains("max-age") == true)
    }

    @Test func healthzAnswersWithoutASession() throws {
        let response = try HTTPClient(port: server.port).get("/healthz")
        #expect(response.status == 200)
        #expect(response.body == "ok\n")
    }

    @Test func unknownPagesAndMethodsGetErrorPages() throws {
        let client = HTTPClient(port: server.port)
        #expect(try client.get("/nowhere").status == 404)
        #expect(try client.send("DELETE", "/patients").status == 405)
        #expect(try client.get("/patients/not-a-number").status == 404)
    }

    @Test func aBodyOverTheLimitIsRefused() throws {
        let client = HTTPClient(port: server.port)
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
        let response = try client.send(
            "POST", "/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: body)
        #expect(response.status == 413)
        #expect(server.stop() == 0)
        #expect(server.logText.contains("route=/login status=413"))
    }

    @Test func sigtermStopsTheServerCleanly() throws {
        let visitor = Visitor(port: server.port)
        try visitor.signUp(organisation: "Pine Clinic", email: "pine@example.org")
        #expect(server.stop() == 0)
        #expect(server.logText.contains("stopped"))
    }
}

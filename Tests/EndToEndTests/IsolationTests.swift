import Foundation
import TestSupport
import Testing

/// Each organisation reaches only its own data, whatever its requests name.
@Suite struct IsolationTests {
    let folder: TemporaryFolder
    let server: ServerProcess
    /// North Clinic's admin, with one patient.
    let north: Visitor
    /// South Clinic's admin, with three patients.
    let south: Visitor

    init() throws {
        folder = try TemporaryFolder()
        server = try ServerProcess(dataFolder: folder.path)
        north = Visitor(port: server.port)
        try north.signUp(organisation: "North Clinic", email: "n@example.org")
        try north.addPatient(name: "Nora Northpatient", dateOfBirth: "1970-03-04")
        south = Visitor(port: server.port)
        try south.signUp(organisation: "South Clinic", email: "s@example.org")
        for name in ["Sol Southone", "Sia Southtwo", "Sam Souththree"] {
            try south.addPatient(name: name, dateOfBirth: "1990-05-06")
        }
    }

    @Test func eachOrganisationSeesOnlyItsOwnPatients() throws {
        let northBody = try north.dashboard().body
        #expect(northBody.contains("Nora Northpatient"))
        #expect(!northBody.contains("South"))
        let southBody = try south.dashboard().body
        #expect(!southBody.contains("Nora Northpatient"))
        #expect(try south.patientIDs().count == 3)
    }

    @Test func anotherOrganisationsPatientIDsAreNotFound() throws {
        for id in try south.patientIDs() where id > 1 {
            let response = try north.client.get("/patients/\(id)")
            #expect(response.status == 404)
            #expect(!response.body.contains("South"))
        }
        let own = try north.client.get("/patients/1")
        #expect(own.body.contains("Nora Northpatient"))
        #expect(!own.body.contains("Sol Southone"))
    }

    @Test func aSessionReplayedWithAnotherTenantsIDGetsNoData() throws {
        let northCookie = try #require(north.client.cookies["medsynq_session"])
        let southCookie = try #require(south.client.cookies["medsynq_session"])
        let northSecret = northCookie.split(separator: ".")[1]
        let southTenant = southCookie.split(separator: ".")[0]
        let forger = HTTPClient(port: server.port)
        forger.cookies["medsynq_session"] = "\(southTenant).\(northSecret)"

        for path in ["/patients", "/patients/1"] {
            let response = try forger.get(path)
            #expect(response.status == 303)
            #expect(response.header("Location")?.hasPrefix("/login") == true)
            #expect(!response.body.contains("Sol Southone"))
        }
    }
}

import Foundation
import HTTPServer

extension App {
    /// GET /patients: the dashboard with the add-patient form and the table.
    func showPatients(_ request: Request, context: inout RequestContext) throws -> Response {
        let notice = request.query["added"] == "1" ? "Patient added." : nil
        return try withSession(request, context: &context) { signedIn in
            (signedIn.account, try patientTable(signedIn.shard))
        } render: { account, patients in
            let page = PatientPages.dashboard(
                account: account, patients: patients, draft: PatientDraft(), errors: .init(),
                notice: notice)
            return .html(page)
        }
    }

    /// POST /patients: adds a patient, or shows the form again with what to correct.
    func addPatient(_ request: Request, context: inout RequestContext) throws -> Response {
        let form = try readForm(request)
        return try withSession(request, form: form, context: &context) { signedIn in
            let draft = PatientDraft(
                name: form["name"] ?? "", dateOfBirth: form["date_of_birth"] ?? "",
                notes: form["notes"] ?? "")
            switch draft.validated() {
            case .success(let valid):
                _ = try PatientStore(connection: signedIn.shard.connection)
                    .add(valid, by: signedIn.session.user)
                return .redirect(to: "/patients?added=1")
            case .failure(let errors):
                return try dashboard(
                    signedIn, draft: draft, errors: errors, notice: nil, status: 422)
            }
        }
    }

    /// GET /patients/<id>: one patient of the logged-in user's organisation.
    func showPatient(_ request: Request, context: inout RequestContext) throws -> Response {
        let idText = request.path.dropFirst("/patients/".count)
        guard let id = Int64(idText), id > 0 else { throw HTTPError.notFound }
        return try withSession(request, context: &context) { signedIn in
            guard let patient = try PatientStore(connection: signedIn.shard.connection).find(id: id)
            else { throw HTTPError.notFound }
            return .html(PatientPages.patient(patient, account: signedIn.account))
        }
    }

    private func dashboard(
        _ signedIn: SignedIn, draft: PatientDraft, errors: FieldErrors, notice: String?,
        status: Int = 200
    ) throws -> Response {
        let patients = try patientTable(signedIn.shard)
        let page = PatientPages.dashboard(
            account: signedIn.account, patients: patients, draft: draft, errors: errors,
            notice: notice)
        return .html(page, status: status)
    }

    /// The dashboard's table of the shard's patients, rendered again only after
    /// the tenant's file has changed.
    private func patientTable(_ shard: Shard) throws -> PatientPages.Table {
        try shard.cached("patient table") {
            PatientPages.table(try PatientStore(connection: shard.connection).all())
        }
    }
}

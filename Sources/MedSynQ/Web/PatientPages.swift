/// The pages of a logged-in organisation: its patients.
enum PatientPages {
    /// The table of a tenant's patients, rendered once and reused while the
    /// patients are unchanged.
    struct Table {
        let count: Int
        let html: HTML
    }

    static func dashboard(
        account: Layout.Account, patients: Table, draft: PatientDraft, errors: FieldErrors,
        notice: String?
    ) -> HTML {
        let content: HTML = """
            <h1>\(account.tenantName)</h1>
            \(Layout.alert(notice, isNotice: true))
            <section class="card">
            <h2>Add a patient</h2>
            <form method="post" action="/patients" novalidate>
            \(Layout.csrfField(account.csrfToken))
            <div class="grid">
            <div>\(Layout.field("Name", name: "name", value: draft.name, error: errors["name"],
                attributes: "required maxlength=\"200\" autocomplete=\"off\""))</div>
            <div>\(Layout.field("Date of birth", name: "date_of_birth", type: "date",
                value: draft.dateOfBirth, error: errors["date_of_birth"],
                attributes: "required min=\"1900-01-01\""))</div>
            <div class="wide">
            <label for="notes">Notes</label>
            <textarea id="notes" name="notes" maxlength="10000">\(draft.notes)</textarea>
            \(errors["notes"].map { "<p class=\"field-error\">\($0)</p>" as HTML } ?? .empty)
            </div>
            </div>
            <button type="submit">Add patient</button>
            </form>
            </section>
            <section class="card">
            <h2>Patients (\(patients.count))</h2>
            \(patients.html)
            </section>
            """
        return Layout.page(title: "Patients", content: content, account: account)
    }

    static func patient(_ patient: Patient, account: Layout.Account) -> HTML {
        let content: HTML = """
            <p><a href="/patients">← All patients</a></p>
            <section class="card">
            <h1>\(patient.name)</h1>
            <dl>
            <dt>Date of birth</dt><dd>\(patient.dateOfBirth)</dd>
            <dt>Notes</dt><dd>\(patient.notes.isEmpty ? "—" : patient.notes)</dd>
            </dl>
            </section>
            """
        return Layout.page(title: "Patient", content: content, account: account)
    }

    /// The table of `patients`, in the order given.
    static func table(_ patients: [Patient]) -> Table {
        Table(count: patients.count, html: tableHTML(patients))
    }

    private static func tableHTML(_ patients: [Patient]) -> HTML {
        guard !patients.isEmpty else {
            return "<p class=\"empty\">No patients yet. Add the first one above.</p>"
        }
        let rows = patients.map { patient -> HTML in
            """
            <tr><td><a href="/patients/\(patient.id)">\(patient.name)</a></td>\
            <td class="date">\(patient.dateOfBirth)</td><td class="notes">\(patient.notes)</td></tr>
            """
        }
        return """
            <table>
            <thead><tr><th>Name</th><th>Date of birth</th><th class="notes">Notes</th></tr></thead>
            <tbody>
            \(HTML.joined(rows))
            </tbody>
            </table>
            """
    }
}

/// The page listing an organisation's staff, with the admin's add form.
enum StaffPages {
    /// What the add form holds; the password is never sent back.
    struct Values {
        var name = ""
        var email = ""
    }

    static func staff(
        account: Layout.Account, staff: [User], canAdd: Bool, values: Values,
        errors: FieldErrors, notice: String?
    ) -> HTML {
        let rows = staff.map { user -> HTML in
            let role = user.isAdmin ? "Admin" : "Staff"
            return "<tr><td>\(user.name)</td><td>\(user.email)</td><td>\(role)</td></tr>"
        }
        let content: HTML = """
            <h1>Staff</h1>
            \(Layout.alert(notice, isNotice: true))
            \(canAdd ? addForm(account: account, values: values, errors: errors) : .empty)
            <section class="card">
            <h2>Who can log in (\(staff.count))</h2>
            <table>
            <thead><tr><th>Name</th><th>Email</th><th>Role</th></tr></thead>
            <tbody>
            \(HTML.joined(rows))
            </tbody>
            </table>
            </section>
            """
        return Layout.page(title: "Staff", content: content, account: account)
    }

    private static func addForm(
        account: Layout.Account, values: Values, errors: FieldErrors
    ) -> HTML {
        """
        <section class="card">
        <h2>Add a member of staff</h2>
        <p class="muted">They log in with the organisation's name, this email and this
        password. Tell them the password in person.</p>
        <form method="post" action="/staff" novalidate>
        \(Layout.csrfField(account.csrfToken))
        <div class="grid">
        <div>\(Layout.field("Name", name: "name", value: values.name, error: errors["name"],
            attributes: "required autocomplete=\"off\""))</div>
        <div>\(Layout.field("Email", name: "email", type: "email", value: values.email,
            error: errors["email"], attributes: "required autocomplete=\"off\""))</div>
        <div class="wide">\(Layout.field("First password", name: "password", type: "password",
            error: errors["password"], attributes: "required autocomplete=\"new-password\""))</div>
        </div>
        <button type="submit">Add member of staff</button>
        </form>
        </section>
        """
    }
}

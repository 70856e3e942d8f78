/// The pages before login: Create Organisation and log in.
enum AccountPages {
    /// What the sign-up form holds; the password is never sent back.
    struct SignupValues {
        var tenantName = ""
        var name = ""
        var email = ""
    }

    static func signUp(values: SignupValues, errors: FieldErrors, csrfToken: String) -> HTML {
        let content: HTML = """
            <section class="card narrow">
            <h1>Create Organisation</h1>
            <p class="muted">Set up a private space for your clinic; you become its admin.</p>
            <form method="post" action="/signup" novalidate>
            \(Layout.csrfField(csrfToken))
            \(Layout.alert(errors["form"]))
            \(Layout.field("Organisation name", name: "organisation", value: values.tenantName,
                error: errors["organisation"],
                attributes: "required autocomplete=\"organization\""))
            \(Layout.field("Your name", name: "name", value: values.name, error: errors["name"],
                attributes: "required autocomplete=\"name\""))
            \(Layout.field("Email", name: "email", type: "email", value: values.email,
                error: errors["email"], attributes: "required autocomplete=\"email\""))
            \(Layout.field("Password", name: "password", type: "password",
                error: errors["password"],
                attributes: "required minlength=\"10\" autocomplete=\"new-password\""))
            \(errors["password"] == nil ? passwordHint : .empty)
            <button type="submit">Create Organisation</button>
            </form>
            <p>Already registered? <a href="/login">Log in</a></p>
            </section>
            """
        return Layout.page(title: "Create Organisation", content: content)
    }

    /// Shown under an empty password field; an error there says it instead.
    private static let passwordHint: HTML = "<p class=\"muted\">At least 10 characters.</p>"

    /// What the login form holds; the password is never sent back.
    struct LoginValues {
        var tenantName = ""
        var email = ""
    }

    static func logIn(
        values: LoginValues, message: String?, notice: String? = nil, csrfToken: String
    ) -> HTML {
        let content: HTML = """
            <section class="card narrow">
            <h1>Log in</h1>
            <form method="post" action="/login" novalidate>
            \(Layout.csrfField(csrfToken))
            \(Layout.alert(notice, isNotice: true))
            \(Layout.alert(message))
            \(Layout.field("Organisation", name: "organisation", value: values.tenantName,
                attributes: "required autocomplete=\"organization\""))
            \(Layout.field("Email", name: "email", type: "email", value: values.email,
                attributes: "required autocomplete=\"username\""))
            \(Layout.field("Password", name: "password", type: "password",
                attributes: "required autocomplete=\"current-password\""))
            <button type="submit">Log in</button>
            </form>
            <p>New clinic? <a href="/signup">Create Organisation</a></p>
            </section>
            """
        return Layout.page(title: "Log in", content: content)
    }
}

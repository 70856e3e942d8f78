/// The frame every page shares: logo, name, tagline, and who is logged in.
enum Layout {
    static let tagline = "Synchronise care across organisations"

    /// A whole HTML document around `content`.
    static func page(
        title: String, content: HTML, account: Account? = nil
    ) -> HTML {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · MedSynQ</title>
        <link rel="icon" type="image/png" href="/favicon.png">
        <link rel="stylesheet" href="/styles.css">
        </head>
        <body>
        <header class="masthead">
        <a class="brand" href="/">
        <img src="/images/logo.png" alt="MedSynQ logo">
        <span><span class="brand-name">MedSynQ</span>
        <span class="tagline">\(tagline)</span></span>
        </a>
        \(account.map(accountBar) ?? .empty)
        </header>
        <main>
        \(content)
        </main>
        <footer>MedSynQ · \(tagline)</footer>
        </body>
        </html>
        """
    }

    /// Who is logged in, shown in the masthead with a way to log out.
    struct Account {
        let userName: String
        let tenantName: String
        let csrfToken: String
    }

    private static func accountBar(_ account: Account) -> HTML {
        """
        <nav class="account">
        <a href="/patients">Patients</a>
        <a href="/staff">Staff</a>
        <span>\(account.userName) · <strong>\(account.tenantName)</strong></span>
        <form method="post" action="/logout">
        \(csrfField(account.csrfToken))
        <button class="link-button" type="submit">Log out</button>
        </form>
        </nav>
        """
    }

    /// The hidden field that carries a form's CSRF token.
    static func csrfField(_ token: String) -> HTML {
        "<input type=\"hidden\" name=\"csrf_token\" value=\"\(token)\">"
    }

    /// A labelled input that shows its value and, if any, what is wrong with it.
    static func field(
        _ label: String, name: String, type: String = "text", value: String = "",
        error: String? = nil, attributes: HTML = .empty
    ) -> HTML {
        let invalid: HTML = error == nil ? .empty : " class=\"invalid\" aria-invalid=\"true\""
        let message: HTML = error.map { "<p class=\"field-error\">\($0)</p>" } ?? .empty
        return """
            <label for="\(name)">\(label)</label>
            <input id="\(name)" name="\(name)" type="\(type)" value="\(value)"\(invalid) \
            \(attributes)>
            \(message)
            """
    }

    /// A box with one message at the top of a form.
    static func alert(_ message: String?, isNotice: Bool = false) -> HTML {
        guard let message else { return .empty }
        let kind: HTML = isNotice ? "alert notice" : "alert"
        return "<div class=\"\(kind)\" role=\"alert\">\(message)</div>"
    }
}

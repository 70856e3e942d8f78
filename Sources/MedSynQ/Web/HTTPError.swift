import HTTPServer

/// A failure a visitor may see: a status and a message that is safe to show.
///
/// It renders its own page. Anything that is not an `HTTPError` becomes a 500
/// whose details go to the log only.
struct HTTPError: Error {
    let status: Int
    let title: String
    let message: String

    static let notFound = HTTPError(
        status: 404, title: "Not found", message: "There is no page at this address.")
    static let methodNotAllowed = HTTPError(
        status: 405, title: "Not allowed", message: "This page does not accept that request.")
    static let adminOnly = HTTPError(
        status: 403, title: "Admins only",
        message: "Only the organisation's admin can add staff.")
    static let contentTooLarge = HTTPError(
        status: 413, title: "Too much at once",
        message: "That form sent more than MedSynQ accepts. Shorten the notes and try again.")
    static let headersTooLarge = HTTPError(
        status: 431, title: "Request too large",
        message: "Your browser sent more cookies or a longer address than MedSynQ accepts. "
            + "Clear this site's cookies and try again.")
    static let badForm = HTTPError(
        status: 400, title: "Bad request",
        message: "The form could not be read. Please try again.")
    static let forbidden = HTTPError(
        status: 403, title: "Form expired",
        message: "This form has expired or did not come from MedSynQ. "
            + "Go back, reload the page and try again.")
    static let maintenance = HTTPError(
        status: 503, title: "Under maintenance",
        message: "This organisation is under maintenance. Please try again in a few minutes; "
            + "if it lasts longer, tell whoever runs MedSynQ for you.")
    static let busy = HTTPError(
        status: 503, title: "Busy",
        message: "Many people are logging in right now. Please try again in a moment.")
    static let internalError = HTTPError(
        status: 500, title: "Something went wrong",
        message: "MedSynQ could not complete this request. Please try again.")

    var response: Response {
        let content: HTML = """
            <section class="card narrow">
            <h1>\(title)</h1>
            <p>\(message)</p>
            <p><a href="/">Back to MedSynQ</a></p>
            </section>
            """
        let page = Layout.page(title: title, content: content)
        var response = Response.html(page, status: status)
        if status == 503 { response.addHeader("Retry-After", "30") }
        return response
    }
}

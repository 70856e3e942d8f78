import HTTPServer

/// The files every page uses, compiled into the program so that a deployed binary
/// needs nothing beside it.
enum Assets {
    static let logo = asset(PackageResources.logo_png, type: "image/png")
    static let favicon = asset(PackageResources.favicon_png, type: "image/png")
    static let styles = asset(PackageResources.styles_css, type: "text/css; charset=utf-8")

    private static func asset(_ bytes: [UInt8], type: String) -> Response {
        Response(
            status: 200,
            headers: [("Content-Type", type), ("Cache-Control", "public, max-age=86400")],
            body: bytes)
    }
}

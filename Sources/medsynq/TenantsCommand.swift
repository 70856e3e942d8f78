import Foundation
import MedSynQ

/// `medsynq tenants`: a table of organisations, or JSON for scripts.
struct TenantsCommand: LifecycleCommand {
    static let name = "tenants"
    static let usage = "medsynq tenants [--json] [--data DIR]"
    static let summary = """
        Lists every organisation: name, id, state, file size, patient count, and
        when it was last backed up and verified.
        """
    static let valuedOptions: Set<String> = []
    static let flagOptions: Set = ["json"]

    let isJSON: Bool

    init(_ arguments: Arguments) throws(UsageError) {
        guard arguments.positionals.isEmpty else { throw UsageError("tenants takes no words") }
        isJSON = arguments.has("json")
    }

    func run(in workspace: Workspace) throws -> Int32 {
        let summaries = try TenantSummary.all(in: workspace.folder, catalog: workspace.catalog)
        if isJSON {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            printOut(String(decoding: try encoder.encode(summaries), as: UTF8.self))
        } else if summaries.isEmpty {
            printOut("No organisations yet.")
        } else {
            printOut(Self.table(summaries))
        }
        return 0
    }

    /// The summaries as columns padded to their widest cell.
    private static func table(_ summaries: [TenantSummary]) -> String {
        let header = ["NAME", "ID", "STATE", "SIZE", "PATIENTS", "LAST BACKUP", "LAST VERIFIED"]
        let rows = summaries.map { summary in
            [
                TerminalText.escaped(summary.name), summary.id, summary.state,
                summary.fileBytes.map(byteText) ?? "missing",
                summary.patientCount.map(String.init) ?? "-",
                summary.lastBackupAt.map(dateText) ?? "never",
                summary.lastVerifiedAt.map(dateText) ?? "never",
            ]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { cells in
            zip(cells, widths).map { cell, width in
                cell + String(repeating: " ", count: width - cell.count)
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    private static func byteText(_ bytes: Int64) -> String {
        bytes < 1 << 20
            ? "\((bytes + 1023) / 1024) KiB" : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    private static func dateText(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: false).timeSeparator(.colon)
            .dateTimeSeparator(.space)) + " UTC"
    }
}

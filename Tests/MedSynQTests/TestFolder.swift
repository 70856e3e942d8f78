import Foundation
import MedSynQ

/// A data folder under the temporary directory, removed when the value goes away.
final class TestFolder: Sendable {
    let data: DataFolder

    init() throws {
        let path = NSTemporaryDirectory() + "medsynq-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        data = DataFolder(path: path)
        try data.prepare()
    }

    deinit {
        try? FileManager.default.removeItem(at: data.root)
    }
}

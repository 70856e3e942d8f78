import Foundation
import MedSynQ
import TestSupport

/// A prepared data folder in a temporary folder, removed when the value goes away.
final class TestFolder: Sendable {
    let data: DataFolder
    private let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        data = DataFolder(path: folder.path)
        try data.prepare()
    }
}

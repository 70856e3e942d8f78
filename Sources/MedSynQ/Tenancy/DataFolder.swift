import Foundation

/// Where MedSynQ keeps its files: the catalog, one file per tenant, and backups.
public struct DataFolder: Sendable {
    public let root: URL

    public init(path: String) {
        root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    public var catalogPath: String { root.appending(path: "catalog.sqlite").path }
    public var tenantsPath: String { root.appending(path: "tenants").path }
    public var backupsPath: String { root.appending(path: "backups").path }

    /// The database file of tenant `id`.
    public func shardPath(for id: TenantID) -> String {
        "\(tenantsPath)/\(id.rawValue).sqlite"
    }

    /// The file and the WAL files SQLite keeps beside it while it is open.
    public func shardFiles(for id: TenantID) -> [String] {
        let path = shardPath(for: id)
        return [path, path + "-wal", path + "-shm"]
    }

    /// Creates the folders if they are missing; throws if the root is unusable.
    public func prepare() throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: root.path, isDirectory: &isDirectory),
              isDirectory.boolValue
        else { throw DataFolderError.missing(root.path) }
        guard files.isWritableFile(atPath: root.path) else {
            throw DataFolderError.notWritable(root.path)
        }
        try files.createDirectory(atPath: tenantsPath, withIntermediateDirectories: true)
    }
}

/// Why a data folder cannot be used.
public enum DataFolderError: Error, CustomStringConvertible {
    case missing(String)
    case notWritable(String)

    public var description: String {
        switch self {
        case .missing(let path): "the data folder \(path) does not exist"
        case .notWritable(let path): "the data folder \(path) is not writable"
        }
    }
}

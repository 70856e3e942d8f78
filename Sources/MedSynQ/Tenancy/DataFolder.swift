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

    /// Checks that the folder exists and is writable and creates `tenants/` in it.
    public func prepare() throws(DataFolderError) {
        try Self.requireWritableFolder(root.path, isRoot: true)
        if !FileManager.default.fileExists(atPath: tenantsPath) {
            do {
                try FileManager.default.createDirectory(
                    atPath: tenantsPath, withIntermediateDirectories: false)
            } catch {
                throw .notWritable(tenantsPath, isRoot: false)
            }
        }
        try Self.requireWritableFolder(tenantsPath, isRoot: false)
    }

    private static func requireWritableFolder(
        _ path: String, isRoot: Bool
    ) throws(DataFolderError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missing(path)
        }
        guard isDirectory.boolValue else { throw .notAFolder(path) }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw .notWritable(path, isRoot: isRoot)
        }
    }
}

/// Why a data folder cannot be used.
public enum DataFolderError: Error {
    case missing(String)
    case notAFolder(String)
    /// The data folder itself (`isRoot`) or a folder inside it cannot be written.
    case notWritable(String, isRoot: Bool)
}

extension DataFolderError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missing(let path): "the data folder \(path) does not exist"
        case .notAFolder(let path): "\(path) is a file, not a folder"
        case .notWritable(let path, let isRoot):
            isRoot
                ? "the data folder \(path) is not writable"
                : "the folder \(path) in the data folder is not writable"
        }
    }
}

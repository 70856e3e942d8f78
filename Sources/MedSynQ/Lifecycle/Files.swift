import Foundation
import Glibc

/// The file operations the lifecycle commands need, with errors that name the path.
///
/// Everything they create holds patient data, so it is readable by its owner only.
enum Files {
    /// Creates folder `path` and any missing parents; fine if it exists already.
    static func createPrivateFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw exists(path) ? FileError.notAFolder(path) : FileError.cannotCreate(path)
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw FileError.notWritable(path)
        }
    }

    /// Creates file `path`, which must not exist yet, and opens it for writing.
    static func createPrivateFile(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileError.cannotCreate(path) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// The size of the file at `path`, or nil if there is none.
    static func size(of path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// True for a regular file (not a folder, a device or a pipe), links followed.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Gives file `source` the name `destination`, failing if that name is taken.
    ///
    /// A hard link never replaces an existing name (link(2)), so two backups
    /// finishing in the same second cannot overwrite each other.
    /// File systems without hard links (FAT, many network mounts) get a rename
    /// after a check instead, which two commands finishing at once could race.
    static func moveWithoutReplacing(_ source: String, to destination: String) throws {
        if link(source, destination) == 0 {
            try remove(source)
            return
        }
        let failure = errno
        guard failure == EPERM || failure == EOPNOTSUPP || failure == ENOSYS else {
            throw failure == EEXIST
                ? FileError.alreadyExists(destination) : FileError.cannotCreate(destination)
        }
        guard !exists(destination) else { throw FileError.alreadyExists(destination) }
        guard rename(source, destination) == 0 else { throw FileError.cannotCreate(destination) }
    }

    /// Deletes file `path`; a file that is already gone is fine.
    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw FileError.cannotRemove(path) }
    }

    /// Makes the names created or removed in folder `path` durable.
    ///
    /// A rename reaches the disk with its folder, not with its file (fsync(2)).
    /// Best effort: a folder that cannot be synced is no reason to fail a command
    /// whose files are written already.
    static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// A file or folder could not be created, moved or removed.
public enum FileError: Error, Equatable, CustomStringConvertible {
    case cannotCreate(String)
    case notAFolder(String)
    case notWritable(String)
    case alreadyExists(String)
    case cannotRemove(String)

    public var description: String {
        switch self {
        case .cannotCreate(let path): "\(path) could not be created"
        case .notAFolder(let path): "\(path) is a file, where a folder is needed"
        case .notWritable(let path): "the folder \(path) is not writable"
        case .alreadyExists(let path): "\(path) exists already"
        case .cannotRemove(let path): "\(path) could not be removed"
        }
    }
}

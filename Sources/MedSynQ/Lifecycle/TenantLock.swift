import Glibc

/// One command's exclusive claim on one tenant, so that a restore, an offboarding
/// and a migration never work on the same tenant at once.
///
/// An flock(2) on `tenants/<id>.lock`: the kernel drops it when the process ends,
/// however it ends, so a crashed command never leaves a tenant claimed.
final class TenantLock {
    private let descriptor: Int32

    /// Runs `body` while holding `tenant`'s lock; throws `LifecycleError.tenantBusy`
    /// at once if another command holds it.
    static func holding<T>(
        _ tenant: Tenant, in folder: DataFolder, _ body: () throws -> T
    ) throws -> T {
        let lock = try TenantLock(tenant, in: folder)
        return try withExtendedLifetime(lock) { try body() }
    }

    private init(_ tenant: Tenant, in folder: DataFolder) throws {
        let path = folder.lockPath(for: tenant.id)
        // Kept in a local until locked: a throwing init before `self.descriptor`
        // is set never reaches deinit, so this path closes what it opened.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw FileError.cannotCreate(path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw LifecycleError.tenantBusy(tenant.name)
        }
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor releases the lock (flock(2)).
        let closed = close(descriptor)
        assert(closed == 0, "closing a tenant lock failed")
    }
}

/// Whether the server may serve a tenant.
public enum TenantState: String, Sendable {
    /// Served normally.
    case active
    /// Paused for a restore: its pages say it is under maintenance.
    case maintenance
    /// Being removed: nothing of it is served again.
    case offboarding
}

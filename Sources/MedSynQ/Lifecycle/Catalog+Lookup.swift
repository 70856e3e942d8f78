extension Catalog {
    /// The tenant an operator means by `text`: a tenant id, or else an
    /// organisation name folded the way sign-up folds it.
    ///
    /// Throws `LifecycleError.unknownTenant` when there is none.
    public func tenant(matching text: String) throws -> Tenant {
        if let id = TenantID(text), let tenant = try tenant(id: id) {
            return tenant
        }
        guard let tenant = try tenant(named: text) else {
            throw LifecycleError.unknownTenant(text)
        }
        return tenant
    }
}

extension Catalog {
    /// The tenant an operator means by `organisation`: a tenant id, or else an
    /// organisation name folded the way sign-up folds it.
    ///
    /// Throws `LifecycleError.unknownTenant` when there is none.
    public func tenant(matching organisation: String) throws -> Tenant {
        if let id = TenantID(organisation), let tenant = try tenant(id: id) {
            return tenant
        }
        guard let tenant = try tenant(named: organisation) else {
            throw LifecycleError.unknownTenant(organisation)
        }
        return tenant
    }
}

import Glibc

/// The process's limit on open file descriptors, which the shard pool and the
/// server's connections share.
enum DescriptorLimit {
    /// Raises the soft limit to the hard one (capped at `ceiling`) and returns it.
    /// Raising is allowed without privileges (getrlimit(2)); if it fails, the
    /// current limit is kept.
    static func raise(ceiling: Int = 65_536) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1_024 }
        let wanted = min(limit.rlim_max, rlim_t(ceiling))
        if wanted > limit.rlim_cur {
            var raised = limit
            raised.rlim_cur = wanted
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return Int(wanted) }
        }
        return Int(limit.rlim_cur)
    }
}

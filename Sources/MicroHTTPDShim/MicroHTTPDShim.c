#include "MicroHTTPDShim.h"

struct MHD_Daemon *mhd_shim_start_daemon(const struct mhd_shim_settings *s) {
    // The port argument is ignored when MHD_OPTION_SOCK_ADDR names the address.
    return MHD_start_daemon(
        s->flags, 0, NULL, NULL, s->handler, s->handler_context,
        MHD_OPTION_SOCK_ADDR, s->address,
        MHD_OPTION_THREAD_POOL_SIZE, s->thread_pool_size,
        MHD_OPTION_CONNECTION_TIMEOUT, s->connection_timeout_seconds,
        MHD_OPTION_CONNECTION_LIMIT, s->connection_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->per_address_connection_limit,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, s->connection_memory_limit,
        MHD_OPTION_NOTIFY_COMPLETED, s->completed, s->completed_context,
        MHD_OPTION_END);
}

uint16_t mhd_shim_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

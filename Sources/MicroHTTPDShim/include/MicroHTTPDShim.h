#ifndef MICROHTTPD_SHIM_H
#define MICROHTTPD_SHIM_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// The settings a daemon starts with; Swift fills it, the shim turns it into options.
struct mhd_shim_settings {
    unsigned int flags;
    const struct sockaddr *address;
    unsigned int thread_pool_size;
    unsigned int connection_timeout_seconds;
    unsigned int connection_limit;
    unsigned int per_address_connection_limit;
    size_t connection_memory_limit;
    MHD_AccessHandlerCallback handler;
    void *handler_context;
    MHD_RequestCompletedCallback completed;
    void *completed_context;
};

/// Starts a daemon: MHD_start_daemon is variadic, which Swift cannot call.
/// Returns NULL when the daemon cannot start (for example, the port is taken).
struct MHD_Daemon *mhd_shim_start_daemon(const struct mhd_shim_settings *settings);

/// The port the daemon's listening socket is bound to, or 0 if it is unknown.
uint16_t mhd_shim_bound_port(struct MHD_Daemon *daemon);

#endif

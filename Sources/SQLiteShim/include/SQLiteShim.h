#ifndef SQLITE_SHIM_H
#define SQLITE_SHIM_H

#include <sqlite3.h>

/// sqlite3_db_config for the options that take an int and report it back,
/// such as SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE (the function is variadic).
int sqlite_shim_db_config_flag(sqlite3 *db, int option, int value, int *result);

/// sqlite3_config for the options that take two ints, such as
/// SQLITE_CONFIG_LOOKASIDE (slot size and count); it must run before any
/// connection opens.
int sqlite_shim_config_two_ints(int option, int first, int second);

/// sqlite3_config for the options that take one int, such as SQLITE_CONFIG_MEMSTATUS.
int sqlite_shim_config_int(int option, int value);

#endif

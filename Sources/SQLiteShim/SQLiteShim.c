#include "SQLiteShim.h"

int sqlite_shim_db_config_flag(sqlite3 *db, int option, int value, int *result) {
    // https://sqlite.org/c3ref/c_dbconfig_defensive.html: these options take an
    // int (negative leaves it unchanged) and an int pointer for the new setting.
    return sqlite3_db_config(db, option, value, result);
}

int sqlite_shim_config_two_ints(int option, int first, int second) {
    return sqlite3_config(option, first, second);
}

int sqlite_shim_config_int(int option, int value) {
    return sqlite3_config(option, value);
}

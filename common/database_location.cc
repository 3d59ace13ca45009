#include <cstdlib>
#include <filesystem>

#include "aisearch/database_location.h"

namespace aisearch {

std::string default_database_path() {
    if (const char* db = std::getenv("AISEARCH_DB"); db && *db) return db;
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        base = xdg;
    } else {
        const char* home = std::getenv("HOME");
        base = std::filesystem::path(home && *home ? home : ".") / ".local" / "share";
    }
    return (base / "aisearch" / "db").string();
}

}  // namespace aisearch

// Where aisearch keeps its database when no --db is given.
#pragma once

#include <string>

namespace aisearch {

// $AISEARCH_DB, else $XDG_DATA_HOME/aisearch/db, else
// ~/.local/share/aisearch/db.
std::string default_database_path();

}  // namespace aisearch

// Locating and reading aisearch's own data files (lexicon, particle list,
// boilerplate patterns). They are data, not code: see common/data/README.md.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace aisearch {

// $AISEARCH_DATA_DIR if set, else the installed data directory if it
// exists, else the source tree's common/data (for runs from a build tree).
std::filesystem::path data_dir();

// The non-blank lines of a data file that do not start with '#', with
// trailing white space removed. Throws ResourceError if unreadable.
std::vector<std::string> read_data_lines(const std::filesystem::path& file);

}  // namespace aisearch

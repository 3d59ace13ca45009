// Locating and reading aisearch's own data files (lexicon, particle list,
// boilerplate patterns). They are data, not code: see common/data/README.md.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace aisearch {

// $AISEARCH_DATA_DIR if set; else, for code loaded from a build tree, the
// source tree's common/data if it is there (not an installed copy, which
// may be older); else the installed data directory if it exists, else the
// source tree's.
std::filesystem::path data_dir();

// The non-blank lines of a data file that do not start with '#', with
// trailing white space removed. Throws ResourceError if unreadable.
std::vector<std::string> read_data_lines(const std::filesystem::path& file);

// The same in two steps, for a reader that keeps the file's text and
// views into it rather than a string per line: the whole file (throws
// ResourceError if unreadable), then its lines as read_data_lines gives
// them.
std::string read_data_file(const std::filesystem::path& file);
std::vector<std::string_view> data_lines(std::string_view text);

}  // namespace aisearch

#include "common/data_files.h"

#include <cstdlib>
#include <fstream>

#include "aisearch/error.h"

namespace aisearch {

std::filesystem::path data_dir() {
    if (const char* env = std::getenv("AISEARCH_DATA_DIR"); env && *env) return env;
    const std::filesystem::path installed = AISEARCH_INSTALL_DATA_DIR;
    std::error_code ec;
    if (std::filesystem::exists(installed / "lexicon.tsv", ec)) return installed;
    return AISEARCH_SOURCE_DATA_DIR;
}

std::vector<std::string> read_data_lines(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw ResourceError(file.string() + ": cannot read aisearch data file");
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace aisearch

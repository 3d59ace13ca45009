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

std::string read_data_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ResourceError(file.string() + ": cannot read aisearch data file");
    std::string text;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw ResourceError(file.string() + ": cannot read aisearch data file");
    return text;
}

std::vector<std::string_view> data_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        if (line.empty() || line[0] == '#') continue;
        lines.push_back(line);
    }
    return lines;
}

std::vector<std::string> read_data_lines(const std::filesystem::path& file) {
    const std::string text = read_data_file(file);
    const auto views = data_lines(text);
    return {views.begin(), views.end()};
}

}  // namespace aisearch

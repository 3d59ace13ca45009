#include "common/data_files.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "aisearch/error.h"

namespace aisearch {
namespace {

// The file this code was loaded from: libaisearch's path, or the program's
// own. dladdr() names the program as it was invoked (argv[0], possibly
// relative), so a relative name is taken from /proc/self/exe instead.
std::filesystem::path own_file() {
    static const char marker = 0;
    Dl_info info{};
    if (dladdr(&marker, &info) != 0 && info.dli_fname != nullptr && info.dli_fname[0] == '/') return info.dli_fname;
    std::error_code ec;
    return std::filesystem::read_symlink("/proc/self/exe", ec);
}

bool is_under(const std::filesystem::path& file, const std::filesystem::path& dir) {
    const auto f = file.lexically_normal(), d = dir.lexically_normal();
    const auto [end, _] = std::mismatch(d.begin(), d.end(), f.begin(), f.end());
    return end == d.end();
}

}  // namespace

std::filesystem::path data_dir() {
    if (const char* env = std::getenv("AISEARCH_DATA_DIR"); env && *env) return env;
    const std::filesystem::path installed = AISEARCH_INSTALL_DATA_DIR, source = AISEARCH_SOURCE_DATA_DIR;
    std::error_code ec;
    // A build tree's binaries read their own source tree's data, even where
    // an older copy was installed; installed ones read the installed data.
    if (!is_under(own_file(), AISEARCH_INSTALL_PREFIX) && std::filesystem::exists(source / "lexicon.tsv", ec))
        return source;
    if (std::filesystem::exists(installed / "lexicon.tsv", ec)) return installed;
    return source;
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

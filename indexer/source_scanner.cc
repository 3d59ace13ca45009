#include "indexer/source_scanner.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "common/article_reader.h"

namespace aisearch {
namespace fs = std::filesystem;

namespace {

std::string link_problem(const fs::path& p) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec))) return "";
    struct stat st;
    if (::stat(p.c_str(), &st) == 0) return "";
    if (errno == ELOOP) return "symbolic link loop";
    if (errno == ENOENT) return "broken symbolic link";
    return std::string("symbolic link: ") + std::strerror(errno);
}

}  // namespace

// The order fs::path::operator< gives lexically normal paths (component by
// component), without splitting them into components: the separator sorts
// before every other byte. Splitting was most of a no-op run's sort at 100k
// files.
bool path_less(const fs::path& a, const fs::path& b) {
    auto key = [](char c) { return c == '/' ? 0 : static_cast<unsigned char>(c) + 1; };
    return std::lexicographical_compare(a.native().begin(), a.native().end(), b.native().begin(), b.native().end(),
                                        [&](char x, char y) { return key(x) < key(y); });
}

// `path` relative to `root`, a directory it lies in, with '/' separators.
std::string relative_id(const fs::path& path, const fs::path& root) {
    std::string_view base = root.native();
    while (!base.empty() && base.back() == '/') base.remove_suffix(1);
    const std::string& p = path.native();
    if (p.size() > base.size() + 1 && p.compare(0, base.size(), base) == 0 && p[base.size()] == '/')
        return p.substr(base.size() + 1);
    return path.lexically_relative(root).generic_string();
}

bool is_within(const fs::path& path, const fs::path& root) {
    auto r = root.begin(), p = path.begin();
    for (; r != root.end(); ++r, ++p) {
        if (r->empty() && std::next(r) == root.end()) break;  // trailing separator
        if (p == path.end() || *p != *r) return false;
    }
    return true;
}

void SourceScanner::add_file(const fs::path& path, const std::string& id, ScannedSources& out) const {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
        const std::string link = link_problem(path);
        on_problem_(path.string(), link.empty() ? std::strerror(errno) : link);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        on_problem_(path.string(), "not a regular file");
        return;
    }
    SourceFile f;
    f.path = path.string();
    f.id = id;
    f.size = static_cast<std::uintmax_t>(st.st_size);
    f.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    out.files.push_back(std::move(f));
}

// Lists `dir` recursively, naming every directory it cannot read.
// Symbolic links to directories are not followed (no loops).
void SourceScanner::walk(const fs::path& dir, std::vector<fs::path>& found, ScannedSources& out) const {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        on_problem_(dir.string(), "cannot list directory: " + ec.message());
        out.unscanned.push_back(dir);
        return;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) {
            on_problem_(dir.string(), "cannot list directory completely: " + ec.message());
            out.unscanned.push_back(dir);
            return;
        }
        std::error_code fec;
        const bool link = it->is_symlink(fec);
        if (!link && it->is_directory(fec)) {
            walk(it->path(), found, out);
        } else if (ArticleReader::can_read(it->path())) {
            std::error_code dec;
            if (!(link && fs::is_directory(it->path(), dec))) found.push_back(it->path());
        }
    }
}

ScannedSources SourceScanner::scan(const std::vector<fs::path>& sources) const {
    ScannedSources out;
    for (const auto& source : sources) {
        const fs::path root = fs::absolute(source).lexically_normal();
        std::error_code ec;
        const auto status = fs::status(root, ec);
        if (ec || !fs::exists(status)) {
            const std::string link = link_problem(root);
            on_problem_(source.string(), link.empty() ? "no such file or directory" : link);
            out.unscanned.push_back(root);
            continue;
        }
        out.roots.push_back(root);
        if (!fs::is_directory(status)) {
            if (!ArticleReader::can_read(root)) {
                on_problem_(source.string(), "not a format aisearch reads (.txt .md .html .htm .jsonl)");
                continue;
            }
            add_file(root, root.filename().string(), out);
            continue;
        }
        std::vector<fs::path> found;
        walk(root, found, out);
        std::sort(found.begin(), found.end(), path_less);
        for (const auto& f : found) add_file(f, relative_id(f, root), out);
    }
    return out;
}

}  // namespace aisearch

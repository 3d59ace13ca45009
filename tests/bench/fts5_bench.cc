// SQLite FTS5 baseline for perf_bench.sh: the index and the queries that
// aisearch is compared with, through SQLite's C API (no Python in the way).
//
//   fts5_bench index DB DIR
//       Every .txt file under DIR (sorted by path) becomes one row of
//       pages(id UNINDEXED, title, body) with tokenize='unicode61', all in
//       one transaction, in a fresh database file DB. The id is the path
//       relative to DIR, the title the first line, the body the rest.
//       Prints {"files", "bytes", "seconds"} (seconds: open to close).
//
//   fts5_bench query DB QUERIES [--op OR|AND] [--limit N] [--no-snippets]
//                    [--repeat R] [--results FILE]
//       QUERIES has one query per line. Each query's whitespace-separated
//       tokens are double-quoted and joined by OR (default) or AND, ranked
//       by bm25() through FTS5's rank column (ORDER BY rank: FTS5 sorts,
//       so snippet() runs only for the hits returned; ORDER BY bm25(pages)
//       gives the same order but computes every matching row's snippet
//       first) and, for the first N hits (default 10), read with their
//       title and snippet(pages, -1, '[', ']', '…', 32). The queries run
//       once untimed (warm-up), then R times (default 1) timed; prints
//       {"queries", "errors", "p50_ms", "p95_ms", "p99_ms", "mean_ms",
//       "max_ms"} over every timed query. --results writes one line per
//       query: the query, a tab, then the ids of its hits, tab-separated.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& message) {
    std::cerr << "fts5_bench: " << message << '\n';
    std::exit(2);
}

void check(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        die(std::string(what) + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3* db, const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        die(std::string(sql) + ": " + message);
    }
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) die("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string trim(const std::string& s) {
    const auto* space = " \t\r\n";
    const auto begin = s.find_first_not_of(space);
    if (begin == std::string::npos) return {};
    return s.substr(begin, s.find_last_not_of(space) - begin + 1);
}

int run_index(const std::string& db_path, const std::string& dir) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".txt") files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    const auto start = Clock::now();
    fs::remove(db_path);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        die("cannot open " + db_path + ": " + sqlite3_errmsg(db));
    exec(db, "CREATE VIRTUAL TABLE pages USING fts5(id UNINDEXED, title, body, tokenize='unicode61')");
    exec(db, "BEGIN");
    sqlite3_stmt* insert = nullptr;
    check(db, sqlite3_prepare_v2(db, "INSERT INTO pages(id, title, body) VALUES (?1, ?2, ?3)", -1, &insert, nullptr),
          "prepare insert");
    std::uint64_t bytes = 0;
    for (const auto& path : files) {
        const std::string text = read_file(path);
        bytes += text.size();
        const auto newline = text.find('\n');
        const std::string title = trim(text.substr(0, newline));
        const std::string body = newline == std::string::npos ? std::string() : trim(text.substr(newline + 1));
        const std::string id = path.lexically_relative(dir).generic_string();
        sqlite3_bind_text(insert, 1, id.data(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, title.data(), static_cast<int>(title.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, body.data(), static_cast<int>(body.size()), SQLITE_TRANSIENT);
        check(db, sqlite3_step(insert), "insert");
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    exec(db, "COMMIT");
    sqlite3_close(db);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("{\"files\": %zu, \"bytes\": %llu, \"seconds\": %.6f}\n", files.size(),
                static_cast<unsigned long long>(bytes), seconds);
    return 0;
}

std::string match_string(const std::string& query, const std::string& op) {
    std::istringstream in(query);
    std::string token;
    std::string out;
    while (in >> token) {
        if (!out.empty()) out += " " + op + " ";
        out += '"';
        for (char c : token) {
            if (c == '"') out += '"';
            out += c;
        }
        out += '"';
    }
    return out;
}

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    // Nearest rank.
    auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size()) + 0.999999);
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

int run_query(const std::string& db_path, const std::string& queries_path, const std::string& op, int limit,
              bool snippets, int repeat, const std::string& results_path) {
    std::vector<std::string> queries;
    {
        std::ifstream in(queries_path);
        if (!in) die("cannot read " + queries_path);
        std::string line;
        while (std::getline(in, line))
            if (!trim(line).empty()) queries.push_back(line);
    }
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        die("cannot open " + db_path + ": " + sqlite3_errmsg(db));
    const std::string sql = snippets
        ? "SELECT id, title, snippet(pages, -1, '[', ']', '…', 32) FROM pages WHERE pages MATCH ?1 "
          "ORDER BY rank LIMIT ?2"
        : "SELECT id, title FROM pages WHERE pages MATCH ?1 ORDER BY rank LIMIT ?2";
    sqlite3_stmt* select = nullptr;
    check(db, sqlite3_prepare_v2(db, sql.c_str(), -1, &select, nullptr), "prepare select");

    std::vector<std::string> matches;
    matches.reserve(queries.size());
    for (const auto& q : queries) matches.push_back(match_string(q, op));

    std::size_t errors = 0;
    std::size_t sink = 0;
    // Runs one query; fills ids if given. False on an SQLite error.
    auto search = [&](const std::string& match, std::vector<std::string>* ids) {
        sqlite3_bind_text(select, 1, match.data(), static_cast<int>(match.size()), SQLITE_STATIC);
        sqlite3_bind_int(select, 2, limit);
        int rc;
        while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
            const int columns = snippets ? 3 : 2;
            for (int c = 0; c < columns; ++c) sink += static_cast<std::size_t>(sqlite3_column_bytes(select, c));
            if (ids) ids->emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(select, 0)));
        }
        sqlite3_reset(select);
        return rc == SQLITE_DONE;
    };

    std::FILE* results = nullptr;
    if (!results_path.empty() && !(results = std::fopen(results_path.c_str(), "w")))
        die("cannot write " + results_path);
    // Warm-up pass (untimed), which also writes the results.
    for (std::size_t i = 0; i < queries.size(); ++i) {
        std::vector<std::string> ids;
        if (!search(matches[i], &ids)) ++errors;
        if (results) {
            std::fputs(queries[i].c_str(), results);
            for (const auto& id : ids) std::fprintf(results, "\t%s", id.c_str());
            std::fputc('\n', results);
        }
    }
    if (results) std::fclose(results);

    std::vector<double> ms;
    ms.reserve(queries.size() * static_cast<std::size_t>(repeat));
    for (int r = 0; r < repeat; ++r)
        for (const auto& match : matches) {
            const auto t0 = Clock::now();
            search(match, nullptr);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
    sqlite3_finalize(select);
    sqlite3_close(db);

    double total = 0;
    for (double m : ms) total += m;
    std::sort(ms.begin(), ms.end());
    std::printf("{\"queries\": %zu, \"timed\": %zu, \"errors\": %zu, \"p50_ms\": %.4f, \"p95_ms\": %.4f, "
                "\"p99_ms\": %.4f, \"mean_ms\": %.4f, \"max_ms\": %.4f, \"bytes_read\": %zu}\n",
                queries.size(), ms.size(), errors, percentile(ms, 50), percentile(ms, 95), percentile(ms, 99),
                ms.empty() ? 0.0 : total / static_cast<double>(ms.size()), ms.empty() ? 0.0 : ms.back(), sink);
    return 0;
}

void usage() {
    std::cerr << "usage: fts5_bench index DB DIR\n"
                 "       fts5_bench query DB QUERIES [--op OR|AND] [--limit N] [--no-snippets] [--repeat R]"
                 " [--results FILE]\n";
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 3) usage();
    try {
        if (args[0] == "index" && args.size() == 3) return run_index(args[1], args[2]);
        if (args[0] != "query") usage();
        std::string op = "OR";
        std::string results;
        int limit = 10;
        int repeat = 1;
        bool snippets = true;
        for (std::size_t i = 3; i < args.size(); ++i) {
            const bool has_value = i + 1 < args.size();
            if (args[i] == "--op" && has_value) op = args[++i];
            else if (args[i] == "--limit" && has_value) limit = std::stoi(args[++i]);
            else if (args[i] == "--repeat" && has_value) repeat = std::stoi(args[++i]);
            else if (args[i] == "--results" && has_value) results = args[++i];
            else if (args[i] == "--no-snippets") snippets = false;
            else usage();
        }
        if (op != "OR" && op != "AND") usage();
        return run_query(args[1], args[2], op, limit, snippets, repeat, results);
    } catch (const std::exception& e) {
        die(e.what());
    }
}

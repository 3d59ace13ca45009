// Query latency for perf_bench.sh, two ways.
//
//   query_bench search DB QUERIES [--no-collapse] [--limit N] [--repeat R]
//                      [--results FILE] [--times FILE]
//       In-process, as users of libaisearch run it: one aisearch::Searcher
//       on DB, one Query per line of QUERIES with the defaults (10 hits,
//       snippets, collapse_duplicates) unless told otherwise. The queries
//       run once untimed (warm-up, which also writes --results), then R
//       times (default 1) timed. Prints {"queries", "timed", "errors",
//       "p50_ms", "p95_ms", "p99_ms", "mean_ms", "max_ms"}. --results
//       writes one line per query: the query, then a tab and a field per
//       hit: its id followed by the ids of its listed duplicates, all
//       separated by '|'. A query the parser rejects counts as an error.
//       --times writes one line per query: its median time over the R
//       timed runs in milliseconds, a tab, the query (to find the slow
//       ones).
//
//   query_bench spawn QUERIES [--max N] -- COMMAND ARG...
//       Per process: for each of the first N lines of QUERIES (default
//       all), runs COMMAND with every ARG that is exactly "{}" replaced by
//       the query, stdout and stderr to /dev/null, and times it from
//       posix_spawn to waitpid (process start, library loading, the search
//       and the printing). The commands run once untimed first. Prints the
//       same statistics, with "nonzero_exits".
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "aisearch/searcher.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& message) {
    std::cerr << "query_bench: " << message << '\n';
    std::exit(2);
}

std::vector<std::string> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) die("cannot read " + path);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line))
        if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(line);
    return out;
}

double percentile(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return 0;
    // Nearest rank.
    auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size()) + 0.999999);
    rank = std::clamp<std::size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

void print_stats(std::size_t queries, std::vector<double> ms, std::size_t errors, const char* extra_name,
                 std::size_t extra) {
    double total = 0;
    for (double m : ms) total += m;
    std::sort(ms.begin(), ms.end());
    std::printf("{\"queries\": %zu, \"timed\": %zu, \"errors\": %zu, \"%s\": %zu, \"p50_ms\": %.4f, "
                "\"p95_ms\": %.4f, \"p99_ms\": %.4f, \"mean_ms\": %.4f, \"max_ms\": %.4f}\n",
                queries, ms.size(), errors, extra_name, extra, percentile(ms, 50), percentile(ms, 95),
                percentile(ms, 99), ms.empty() ? 0.0 : total / static_cast<double>(ms.size()),
                ms.empty() ? 0.0 : ms.back());
}

int run_search(const std::string& db, const std::string& queries_path, bool collapse, std::size_t limit,
               int repeat, const std::string& results_path, const std::string& times_path) {
    const auto queries = read_queries(queries_path);
    aisearch::Searcher searcher({db});
    std::vector<aisearch::Query> requests(queries.size());
    for (std::size_t i = 0; i < queries.size(); ++i) {
        requests[i].text = queries[i];
        requests[i].limit = limit;
        requests[i].collapse_duplicates = collapse;
    }

    std::FILE* results = nullptr;
    if (!results_path.empty() && !(results = std::fopen(results_path.c_str(), "w")))
        die("cannot write " + results_path);
    std::size_t errors = 0;
    std::size_t hits = 0;
    std::vector<char> ok(queries.size(), 1);
    for (std::size_t i = 0; i < queries.size(); ++i) {
        aisearch::Results r;
        try {
            r = searcher.search(requests[i]);
        } catch (const aisearch::QuerySyntaxError&) {
            ++errors;
            ok[i] = 0;
        }
        hits += r.hits.size();
        if (!results) continue;
        std::fputs(queries[i].c_str(), results);
        for (const auto& hit : r.hits) {
            std::fprintf(results, "\t%s", hit.id.c_str());
            for (const auto& dup : hit.duplicates) std::fprintf(results, "|%s", dup.id.c_str());
        }
        std::fputc('\n', results);
    }
    if (results) std::fclose(results);

    std::vector<double> ms;
    ms.reserve(queries.size() * static_cast<std::size_t>(repeat));
    std::vector<std::vector<double>> per_query(queries.size());
    for (int rep = 0; rep < repeat; ++rep)
        for (std::size_t i = 0; i < requests.size(); ++i) {
            if (!ok[i]) continue;
            const auto t0 = Clock::now();
            const auto r = searcher.search(requests[i]);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            per_query[i].push_back(ms.back());
            hits += r.hits.size();
        }
    if (!times_path.empty()) {
        std::FILE* times = std::fopen(times_path.c_str(), "w");
        if (!times) die("cannot write " + times_path);
        for (std::size_t i = 0; i < queries.size(); ++i) {
            if (per_query[i].empty()) continue;
            std::sort(per_query[i].begin(), per_query[i].end());
            std::fprintf(times, "%.4f\t%s\n", percentile(per_query[i], 50), queries[i].c_str());
        }
        std::fclose(times);
    }
    print_stats(queries.size(), std::move(ms), errors, "hits", hits);
    return 0;
}

// Runs argv with stdout and stderr to /dev/null; returns the exit status
// (-1 if it did not exit normally).
int spawn_and_wait(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) die("cannot run " + args[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) die("waitpid failed");
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run_spawn(const std::string& queries_path, std::size_t max, const std::vector<std::string>& command) {
    auto queries = read_queries(queries_path);
    if (max && queries.size() > max) queries.resize(max);
    auto args_for = [&](const std::string& q) {
        auto args = command;
        for (auto& a : args)
            if (a == "{}") a = q;
        return args;
    };
    std::size_t nonzero = 0;
    std::size_t errors = 0;
    for (const auto& q : queries) {
        const int status = spawn_and_wait(args_for(q));
        if (status != 0) ++nonzero;
        if (status < 0 || status > 1) ++errors;
    }
    std::vector<double> ms;
    ms.reserve(queries.size());
    for (const auto& q : queries) {
        const auto args = args_for(q);
        const auto t0 = Clock::now();
        spawn_and_wait(args);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    print_stats(queries.size(), std::move(ms), errors, "nonzero_exits", nonzero);
    return 0;
}

void usage() {
    std::cerr << "usage: query_bench search DB QUERIES [--no-collapse] [--limit N] [--repeat R] [--results FILE]\n"
                 "                          [--times FILE]\n"
                 "       query_bench spawn QUERIES [--max N] -- COMMAND ARG...   ({} = the query)\n";
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() < 2) usage();
    try {
        if (args[0] == "search") {
            if (args.size() < 3) usage();
            bool collapse = true;
            std::size_t limit = 10;
            int repeat = 1;
            std::string results, times;
            for (std::size_t i = 3; i < args.size(); ++i) {
                const bool has_value = i + 1 < args.size();
                if (args[i] == "--no-collapse") collapse = false;
                else if (args[i] == "--limit" && has_value) limit = std::stoul(args[++i]);
                else if (args[i] == "--repeat" && has_value) repeat = std::stoi(args[++i]);
                else if (args[i] == "--results" && has_value) results = args[++i];
                else if (args[i] == "--times" && has_value) times = args[++i];
                else usage();
            }
            return run_search(args[1], args[2], collapse, limit, repeat, results, times);
        }
        if (args[0] == "spawn") {
            std::size_t max = 0;
            std::size_t i = 2;
            for (; i < args.size() && args[i] != "--"; ++i) {
                if (args[i] == "--max" && i + 1 < args.size()) max = std::stoul(args[++i]);
                else usage();
            }
            if (i + 1 >= args.size()) usage();
            return run_spawn(args[1], max, std::vector<std::string>(args.begin() + static_cast<long>(i) + 1, args.end()));
        }
        usage();
    } catch (const std::exception& e) {
        die(e.what());
    }
}

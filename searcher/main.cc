// aisearch: parses options, runs a Searcher, prints the results.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <iostream>

#include "aisearch/searcher.h"
#include "searcher/results_format.h"

namespace {

enum Exit { kFound = 0, kNothing = 1, kUsage = 2, kDatabase = 3 };

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

// "aisearch dups [--json] [--relation R] [ID]": the duplicate clusters, or
// one document's relations with their evidence.
int run_dups(const std::vector<std::string>& dbs, const std::vector<std::string>& args, bool json) {
    std::string relation, id;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--json") {
            json = true;
        } else if (args[i] == "--relation" && i + 1 < args.size()) {
            relation = args[++i];
        } else if (args[i].rfind("--relation=", 0) == 0) {
            relation = args[i].substr(11);
        } else if (args[i].rfind("-", 0) != 0 && id.empty()) {
            id = args[i];
        } else {
            std::cerr << "aisearch: dups: unexpected argument '" << args[i]
                      << "' (usage: aisearch dups [--json] [--relation exact|near|translation] [ID])\n";
            return kUsage;
        }
    }
    try {
        aisearch::Searcher searcher(dbs);
        if (id.empty()) {
            const auto clusters = searcher.duplicate_clusters(relation);
            std::cout << (json ? aisearch::clusters_to_json(clusters) : aisearch::clusters_to_text(clusters));
            return clusters.empty() ? kNothing : kFound;
        }
        if (!relation.empty()) {
            std::cerr << "aisearch: dups: --relation lists clusters; it cannot be combined with an ID\n";
            return kUsage;
        }
        const auto relations = searcher.duplicates_of(id);
        if (json)
            std::cout << aisearch::relations_to_json(id, relations);
        else if (relations.empty())
            std::cout << id << ": no duplicates found\n";
        else
            std::cout << aisearch::relations_to_text(relations);
        return relations.empty() ? kNothing : kFound;
    } catch (const aisearch::QuerySyntaxError& e) {
        std::cerr << "aisearch: dups: " << e.what() << "\n";
        return kUsage;
    } catch (const aisearch::Error& e) {
        std::cerr << "aisearch: " << e.what() << "\n";
        return kDatabase;
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"aisearch: search Korean and English articles indexed by aisearch-index",
                 "aisearch"};
    app.footer(
        "Query syntax: words (all required), \"a phrase\", a OR b, -word / NOT word, (groups),\n"
        "lang:ko, title:word, source:word, date:2025-01 or date:A..B, prefix wildcard deep*.\n"
        "See docs/query-syntax.md. 'aisearch stats' describes the database; 'aisearch dups\n"
        "[--json] [--relation exact|near|translation] [ID]' lists duplicate clusters or shows why\n"
        "a document's versions were judged the same (docs/duplicates.md). To search for the\n"
        "word stats or dups, write: aisearch -- stats\n"
        "Exit codes: 0 results found, 1 no results, 2 usage or query syntax error,\n"
        "3 database missing or unreadable.");
    std::vector<std::string> dbs;
    std::vector<std::string> words;
    aisearch::Query query;
    bool json = false, explain = false;
    app.add_option("--db", dbs, "database path, repeatable (default: $AISEARCH_DB or ~/.local/share/aisearch/db)")
        ->allow_extra_args(false);
    app.add_option("-n,--limit", query.limit, "number of hits")->check(CLI::Range(1, 10000));
    app.add_option("--offset", query.offset, "hits to skip");
    app.add_option("--lang", query.lang, "only parts in this language")->check(CLI::IsMember({"ko", "en"}));
    app.add_flag("--json", json, "print results as JSON (docs/json-schema.md)");
    app.add_flag("--explain", explain, "print how the query is understood, then search");
    bool no_collapse = false;
    app.add_flag("--no-collapse", no_collapse,
                 "show every version of a story as its own hit (by default duplicates are listed under the best)");
    // Everything from the first word of the query on is the query, so
    // that -word (exclusion) is not taken for an option.
    app.prefix_command();
    std::string sort = "relevance";
    app.add_option("--sort", sort, "order of hits: relevance (default) or date (newest first)")
        ->check(CLI::IsMember({"relevance", "date"}));
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return e.get_exit_code() == 0 ? code : kUsage;
    }
    if (dbs.empty()) dbs.push_back(aisearch::default_database_path());
    words = app.remaining();
    // "aisearch stats [--json]" describes the database; "aisearch -- stats"
    // searches for the word.
    if (!words.empty() && words.front() == "stats") {
        for (std::size_t i = 1; i < words.size(); ++i) {
            if (words[i] != "--json") {
                std::cerr << "aisearch: stats: unexpected argument '" << words[i] << "' (stats takes only --json)\n";
                return kUsage;
            }
            json = true;
        }
        try {
            aisearch::Searcher searcher(dbs);
            const auto st = searcher.stats();
            std::cout << (json ? aisearch::stats_to_json(st) : aisearch::stats_to_text(st));
            return kFound;
        } catch (const aisearch::Error& e) {
            std::cerr << "aisearch: " << e.what() << "\n";
            return kDatabase;
        }
    }
    if (!words.empty() && words.front() == "dups")
        return run_dups(dbs, std::vector<std::string>(words.begin() + 1, words.end()), json);
    query.collapse_duplicates = !no_collapse;
    query.sort = sort == "date" ? aisearch::SortOrder::Date : aisearch::SortOrder::Relevance;
    if (!words.empty() && words.front() == "--") words.erase(words.begin());
    if (words.empty()) {
        std::cerr << "aisearch: no query given (try --help)\n";
        return kUsage;
    }
    query.text = join(words);

    try {
        aisearch::Searcher searcher(dbs);
        if (explain) std::cerr << searcher.describe(query.text) << "\n";
        const aisearch::Results results = searcher.search(query);
        if (results.relaxed && !json)
            std::cerr << "aisearch: no document contains every word of the query; showing documents "
                         "that match some of them\n";
        std::cout << (json ? aisearch::results_to_json(results)
                           : aisearch::results_to_text(results, isatty(STDOUT_FILENO)));
        return results.hits.empty() ? kNothing : kFound;
    } catch (const aisearch::QuerySyntaxError& e) {
        std::cerr << "aisearch: query '" << query.text << "': " << e.what() << "\n";
        return kUsage;
    } catch (const aisearch::DatabaseError& e) {
        std::cerr << "aisearch: " << e.what() << " (build it with: aisearch-index --db "
                  << dbs.front() << " SOURCE...)\n";
        return kDatabase;
    } catch (const aisearch::Error& e) {
        std::cerr << "aisearch: " << e.what() << "\n";
        return kDatabase;
    }
}

// How fast Xapian alone writes the documents of an aisearch database: the
// floor under aisearch-index's throughput, whatever the analysis costs.
//
//   write_floor DB [--threads T] [--run-docs N] [--no-positions]
//               [--unprefixed-only] [--drop-prefix P]... [--out DIR]
//
// Copies every document of DB (terms with their wdf and positions, values,
// data) into memory, then writes them as aisearch-index writes a first
// build: runs of N documents (default 900), each a fresh database
// (DB_DANGEROUS, one commit), taken by T threads (default 2), merged into
// one database by Xapian::Database::compact. What each kind of term costs:
// --no-positions drops every position, --unprefixed-only every term with a
// capital-letter prefix (stems, Korean stems and bigrams, anchors, bands,
// boolean terms), --drop-prefix P the terms whose leading capitals are
// exactly P (common/schema.h: "XB" bands, "Z" English stems, "G" Hangul
// bigrams). The databases go under DIR (default a temporary directory) and
// are removed. Prints {"documents", "threads", "run_docs", "positions",
// "prefixed", "dropped", "write_s", "merge_s", "total_s"}.
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

[[noreturn]] void die(const std::string& message) {
    std::cerr << "write_floor: " << message << '\n';
    std::exit(2);
}

struct Options {
    std::string db;
    unsigned threads = 2;
    std::size_t run_docs = 900;
    bool positions = true;
    bool prefixed = true;
    std::vector<std::string> dropped;  // prefixes
    std::string out;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&] {
            if (i + 1 >= argc) die(a + " needs a value");
            return std::string(argv[++i]);
        };
        if (a == "--threads") {
            o.threads = static_cast<unsigned>(std::max(1, std::atoi(value().c_str())));
        } else if (a == "--run-docs") {
            o.run_docs = static_cast<std::size_t>(std::max(1, std::atoi(value().c_str())));
        } else if (a == "--no-positions") {
            o.positions = false;
        } else if (a == "--unprefixed-only") {
            o.prefixed = false;
        } else if (a == "--drop-prefix") {
            o.dropped.push_back(value());
        } else if (a == "--out") {
            o.out = value();
        } else if (!a.empty() && a[0] == '-') {
            die("unknown option " + a);
        } else if (o.db.empty()) {
            o.db = a;
        } else {
            die("one database only");
        }
    }
    if (o.db.empty())
        die("usage: write_floor DB [--threads T] [--run-docs N] [--no-positions] [--unprefixed-only] "
            "[--drop-prefix P]... [--out DIR]");
    return o;
}

bool prefixed(const std::string& term) { return !term.empty() && term[0] >= 'A' && term[0] <= 'Z'; }

// The capital letters a term starts with.
std::string prefix_of(const std::string& term) {
    std::size_t n = 0;
    while (n < term.size() && term[n] >= 'A' && term[n] <= 'Z') ++n;
    return term.substr(0, n);
}

std::vector<Xapian::Document> copy_documents(const Options& o) {
    const Xapian::Database src(o.db);
    std::vector<Xapian::Document> docs;
    docs.reserve(src.get_doccount());
    for (auto it = src.postlist_begin(""); it != src.postlist_end(""); ++it) {
        const Xapian::Document d = src.get_document(*it);
        Xapian::Document copy;
        copy.set_data(d.get_data());
        for (auto v = d.values_begin(); v != d.values_end(); ++v) copy.add_value(v.get_valueno(), *v);
        for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
            if (!o.prefixed && prefixed(*t)) continue;
            if (std::find(o.dropped.begin(), o.dropped.end(), prefix_of(*t)) != o.dropped.end() && prefixed(*t))
                continue;
            Xapian::termcount placed = 0;
            if (o.positions)
                for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p, ++placed)
                    copy.add_posting(*t, *p, 0);
            // The wdf the positions did not already add.
            copy.add_term(*t, t.get_wdf() > placed ? t.get_wdf() - placed : 0);
        }
        docs.push_back(std::move(copy));
    }
    return docs;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    std::vector<Xapian::Document> docs;
    try {
        docs = copy_documents(o);
    } catch (const Xapian::Error& e) {
        die(o.db + ": " + e.get_description());
    }
    namespace fs = std::filesystem;
    const bool own_dir = o.out.empty();
    const fs::path dir = own_dir ? fs::temp_directory_path() / ("write_floor." + std::to_string(::getpid())) : fs::path(o.out);
    fs::create_directories(dir);
    const std::size_t runs = (docs.size() + o.run_docs - 1) / o.run_docs;
    auto run_path = [&](std::size_t r) { return (dir / ("run" + std::to_string(r))).string(); };

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < o.threads; ++t)
        workers.emplace_back([&] {
            for (std::size_t r; (r = next++) < runs;) {
                Xapian::WritableDatabase db(run_path(r), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_DANGEROUS);
                for (std::size_t i = r * o.run_docs; i < std::min(docs.size(), (r + 1) * o.run_docs); ++i)
                    db.add_document(docs[i]);
                db.commit();
            }
        });
    for (auto& w : workers) w.join();
    const auto written = Clock::now();
    Xapian::Database all;
    for (std::size_t r = 0; r < runs; ++r) all.add_database(Xapian::Database(run_path(r)));
    all.compact((dir / "merged").string());
    const auto merged = Clock::now();

    auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
    std::string dropped;
    for (const auto& p : o.dropped) dropped += (dropped.empty() ? "\"" : ", \"") + p + "\"";
    std::printf("{\"documents\": %zu, \"threads\": %u, \"run_docs\": %zu, \"positions\": %s, \"prefixed\": %s, "
                "\"dropped\": [%s], \"write_s\": %.3f, \"merge_s\": %.3f, \"total_s\": %.3f}\n",
                docs.size(), o.threads, o.run_docs, o.positions ? "true" : "false", o.prefixed ? "true" : "false",
                dropped.c_str(),
                seconds(written - start), seconds(merged - written), seconds(merged - start));
    if (own_dir) fs::remove_all(dir);
    return 0;
}

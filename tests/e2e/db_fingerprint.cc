// Test helper: prints what an aisearch database holds, in a form two
// databases can be compared with (diff/cmp), so the end-to-end tests can
// check that an interrupted and resumed index, an incremental update or a
// full rebuild ends exactly where a fresh build does.
//
//   db_fingerprint DB              the fingerprint (below)
//   db_fingerprint --revision DB   the committed Xapian revision
//   db_fingerprint --data DB       "<Q-term>\t<stored record>", by Q-term
//   db_fingerprint --metadata DB   "<key>\t<value>" for every metadata key
//                                  (values on one line: backslash, tab,
//                                  newline and NUL written as \\ \t \n \0)
//   db_fingerprint --check DB      consistency of the indexer's bookkeeping:
//                                  every part id (Q-term) on one document,
//                                  and the files with documents (XF-terms)
//                                  are the files with a recorded state
//                                  ("file:" metadata). Prints "ok" or each
//                                  problem; exit 1 on a problem.
//
// The fingerprint: document count and total length; every Q-term (the
// aisearch part ids, sorted); every term with its term frequency and
// collection frequency; the document count of each value slot but the
// cluster slot (and the date slot's bounds); the keys (not the
// values, which hold times) of the "file:" metadata.
#include <xapian.h>

#include <iostream>
#include <set>
#include <string>

namespace {

// One line per record, whatever bytes the record holds.
std::string escaped(const std::string& value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\0': out += "\\0"; break;
        default: out += c;
        }
    }
    return out;
}

int usage() {
    std::cerr << "usage: db_fingerprint [--revision|--data|--metadata|--check] DB\n";
    return 2;
}

void fingerprint(const Xapian::Database& db) {
    std::cout << "doccount " << db.get_doccount() << "\n";
    std::cout << "total_length " << db.get_total_length() << "\n";
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) std::cout << "Q " << *it << "\n";
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it)
        std::cout << "T " << *it << " " << it.get_termfreq() << " " << db.get_collection_freq(*it) << "\n";
    for (Xapian::valueno slot = 0; slot < 4; ++slot) {
        // Cluster ids (slot 2) come from links decided as parts are indexed:
        // an incremental run keeps earlier decisions that a fresh build,
        // seeing all parts at once, may make differently (docs/duplicates.md).
        if (slot == 2) continue;
        const Xapian::doccount freq = db.get_value_freq(slot);
        if (freq == 0) continue;
        std::cout << "V " << slot << " " << freq;
        // Xapian does not tighten a slot's bounds when a document is
        // replaced or deleted, so only the date slot's (whose values the
        // tests keep) are compared; the others hold fingerprints and
        // cluster ids that updates rewrite.
        if (slot == 0) std::cout << " " << db.get_value_lower_bound(slot) << " " << db.get_value_upper_bound(slot);
        std::cout << "\n";
    }
    for (auto it = db.metadata_keys_begin("file:"); it != db.metadata_keys_end("file:"); ++it)
        std::cout << "M " << *it << "\n";
}

void data(const Xapian::Database& db) {
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
        for (auto p = db.postlist_begin(*it); p != db.postlist_end(*it); ++p)
            std::cout << *it << "\t" << escaped(db.get_document(*p).get_value(5)) << "\n";  // 5: schema::kRecordSlot
    }
}

void metadata(const Xapian::Database& db) {
    for (auto it = db.metadata_keys_begin(); it != db.metadata_keys_end(); ++it)
        std::cout << *it << "\t" << escaped(db.get_metadata(*it)) << "\n";
}

int check(const Xapian::Database& db) {
    int problems = 0;
    auto problem = [&](const std::string& what) {
        std::cout << what << "\n";
        ++problems;
    };
    Xapian::doccount with_q = 0;
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
        with_q += it.get_termfreq();
        if (it.get_termfreq() != 1)
            problem("part id on " + std::to_string(it.get_termfreq()) + " documents: " + *it);
    }
    if (with_q != db.get_doccount())
        problem("documents without a part id: " + std::to_string(db.get_doccount() - with_q));
    std::set<std::string> files_with_docs, files_with_state;
    for (auto it = db.allterms_begin("XF"); it != db.allterms_end("XF"); ++it) files_with_docs.insert((*it).substr(2));
    for (auto it = db.metadata_keys_begin("file:"); it != db.metadata_keys_end("file:"); ++it)
        files_with_state.insert((*it).substr(5));
    for (const auto& f : files_with_docs)
        if (!files_with_state.count(f)) problem("documents without a file state: " + f);
    for (const auto& f : files_with_state)
        if (!files_with_docs.count(f)) problem("file state without documents: " + f);
    if (problems == 0) std::cout << "ok " << files_with_state.size() << " files " << db.get_doccount() << " parts\n";
    return problems ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string mode, path;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--", 0) == 0) {
            if (!mode.empty()) return usage();
            mode = a;
        } else {
            if (!path.empty()) return usage();
            path = a;
        }
    }
    if (path.empty()) return usage();
    try {
        Xapian::Database db(path);
        if (mode.empty()) fingerprint(db);
        else if (mode == "--revision") std::cout << db.get_revision() << "\n";
        else if (mode == "--data") data(db);
        else if (mode == "--metadata") metadata(db);
        else if (mode == "--check") return check(db);
        else return usage();
    } catch (const Xapian::Error& e) {
        std::cerr << "db_fingerprint: " << path << ": " << e.get_description() << "\n";
        return 3;
    }
    return 0;
}

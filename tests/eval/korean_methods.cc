// Korean development evaluation: known-item queries over the LibreOffice
// help (tests/eval/libreoffice/), scored for Xapian's own TermGenerator /
// QueryParser and for aisearch's analyzer with each Korean method switched
// on or off.
//
//   korean_methods --corpus DIR --queries queries.json [--json OUT]
//                  [--methods a,b,...] [--failures N] [--per-query OUT.jsonl]
//
// --failures N lists the first N missed Korean queries of each method with
// what was ranked instead; --per-query writes one JSON line per method and
// query (rank of the first relevant page, top hits) for closer analysis.
//
// DIR is written by libreoffice/build_corpus.py, queries.json by
// make_queries.py. Every page (ko and en) is indexed once per method into a
// temporary on-disk database (removed afterwards), so the index size can be
// reported next to the build time.
//
// The aisearch methods index each page with the indexer's own pieces
// (ArticleReader on the file bytes, make_part_document for each language
// part) and query with the searcher's (QueryParser with the lexicon, then
// rank_matches: BM25 and the relaxed query when the strict one matches
// nothing). Hits are the top 10 Xapian documents; a part id
// "x#ko" counts as page "x", so the two parts of one page take two ranks,
// as they would in the searcher's results.
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "aisearch/error.h"
#include "common/analyzer.h"
#include "common/article_reader.h"
#include "common/bilingual_lexicon.h"
#include "common/boilerplate_filter.h"
#include "common/data_files.h"
#include "common/document_parser.h"
#include "common/schema.h"
#include "common/part_document.h"
#include "searcher/query_parser.h"
#include "searcher/ranked_match.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr std::size_t kTopK = 10;

struct Page {
    std::string id;     // "ko/<relpath>" or "en/<relpath>"
    fs::path file;
    std::string title;  // first line of the file
    std::string bytes;  // whole file
};

struct EvalQuery {
    std::string set;
    std::string text;
    std::vector<std::string> relevant;
};

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<Page> load_pages(const fs::path& corpus) {
    const json manifest = json::parse(read_file(corpus / "manifest.json"));
    std::vector<Page> pages;
    for (const char* lang : {"ko", "en"}) {
        for (const auto& rel : manifest.at(lang)) {
            Page p;
            p.id = std::string(lang) + "/" + rel.get<std::string>();
            p.file = corpus / lang / rel.get<std::string>();
            p.bytes = read_file(p.file);
            p.title = p.bytes.substr(0, p.bytes.find('\n'));
            pages.push_back(std::move(p));
        }
    }
    return pages;
}

std::vector<EvalQuery> load_queries(const fs::path& file) {
    const json j = json::parse(read_file(file));
    std::vector<EvalQuery> out;
    for (const auto& q : j.at("queries"))
        out.push_back({q.at("set").get<std::string>(), q.at("q").get<std::string>(),
                       q.at("relevant").get<std::vector<std::string>>()});
    return out;
}

// What a search returned for one query.
struct Ranking {
    std::vector<std::string> pages;  // top kTopK hits as page ids (repeats possible)
    bool error = false;              // the query could not be parsed
    bool relaxed = false;            // the strict query matched nothing
};

aisearch::PartContext context(const std::string& suffix, const Page& page) {
    aisearch::PartContext c;
    c.part_suffix = suffix;
    c.part_id = page.id + suffix;
    c.doc_key = page.file.string();
    c.path = page.file.string();
    return c;
}

class Method {
public:
    virtual ~Method() = default;
    virtual std::string name() const = 0;
    // Adds every page to `db`, remembering which page each docid is.
    virtual void index(Xapian::WritableDatabase& db, const std::vector<Page>& pages) = 0;
    virtual Ranking search(const Xapian::Database& db, const std::string& query) = 0;
    virtual std::string notes() const { return ""; }

    std::string page_of_docid(Xapian::docid id) const {
        auto it = pages_.find(id);
        return it == pages_.end() ? std::string("?") : it->second;
    }

protected:
    std::unordered_map<Xapian::docid, std::string> pages_;
};

// Xapian's TermGenerator and QueryParser with their defaults (English
// stemmer, STEM_SOME, default operator OR) and the default BM25Weight.
class XapianMethod : public Method {
public:
    explicit XapianMethod(bool cjk_ngram) : cjk_(cjk_ngram) {}

    std::string name() const override { return cjk_ ? "xapian-cjk-ngram" : "xapian-default"; }

    void index(Xapian::WritableDatabase& db, const std::vector<Page>& pages) override {
        Xapian::TermGenerator tg;
        tg.set_stemmer(Xapian::Stem("english"));
        if (cjk_) tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
        for (const Page& p : pages) {
            Xapian::Document doc;
            tg.set_document(doc);
            tg.index_text(p.bytes);  // title line + body: one text
            doc.add_boolean_term("Q" + p.id);
            doc.set_data(p.bytes);
            pages_[db.replace_document("Q" + p.id, doc)] = p.id;
        }
    }

    Ranking search(const Xapian::Database& db, const std::string& query) override {
        Xapian::QueryParser qp;
        qp.set_stemmer(Xapian::Stem("english"));
        qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        unsigned flags = Xapian::QueryParser::FLAG_DEFAULT;
        if (cjk_) flags |= Xapian::QueryParser::FLAG_CJK_NGRAM;
        Ranking r;
        Xapian::Query q;
        try {
            q = qp.parse_query(query, flags);
        } catch (const Xapian::QueryParserError&) {
            r.error = true;
            return r;
        }
        Xapian::Enquire enquire(db);
        enquire.set_query(q);  // default weighting: BM25Weight()
        const Xapian::MSet mset = enquire.get_mset(0, kTopK);
        for (auto it = mset.begin(); it != mset.end(); ++it) r.pages.push_back(page_of_docid(*it));
        return r;
    }

private:
    bool cjk_;
};

// aisearch's indexer and searcher, with a choice of Korean analysis.
class AisearchMethod : public Method {
public:
    AisearchMethod(std::string name, aisearch::AnalyzerOptions options)
        : name_(std::move(name)),
          analyzer_(aisearch::Analyzer::from_data_dir(aisearch::data_dir(), options)),
          lexicon_(aisearch::BilingualLexicon::load(aisearch::data_dir() / "lexicon.tsv", analyzer_)),
          reader_(aisearch::DocumentParser(aisearch::BoilerplateFilter::load(aisearch::data_dir() / "boilerplate.txt"))),
          query_parser_(analyzer_, lexicon_) {}

    std::string name() const override { return name_; }

    void index(Xapian::WritableDatabase& db, const std::vector<Page>& pages) override {
        for (const Page& p : pages) {
            // The indexer's document id: the path below the directory given
            // (here the corpus directory), i.e. the page id.
            const aisearch::FileReport report = reader_.read(p.file, p.bytes, p.id, [&](aisearch::Article&& a) {
                if (a.parsed.parts.size() > 1) ++split_pages_;
                for (const aisearch::LanguagePart& part : a.parsed.parts) {
                    const std::string suffix = a.parsed.parts.size() > 1 ? "#" + part.lang : "";
                    aisearch::PartContext c = context(suffix, p);
                    c.metadata = a.metadata;
                    pages_[db.replace_document(aisearch::part_key_term(c),
                                               aisearch::make_part_document(analyzer_, part, c))] = p.id;
                    ++parts_;
                }
            });
            if (report.articles == 0) ++empty_pages_;
        }
    }

    Ranking search(const Xapian::Database& db, const std::string& query) override {
        Ranking r;
        std::optional<aisearch::ParsedQuery> parsed;
        try {
            parsed = query_parser_.parse(query);
        } catch (const aisearch::QuerySyntaxError&) {
            r.error = true;
            return r;
        }
        Xapian::Enquire enquire(db);
        const aisearch::RankedMatches matches = aisearch::rank_matches(enquire, *parsed, 0, kTopK);
        r.relaxed = matches.relaxed;
        for (auto it = matches.mset.begin(); it != matches.mset.end(); ++it) r.pages.push_back(page_of_docid(*it));
        return r;
    }

    std::string notes() const override {
        return std::to_string(parts_) + " parts; " + std::to_string(split_pages_) +
               " pages split into ko+en parts; " + std::to_string(empty_pages_) + " pages without text";
    }

private:
    std::string name_;
    aisearch::Analyzer analyzer_;
    aisearch::BilingualLexicon lexicon_;
    aisearch::ArticleReader reader_;
    aisearch::QueryParser query_parser_;
    std::size_t parts_ = 0, split_pages_ = 0, empty_pages_ = 0;
};

struct SetScore {
    std::size_t queries = 0, errors = 0, relaxed = 0, found = 0;
    double rr = 0, recall = 0;
};

struct MethodResult {
    std::string name;
    double build_s = 0, query_ms = 0;
    double index_mb = 0;
    Xapian::doccount docs = 0;
    std::size_t terms = 0, postings = 0;
    std::string notes;
    std::map<std::string, SetScore> sets;
};

std::pair<double, double> score(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant) {
    const std::set<std::string> rel(relevant.begin(), relevant.end());
    double rr = 0;
    std::set<std::string> found;
    for (std::size_t i = 0; i < ranked.size() && i < kTopK; ++i) {
        if (!rel.count(ranked[i])) continue;
        if (rr == 0) rr = 1.0 / static_cast<double>(i + 1);
        found.insert(ranked[i]);
    }
    return {rr, rel.empty() ? 0.0 : static_cast<double>(found.size()) / static_cast<double>(rel.size())};
}

std::uintmax_t dir_size(const fs::path& dir) {
    std::uintmax_t total = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) total += e.file_size();
    return total;
}

fs::path make_temp_dir() {
    std::string templ = (fs::temp_directory_path() / "korean_methods.XXXXXX").string();
    if (!mkdtemp(templ.data())) throw std::runtime_error("cannot create a temporary directory");
    return templ;
}

MethodResult run_method(Method& m, const std::vector<Page>& pages, const std::vector<EvalQuery>& queries,
                        const std::unordered_map<std::string, std::string>& titles, std::size_t show_failures,
                        std::ostream* per_query) {
    using clock = std::chrono::steady_clock;
    MethodResult res;
    res.name = m.name();
    const fs::path tmp = make_temp_dir();
    struct Cleanup {
        fs::path dir;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } cleanup{tmp};
    const fs::path db_path = tmp / "db";

    const auto t0 = clock::now();
    {
        Xapian::WritableDatabase wdb(db_path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        wdb.begin_transaction();
        m.index(wdb, pages);
        wdb.commit_transaction();
        wdb.close();
    }
    res.build_s = std::chrono::duration<double>(clock::now() - t0).count();
    res.index_mb = static_cast<double>(dir_size(db_path)) / 1e6;
    res.notes = m.notes();

    Xapian::Database db(db_path.string());
    res.docs = db.get_doccount();
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        ++res.terms;
        res.postings += t.get_termfreq();
    }

    std::map<std::string, std::size_t> shown;
    const auto q0 = clock::now();
    for (const EvalQuery& q : queries) {
        const Ranking r = m.search(db, q.text);
        const auto [rr, recall] = score(r.pages, q.relevant);
        SetScore& s = res.sets[q.set];
        ++s.queries;
        s.errors += r.error;
        s.relaxed += r.relaxed;
        s.found += rr > 0;
        s.rr += rr;
        s.recall += recall;
        if (per_query) {
            const json line = {{"method", res.name}, {"set", q.set},        {"q", q.text},
                               {"relevant", q.relevant}, {"rr", rr},        {"recall", recall},
                               {"error", r.error},   {"relaxed", r.relaxed}, {"top", r.pages}};
            *per_query << line.dump() << "\n";
        }
        if (rr == 0 && q.set != "en_title" && shown[q.set] < show_failures) {
            ++shown[q.set];
            std::cout << "  miss " << res.name << " " << q.set << " q=[" << q.text << "] relevant="
                      << q.relevant.front() << (q.relevant.size() > 1 ? " (+more)" : "")
                      << (r.error ? " PARSE ERROR" : "") << (r.relaxed ? " (relaxed)" : "") << "\n";
            for (std::size_t i = 0; i < r.pages.size() && i < 3; ++i) {
                auto t = titles.find(r.pages[i]);
                std::cout << "      " << i + 1 << ". " << r.pages[i] << "  [" << (t == titles.end() ? "" : t->second)
                          << "]\n";
            }
        }
    }
    res.query_ms = std::chrono::duration<double, std::milli>(clock::now() - q0).count() /
                   static_cast<double>(std::max<std::size_t>(queries.size(), 1));
    return res;
}

std::unique_ptr<Method> make_method(const std::string& name) {
    if (name == "xapian-default") return std::make_unique<XapianMethod>(false);
    if (name == "xapian-cjk-ngram") return std::make_unique<XapianMethod>(true);
    if (name == "aisearch-surface") return std::make_unique<AisearchMethod>(name, aisearch::AnalyzerOptions{false, false});
    if (name == "aisearch-strip") return std::make_unique<AisearchMethod>(name, aisearch::AnalyzerOptions{true, false});
    if (name == "aisearch-bigram") return std::make_unique<AisearchMethod>(name, aisearch::AnalyzerOptions{false, true});
    if (name == "aisearch") return std::make_unique<AisearchMethod>(name, aisearch::AnalyzerOptions{true, true});
    return nullptr;
}

const std::vector<std::string> kAllMethods = {"xapian-default", "xapian-cjk-ngram", "aisearch-surface",
                                              "aisearch-strip", "aisearch-bigram", "aisearch"};

int usage(const char* argv0) {
    std::cerr << "usage: " << argv0
              << " --corpus DIR --queries queries.json [--json OUT] [--methods m1,m2,...] [--failures N]"
                 " [--per-query OUT.jsonl]\n"
              << "methods:";
    for (const auto& m : kAllMethods) std::cerr << " " << m;
    std::cerr << "\n";
    return 2;
}

void print_table(const std::vector<MethodResult>& results) {
    std::printf("%-17s %-9s %7s %7s %7s %6s %7s\n", "method", "set", "queries", "MRR@10", "R@10", "errors", "relaxed");
    for (const auto& r : results)
        for (const auto& [set, s] : r.sets) {
            const double n = static_cast<double>(std::max<std::size_t>(s.queries, 1));
            std::printf("%-17s %-9s %7zu %7.4f %7.4f %6zu %7zu\n", r.name.c_str(), set.c_str(), s.queries, s.rr / n,
                        s.recall / n, s.errors, s.relaxed);
        }
    std::printf("\n%-17s %8s %9s %6s %9s %10s %9s  %s\n", "method", "build_s", "index_MB", "docs", "terms",
                "postings", "query_ms", "notes");
    for (const auto& r : results)
        std::printf("%-17s %8.2f %9.2f %6u %9zu %10zu %9.3f  %s\n", r.name.c_str(), r.build_s, r.index_mb, r.docs,
                    r.terms, r.postings, r.query_ms, r.notes.c_str());
}

json to_json(const std::vector<MethodResult>& results, std::size_t pages) {
    json out;
    out["k"] = kTopK;
    out["pages"] = pages;
    for (const auto& r : results) {
        json m;
        m["build_s"] = r.build_s;
        m["index_mb"] = r.index_mb;
        m["docs"] = r.docs;
        m["terms"] = r.terms;
        m["postings"] = r.postings;
        m["query_ms"] = r.query_ms;
        m["notes"] = r.notes;
        for (const auto& [set, s] : r.sets) {
            const double n = static_cast<double>(std::max<std::size_t>(s.queries, 1));
            m["results"][set] = {{"queries", s.queries},   {"mrr@10", s.rr / n}, {"recall@10", s.recall / n},
                                 {"errors", s.errors},     {"relaxed", s.relaxed}};
        }
        out["methods"][r.name] = m;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path corpus, queries_file, json_out, per_query_out;
    std::vector<std::string> methods = kAllMethods;
    std::size_t failures = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) return usage(argv[0]);
        const std::string v = argv[++i];
        if (a == "--corpus") corpus = v;
        else if (a == "--queries") queries_file = v;
        else if (a == "--json") json_out = v;
        else if (a == "--per-query") per_query_out = v;
        else if (a == "--failures") {
            char* end = nullptr;
            failures = std::strtoul(v.c_str(), &end, 10);
            if (v.empty() || *end) return usage(argv[0]);
        } else if (a == "--methods") {
            methods.clear();
            std::stringstream ss(v);
            for (std::string m; std::getline(ss, m, ',');)
                if (!m.empty()) methods.push_back(m);
        } else return usage(argv[0]);
    }
    if (corpus.empty() || queries_file.empty()) return usage(argv[0]);
    for (const auto& m : methods)
        if (!make_method(m)) {
            std::cerr << "unknown method '" << m << "'\n";
            return usage(argv[0]);
        }

    try {
        const std::vector<Page> pages = load_pages(corpus);
        const std::vector<EvalQuery> queries = load_queries(queries_file);
        std::unordered_map<std::string, std::string> titles;
        for (const auto& p : pages) titles[p.id] = p.title;
        std::size_t bytes = 0;
        for (const auto& p : pages) bytes += p.bytes.size();
        std::printf("corpus: %zu pages, %.2f MB; %zu queries; data dir %s\n", pages.size(),
                    static_cast<double>(bytes) / 1e6, queries.size(), aisearch::data_dir().c_str());
        std::fflush(stdout);

        std::ofstream per_query;
        if (!per_query_out.empty()) {
            per_query.open(per_query_out);
            if (!per_query) throw std::runtime_error("cannot write " + per_query_out.string());
        }
        std::vector<MethodResult> results;
        for (const auto& name : methods) {
            auto m = make_method(name);
            results.push_back(
                run_method(*m, pages, queries, titles, failures, per_query_out.empty() ? nullptr : &per_query));
            std::printf("%s: built in %.2f s\n", name.c_str(), results.back().build_s);
            std::fflush(stdout);
        }
        std::cout << "\n";
        print_table(results);
        if (!json_out.empty()) {
            std::ofstream out(json_out);
            out << to_json(results, pages.size()).dump(1) << "\n";
            if (!out) throw std::runtime_error("cannot write " + json_out.string());
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "korean_methods: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "korean_methods: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

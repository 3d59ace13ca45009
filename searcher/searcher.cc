#include "aisearch/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>
#include <type_traits>

#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "common/data_files.h"
#include "common/schema.h"
#include "common/stored_part.h"
#include "common/utf8.h"
#include "searcher/duplicate_lookup.h"
#include "searcher/query_parser.h"
#include "searcher/ranked_match.h"
#include "searcher/snippet_maker.h"

namespace aisearch {
namespace {

constexpr int kReopenRetries = 5;

// Runs `f`. An indexer's commits or a rebuild swapped in can overtake a
// reader: Xapian reports DatabaseModifiedError, or, for blocks of a later
// revision or files of two databases read while opening, a corrupt block
// or a short read. On any database error this pauses (5, 10, 20, 40, 80
// ms: the commit or swap is over by then), calls `reset` and runs `f`
// again; a database that really is damaged still fails. `failure(e)`
// names what failed.
template <typename F, typename Reset, typename Failure>
std::invoke_result_t<F&> retry_while_changing(F f, Reset reset, Failure failure) {
    for (int attempt = 0;; ++attempt) {
        try {
            return f();
        } catch (const Xapian::DatabaseError& e) {
            if (attempt >= kReopenRetries) throw DatabaseError(failure(e));
            std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
            reset();
        } catch (const Xapian::Error& e) {
            throw DatabaseError(failure(e));
        }
    }
}

}  // namespace

struct Searcher::Impl {
    explicit Impl(const std::vector<std::string>& paths)
        : paths(paths),
          analyzer(Analyzer::from_data_dir(data_dir())),
          lexicon(BilingualLexicon::load_lazily(data_dir() / "lexicon.tsv")),
          parser(analyzer, lexicon),
          snippets(analyzer) {
        open();
    }

    void open() {
        if (paths.empty()) throw DatabaseError("no database given");
        Xapian::Database combined;
        std::vector<Xapian::Database> shards;
        for (const auto& p : paths) {
            std::error_code ec;
            if (!std::filesystem::exists(p, ec))
                throw DatabaseError("database '" + p + "' does not exist");
            Xapian::Database shard;
            std::string format;
            Xapian::doccount parts = 0;
            retry_while_changing(
                [&] {
                    shard = Xapian::Database(p);
                    format = shard.get_metadata(std::string(schema::kFormatKey));
                    parts = shard.get_doccount();
                },
                [] {}, [&](const Xapian::Error& e) { return "database '" + p + "' cannot be opened: " + e.get_msg(); });
            if (parts > 0 && format != schema::kFormat)
                throw DatabaseError("database '" + p + "' was written by another version of aisearch-index (format " +
                                    (format.empty() ? std::string("1") : format) + ", not " +
                                    std::string(schema::kFormat) + "): run aisearch-index on it again");
            shards.push_back(shard);
            combined.add_database(shard);
        }
        db = combined;
        duplicates = std::make_unique<DuplicateLookup>(std::move(shards));
    }

    Results run(const Query& q) {
        if (!q.lang.empty() && q.lang != "ko" && q.lang != "en")
            throw QuerySyntaxError("language must be ko or en, not '" + q.lang + "'");
        lexicon.prepare(q.text, analyzer);
        const ParsedQuery parsed = parser.parse(q.text, q.lang);
        return retrying("search", [&] { return run_once(q, parsed); });
    }

    Results run_once(const Query& q, const ParsedQuery& parsed) {
        Xapian::Enquire enquire(db);
        if (q.sort == SortOrder::Date) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
        if (q.collapse_duplicates) enquire.set_collapse_key(schema::kClusterSlot);
        RankedMatches matches = rank_matches(enquire, parsed, static_cast<Xapian::doccount>(q.offset),
                                             static_cast<Xapian::doccount>(q.limit));
        const Xapian::MSet& mset = matches.mset;
        Results r;
        r.query = q.text;
        r.relaxed = matches.relaxed;
        r.estimated_matches = mset.get_matches_estimated();
        // The hits' values are read slot by slot in docid order: a slot's
        // values are stored together in docid order, and Xapian reads a
        // block again whenever a read moves away from it.
        struct Shown {
            Xapian::MSetIterator it;
            Xapian::Document doc;
            std::string record, cluster;
        };
        std::vector<Shown> shown;
        for (auto it = mset.begin(); it != mset.end(); ++it) shown.push_back({it, it.get_document(), {}, {}});
        std::vector<Shown*> by_docid;
        for (auto& s : shown) by_docid.push_back(&s);
        std::sort(by_docid.begin(), by_docid.end(), [](const Shown* a, const Shown* b) { return *a->it < *b->it; });
        for (Shown* s : by_docid) s->record = s->doc.get_value(schema::kRecordSlot);
        for (Shown* s : by_docid)
            s->cluster = q.collapse_duplicates ? s->it.get_collapse_key() : s->doc.get_value(schema::kClusterSlot);
        std::size_t rank = q.offset;
        for (const Shown& shown_hit : shown) {
            const auto& [it, doc, record, cluster] = shown_hit;
            const StoredPart part = decode_stored_part(record);
            Hit h;
            h.rank = ++rank;
            h.id = part.id;
            h.path = part.path;
            h.title = part.title;
            h.lang = part.lang;
            h.date = part.date;
            h.source = part.source;
            h.score = it.get_weight();
            Snippet s = snippets.make(part.text, parsed.highlight, q.snippet_length);
            h.snippet = std::move(s.text);
            h.highlights = std::move(s.highlights);
            h.duplicates = duplicates->versions_of(*it, doc, cluster, part.id, part.lang);
            if (!q.lang.empty())  // the user asked for one language only
                std::erase_if(h.duplicates, [&](const Duplicate& d) { return d.lang != q.lang; });
            r.hits.push_back(std::move(h));
        }
        return r;
    }

    DatabaseStats stats() {
        return retrying("reading database statistics", [&] { return stats_once(); });
    }

    DatabaseStats stats_once() {
        DatabaseStats st;
        st.parts = db.get_doccount();
        st.korean_parts = db.get_termfreq(schema::boolean_term(schema::kLanguage, "ko"));
        st.english_parts = db.get_termfreq(schema::boolean_term(schema::kLanguage, "en"));
        const std::string prefix(schema::kDocumentId);
        for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) ++st.documents;
        for (const auto& p : paths) {
            const std::string when = Xapian::Database(p).get_metadata(std::string(schema::kLastUpdateKey));
            st.last_update = std::max(st.last_update, when);
            std::error_code ec;
            for (auto it = std::filesystem::recursive_directory_iterator(p, ec);
                 !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
                std::error_code fec;
                if (it->is_regular_file(fec)) st.size_bytes += it->file_size(fec);
            }
        }
        return st;
    }

    // Runs `f`, opening the databases anew if an indexer changed them
    // under it.
    template <typename F>
    std::invoke_result_t<F&> retrying(const char* what, F f) {
        return retry_while_changing(f, [this] { open(); }, [&](const Xapian::Error& e) {
            return std::string(what) + " failed: " + e.get_description();
        });
    }

    std::vector<std::string> paths;
    Analyzer analyzer;
    BilingualLexicon lexicon;
    QueryParser parser;
    SnippetMaker snippets;
    Xapian::Database db;
    std::unique_ptr<DuplicateLookup> duplicates;
};

Searcher::Searcher(const std::vector<std::string>& databases) : impl_(std::make_unique<Impl>(databases)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

Results Searcher::search(const Query& query) { return impl_->run(query); }

DatabaseStats Searcher::stats() { return impl_->stats(); }

std::vector<DuplicateCluster> Searcher::duplicate_clusters(const std::string& relation) {
    std::optional<Relation> only;
    if (!relation.empty()) {
        only = relation_from_name(relation);
        if (!only) throw QuerySyntaxError("relation must be exact, near or translation, not '" + relation + "'");
    }
    return impl_->retrying("reading duplicate clusters", [&] { return impl_->duplicates->clusters(only); });
}

std::vector<DuplicateRelation> Searcher::duplicates_of(const std::string& id) {
    return impl_->retrying("reading duplicates", [&] { return impl_->duplicates->relations_of(id); });
}

std::string Searcher::describe(const std::string& text) {
    impl_->lexicon.prepare(text, impl_->analyzer);
    return impl_->parser.parse(text).query.get_description();
}

}  // namespace aisearch

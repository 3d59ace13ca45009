#include "aisearch/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>

#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "common/data_files.h"
#include "common/schema.h"
#include "common/stored_part.h"
#include "common/utf8.h"
#include "searcher/query_parser.h"
#include "searcher/ranked_match.h"
#include "searcher/snippet_maker.h"

namespace aisearch {
namespace {

constexpr int kReopenRetries = 5;

}  // namespace

struct Searcher::Impl {
    explicit Impl(const std::vector<std::string>& paths)
        : paths(paths),
          analyzer(Analyzer::from_data_dir(data_dir())),
          lexicon(BilingualLexicon::load(data_dir() / "lexicon.tsv", analyzer)),
          parser(analyzer, lexicon),
          snippets(analyzer) {
        open();
    }

    void open() {
        if (paths.empty()) throw DatabaseError("no database given");
        Xapian::Database combined;
        for (const auto& p : paths) {
            std::error_code ec;
            if (!std::filesystem::exists(p, ec))
                throw DatabaseError("database '" + p + "' does not exist");
            try {
                combined.add_database(Xapian::Database(p));
            } catch (const Xapian::Error& e) {
                throw DatabaseError("database '" + p + "' cannot be opened: " + e.get_msg());
            }
        }
        db = combined;
    }

    Results run(const Query& q) {
        if (!q.lang.empty() && q.lang != "ko" && q.lang != "en")
            throw QuerySyntaxError("language must be ko or en, not '" + q.lang + "'");
        const ParsedQuery parsed = parser.parse(q.text, q.lang);
        for (int attempt = 0;; ++attempt) {
            try {
                return run_once(q, parsed);
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= kReopenRetries) throw DatabaseError("database keeps changing during the search");
                db.reopen();
            } catch (const Xapian::DatabaseError& e) {
                // A full rebuild swapped the directory under us: open it anew.
                if (attempt >= kReopenRetries) throw DatabaseError("search failed: " + e.get_description());
                open();
            } catch (const Xapian::Error& e) {
                throw DatabaseError("search failed: " + e.get_description());
            }
        }
    }

    Results run_once(const Query& q, const ParsedQuery& parsed) {
        Xapian::Enquire enquire(db);
        if (q.sort == SortOrder::Date) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
        RankedMatches matches = rank_matches(enquire, parsed, static_cast<Xapian::doccount>(q.offset),
                                             static_cast<Xapian::doccount>(q.limit));
        const Xapian::MSet& mset = matches.mset;
        Results r;
        r.query = q.text;
        r.relaxed = matches.relaxed;
        r.estimated_matches = mset.get_matches_estimated();
        std::size_t rank = q.offset;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const StoredPart part = decode_stored_part(it.get_document().get_data());
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
            r.hits.push_back(std::move(h));
        }
        return r;
    }

    DatabaseStats stats() {
        DatabaseStats st;
        try {
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
        } catch (const Xapian::Error& e) {
            throw DatabaseError("reading database statistics failed: " + e.get_description());
        }
        return st;
    }

    std::vector<std::string> paths;
    Analyzer analyzer;
    BilingualLexicon lexicon;
    QueryParser parser;
    SnippetMaker snippets;
    Xapian::Database db;
};

Searcher::Searcher(const std::vector<std::string>& databases) : impl_(std::make_unique<Impl>(databases)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

Results Searcher::search(const Query& query) { return impl_->run(query); }

DatabaseStats Searcher::stats() { return impl_->stats(); }

std::string Searcher::describe(const std::string& text) {
    return impl_->parser.parse(text).query.get_description();
}

}  // namespace aisearch

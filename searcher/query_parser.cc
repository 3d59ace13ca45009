#include "searcher/query_parser.h"

#include <map>
#include <optional>
#include <set>

#include "aisearch/error.h"
#include "common/schema.h"
#include "common/utf8.h"

namespace aisearch {
namespace {

// Translations found through the lexicon rank below the query's own words.
constexpr double kTranslationWeight = 0.5;
// Weight of a query word found in the title, relative to the body, and of
// all of them as a phrase there (tests/eval: en_title MRR@10 0.861 -> 0.908,
// ko_title 0.930 -> 0.937 for the phrase; flat above 2).
constexpr double kTitleBoost = 1.0;
constexpr double kTitlePhraseBoost = 2.0;
// A title that is exactly the query's words names the page the user wants
// (known-item search). BM25 weighs a title match less on a long page, and
// the page a short title names is often a long overview, outranked by
// shorter pages whose longer titles contain the same words; so this weight
// is fixed, per query word (tests/eval, help corpus: ko_title MRR@10 0.941
// -> 0.984 at 10, 0.994 at 15, 0.998 from 20 to 50; en_title 0.908 ->
// 0.988). 30 leaves a margin.
constexpr double kWholeTitleBoost = 30.0;
// A wildcard expands to at most this many of the most frequent terms.
constexpr Xapian::termcount kWildcardExpansion = 100;

enum class TokenType { Word, Phrase, Wildcard, Open, Close, Or, And, Not, Minus, Field, End };

struct Token {
    TokenType type;
    std::string text;  // word, phrase content, wildcard prefix or field name
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool starts_quote(std::string_view s, std::size_t i, std::size_t& len) {
    if (s[i] == '"') return len = 1, true;
    if (s.substr(i, 3) == "\xE2\x80\x9C" || s.substr(i, 3) == "\xE2\x80\x9D") return len = 3, true;
    return false;
}

class Lexer {
public:
    explicit Lexer(std::string_view text) : s_(text) { tokenize(); }
    const Token& peek() const { return tokens_[pos_]; }
    Token next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }

private:
    std::string read_phrase(std::size_t& i) {
        std::string content;
        std::size_t qlen = 0;
        while (i < s_.size() && !starts_quote(s_, i, qlen)) content += s_[i++];
        if (i >= s_.size()) throw QuerySyntaxError("unbalanced quote: a \" is never closed");
        i += qlen;
        return content;
    }

    void tokenize() {
        std::size_t i = 0, qlen = 0;
        while (i < s_.size()) {
            if (is_space(s_[i])) { ++i; continue; }
            if (s_[i] == '(') { tokens_.push_back({TokenType::Open, ""}); ++i; continue; }
            if (s_[i] == ')') { tokens_.push_back({TokenType::Close, ""}); ++i; continue; }
            if (starts_quote(s_, i, qlen)) {
                i += qlen;
                tokens_.push_back({TokenType::Phrase, read_phrase(i)});
                continue;
            }
            if (s_[i] == '-' && i + 1 < s_.size() && !is_space(s_[i + 1])) {
                tokens_.push_back({TokenType::Minus, ""});
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < s_.size() && !is_space(s_[j]) && s_[j] != '(' && s_[j] != ')' &&
                   !starts_quote(s_, j, qlen))
                ++j;
            std::string word(s_.substr(i, j - i));
            i = j;
            if (word == "OR") { tokens_.push_back({TokenType::Or, ""}); continue; }
            if (word == "AND") { tokens_.push_back({TokenType::And, ""}); continue; }
            if (word == "NOT") { tokens_.push_back({TokenType::Not, ""}); continue; }
            if (const auto colon = word.find(':'); colon != std::string::npos) {
                const std::string field = word.substr(0, colon);
                if (field == "lang" || field == "title" || field == "source" || field == "date") {
                    tokens_.push_back({TokenType::Field, field});
                    word.erase(0, colon + 1);
                    if (word.empty()) {
                        if (i < s_.size() && starts_quote(s_, i, qlen)) continue;
                        throw QuerySyntaxError(field + ": needs a value right after the colon");
                    }
                }
            }
            if (word.size() > 1 && word.back() == '*') {
                word.pop_back();
                tokens_.push_back({TokenType::Wildcard, word});
            } else {
                tokens_.push_back({TokenType::Word, word});
            }
        }
        tokens_.push_back({TokenType::End, ""});
    }

    std::string_view s_;
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
};

// One clause of a conjunction, before lexicon grouping.
struct Clause {
    std::optional<Xapian::Query> query;   // built already (phrase, group, OR, field)
    std::vector<AnalyzedWord> words;      // a plain word, query built later
    bool negated = false;
    std::string filter;                   // lang/source/date restriction (no weight), by field
    bool empty = false;                   // punctuation only, ignored
};

class Builder {
public:
    Builder(Analyzer& analyzer, const BilingualLexicon& lexicon, std::string_view text)
        : analyzer_(analyzer), lexicon_(lexicon), lexer_(text) {}

    ParsedQuery build(const std::string& lang_filter) {
        std::vector<Xapian::Query> positives;
        auto [query, filters, negatives] = conjunction(&positives);
        if (lexer_.peek().type == TokenType::Close) throw QuerySyntaxError("unbalanced parenthesis: ')' without '('");
        // Filters alone (date:2025-01 source:yonhap) list what they select.
        if (!query && !filters.empty()) query = Xapian::Query::MatchAll;
        if (!query) throw QuerySyntaxError(negatives.empty() ? "nothing to search for"
                                                             : "only excluded words: add a word to search for");
        if (!lang_filter.empty())
            filters["lang"].push_back(Xapian::Query(schema::boolean_term(schema::kLanguage, lang_filter)));
        ParsedQuery out;
        out.query = restrict(boost_titles(*query), filters, negatives);
        out.can_relax = positives.size() > 1;
        out.relaxed = out.can_relax
            ? restrict(boost_titles(Xapian::Query(Xapian::Query::OP_OR, positives.begin(), positives.end())),
                       filters, negatives)
            : out.query;
        out.highlight = std::move(highlight_);
        return out;
    }

private:
    // Restrictions by field: alternatives within a field (lang:ko lang:en),
    // all fields at once (lang:ko source:yonhap).
    using Filters = std::map<std::string, std::vector<Xapian::Query>>;

    struct Conjunction {
        std::optional<Xapian::Query> query;
        Filters filters;
        std::vector<Xapian::Query> negatives;
    };

    static Xapian::Query restrict(Xapian::Query q, const Filters& filters,
                                  const std::vector<Xapian::Query>& negatives) {
        for (const auto& [field, alternatives] : filters)
            q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                              Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end()));
        if (!negatives.empty())
            q = Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                              Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end()));
        return q;
    }

    Conjunction conjunction(std::vector<Xapian::Query>* positives_out) {
        std::vector<Clause> clauses;
        while (true) {
            const TokenType t = lexer_.peek().type;
            if (t == TokenType::End || t == TokenType::Close) break;
            if (t == TokenType::And) { lexer_.next(); continue; }
            if (t == TokenType::Or) throw QuerySyntaxError("OR needs a word on each side");
            bool negated = false;
            if (t == TokenType::Minus || t == TokenType::Not) {
                lexer_.next();
                negated = true;
                if (lexer_.peek().type == TokenType::End || lexer_.peek().type == TokenType::Close)
                    throw QuerySyntaxError("'-' or NOT needs a word after it");
            }
            Clause c = disjunction(negated);
            c.negated = negated;
            if (!c.empty) clauses.push_back(std::move(c));
        }
        Conjunction out;
        std::vector<Xapian::Query> positives;
        for (std::size_t i = 0; i < clauses.size();) {
            Clause& c = clauses[i];
            if (!c.filter.empty()) {
                if (c.negated) out.negatives.push_back(*c.query);
                else out.filters[c.filter].push_back(*c.query);
                ++i;
            } else if (c.negated) {
                out.negatives.push_back(c.query ? *c.query : words_query(c.words));
                ++i;
            } else if (c.query) {
                positives.push_back(translated_clause(c));
                ++i;
            } else {
                // A run of plain single words: group them by lexicon entries.
                std::vector<AnalyzedWord> run;
                std::size_t j = i;
                while (j < clauses.size() && !clauses[j].query && !clauses[j].negated &&
                       clauses[j].words.size() == 1)
                    run.push_back(clauses[j++].words.front());
                for (std::size_t k = 0; k < run.size();) {
                    const auto match = lexicon_.longest_match(run, k);
                    const std::size_t n = match.length ? match.length : 1;
                    std::vector<Xapian::Query> originals;
                    for (std::size_t m = k; m < k + n; ++m) originals.push_back(single_word(run[m]));
                    Xapian::Query original = originals.size() == 1
                        ? originals.front()
                        : Xapian::Query(Xapian::Query::OP_AND, originals.begin(), originals.end());
                    if (match.length && excluded_depth_ == 0) original = with_translations(original, match);
                    positives.push_back(original);
                    k += n;
                }
                i = j;
            }
        }
        if (!positives.empty())
            out.query = positives.size() == 1
                            ? positives.front()
                            : Xapian::Query(Xapian::Query::OP_AND, positives.begin(), positives.end());
        if (positives_out) *positives_out = positives;
        return out;
    }

    Clause disjunction(bool negated) {
        Clause first = unit(negated);
        first.negated = negated;
        if (lexer_.peek().type != TokenType::Or) return first;
        if (!first.filter.empty()) throw QuerySyntaxError(first.filter + ": cannot be combined with OR");
        std::vector<Xapian::Query> alternatives;
        if (!first.empty) alternatives.push_back(translated_clause(first));
        while (lexer_.peek().type == TokenType::Or) {
            lexer_.next();
            const TokenType t = lexer_.peek().type;
            if (t == TokenType::End || t == TokenType::Close || t == TokenType::Or)
                throw QuerySyntaxError("OR needs a word on each side");
            Clause c = unit(negated);
            c.negated = negated;
            if (!c.filter.empty()) throw QuerySyntaxError(c.filter + ": cannot be combined with OR");
            if (!c.empty) alternatives.push_back(translated_clause(c));
        }
        Clause out;
        out.empty = alternatives.empty();
        out.query = Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
        return out;
    }

    Clause unit(bool negated) {
        Token t = lexer_.next();
        Clause c;
        switch (t.type) {
        case TokenType::Open: {
            std::vector<Xapian::Query> ignored;
            // Words of an excluded group are not the query's own words.
            if (negated) ++excluded_depth_;
            auto inner = conjunction(&ignored);
            if (negated) --excluded_depth_;
            if (lexer_.next().type != TokenType::Close)
                throw QuerySyntaxError("unbalanced parenthesis: '(' is never closed");
            if (!inner.query && !inner.negatives.empty())
                throw QuerySyntaxError("a group in parentheses has only excluded words");
            c.empty = !inner.query.has_value();
            if (c.empty) return c;
            c.query = restrict(*inner.query, inner.filters, inner.negatives);
            return c;
        }
        case TokenType::Phrase: {
            auto words = analyzer_.analyze(t.text);
            c.empty = words.empty();  // punctuation only, as for a word
            if (c.empty) return c;
            if (!negated) note_words(words, true);
            c.query = analyzer_.phrase_query(words, schema::kBodyField);
            return c;
        }
        case TokenType::Wildcard: {
            c.query = wildcard(t.text, schema::kBodyField, negated);
            return c;
        }
        case TokenType::Field:
            return field(t.text, negated);
        case TokenType::Word: {
            c.words = analyzer_.analyze(t.text);
            c.empty = c.words.empty();  // punctuation only: not a word
            if (!negated) note_words(c.words, false);
            if (c.words.size() > 1) c.query = analyzer_.phrase_query(c.words, schema::kBodyField);
            return c;
        }
        case TokenType::Close:
            throw QuerySyntaxError("unbalanced parenthesis: ')' without '('");
        default:
            throw QuerySyntaxError("misplaced operator");
        }
    }

    Clause field(const std::string& name, bool negated) {
        Token v = lexer_.next();
        if (v.type != TokenType::Word && v.type != TokenType::Phrase && v.type != TokenType::Wildcard)
            throw QuerySyntaxError(name + ": needs a word or a quoted phrase");
        Clause c;
        if (name == "lang") {
            if (v.text != "ko" && v.text != "en")
                throw QuerySyntaxError("lang: must be ko or en, not '" + v.text + "'");
            c.filter = name;
            c.query = Xapian::Query(schema::boolean_term(schema::kLanguage, v.text));
            return c;
        }
        if (name == "date") {
            c.filter = name;
            c.query = date_range(v.text);
            return c;
        }
        if (name == "source") {
            auto words = analyzer_.analyze(schema::source_words(v.text));
            if (words.empty()) throw QuerySyntaxError("source: '" + v.text + "' has no words");
            c.filter = name;
            c.query = analyzer_.phrase_query(words, schema::kSourceField);
            return c;
        }
        if (v.type == TokenType::Wildcard) {
            c.query = wildcard(v.text, schema::kTitleField, negated);
            return c;
        }
        auto words = analyzer_.analyze(v.text);
        if (words.empty()) throw QuerySyntaxError("title: '" + v.text + "' has no words");
        if (!negated) note_highlight(words);
        c.query = words.size() == 1 && v.type == TokenType::Word
                      ? analyzer_.word_query(words.front(), schema::kTitleField)
                      : analyzer_.phrase_query(words, schema::kTitleField);
        return c;
    }

    // date:2025-01-31, date:2025-01, date:2025, date:A..B, date:..B, date:A..
    static Xapian::Query date_range(const std::string& text) {
        const auto dots = text.find("..");
        const std::string from = dots == std::string::npos ? text : text.substr(0, dots);
        const std::string to = dots == std::string::npos ? text : text.substr(dots + 2);
        if (from.empty() && to.empty()) throw QuerySyntaxError("date: needs a date or a range A..B");
        const std::string low = from.empty() ? "" : date_bound(from, false);
        const std::string high = to.empty() ? "" : date_bound(to, true);
        if (!low.empty() && !high.empty() && low > high)
            throw QuerySyntaxError("date: range '" + text + "' ends before it starts");
        if (low.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, high);
        if (high.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, low);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, low, high);
    }

    // YYYY, YYYY-MM or YYYY-MM-DD as the first or last day it covers.
    static std::string date_bound(const std::string& d, bool upper) {
        auto digits = [&](std::size_t at, std::size_t n) {
            if (d.size() < at + n) return false;
            for (std::size_t i = at; i < at + n; ++i)
                if (d[i] < '0' || d[i] > '9') return false;
            return true;
        };
        const bool year = d.size() == 4 && digits(0, 4);
        const bool month = d.size() == 7 && digits(0, 4) && d[4] == '-' && digits(5, 2);
        const bool day = d.size() == 10 && digits(0, 4) && d[4] == '-' && digits(5, 2) && d[7] == '-' && digits(8, 2);
        if (!year && !month && !day) throw QuerySyntaxError("date: '" + d + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
        const int yyyy = std::stoi(d.substr(0, 4));
        const int mm = month || day ? std::stoi(d.substr(5, 2)) : 1;
        const int dd = day ? std::stoi(d.substr(8, 2)) : 1;
        static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        const bool leap = (yyyy % 4 == 0 && yyyy % 100 != 0) || yyyy % 400 == 0;
        if (mm < 1 || mm > 12 || dd < 1 || dd > kDays[mm - 1] || (mm == 2 && dd == 29 && !leap))
            throw QuerySyntaxError("date: '" + d + "' is not a date");
        if (day) return d;
        if (month) return d + (upper ? "-31" : "-01");
        return d + (upper ? "-12-31" : "-01-01");
    }

    Xapian::Query wildcard(const std::string& text, std::string_view field, bool negated) {
        const auto words = analyzer_.analyze(text);
        if (words.size() != 1) throw QuerySyntaxError("wildcard '" + text + "*' must be one word followed by *");
        if (!negated) {
            highlight_.prefixes.push_back(words.front().exact);
            if (excluded_depth_ == 0) has_wildcard_ = true;
        }
        return Xapian::Query(Xapian::Query::OP_WILDCARD, schema::term("", field, words.front().exact),
                             kWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }

    // `original` OR the translations of a lexicon match, which weigh less.
    // A clause's query, or'ed with the translations of its words when they
    // are one whole lexicon entry (챗GPT, 오픈AI, a word inside OR).
    Xapian::Query translated_clause(const Clause& c) {
        const Xapian::Query own = c.query ? *c.query : words_query(c.words);
        if (c.words.empty() || c.negated || excluded_depth_ > 0) return own;
        const auto match = lexicon_.longest_match(c.words, 0);
        return match.length == c.words.size() ? with_translations(own, match) : own;
    }

    Xapian::Query with_translations(const Xapian::Query& original, const BilingualLexicon::Match& match) {
        // Forms of one translation can make one query (chip, chips ->
        // Zchip), which would count twice.
        std::vector<Xapian::Query> translated;
        std::set<std::string> seen;
        for (const auto& t : *match.translations) {
            note_highlight(t);
            Xapian::Query q = words_query(t);
            if (seen.insert(q.get_description()).second) translated.push_back(std::move(q));
        }
        return Xapian::Query(Xapian::Query::OP_OR, original,
                             Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                           Xapian::Query(Xapian::Query::OP_OR, translated.begin(), translated.end()),
                                           kTranslationWeight));
    }

    Xapian::Query single_word(const AnalyzedWord& w) { return analyzer_.word_query(w, schema::kBodyField); }

    Xapian::Query words_query(const std::vector<AnalyzedWord>& words) {
        return words.size() == 1 ? single_word(words.front())
                                 : analyzer_.phrase_query(words, schema::kBodyField);
    }

    // Query words found in a title add weight (but never make a match).
    Xapian::Query boost_titles(const Xapian::Query& q) const {
        if (title_words_.empty()) return q;
        std::vector<Xapian::Query> boosts{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                           Xapian::Query(Xapian::Query::OP_OR, title_words_.begin(), title_words_.end()),
                                           kTitleBoost)};
        // All the query's words in the title, in order: the title itself
        // was typed, or most of it (known-item search).
        if (title_words_.size() > 1)
            boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                analyzer_.phrase_query(all_words_, schema::kTitleField), kTitlePhraseBoost);
        // The whole title, and nothing else (a wildcard's word is unknown).
        if (!all_words_.empty() && !has_wildcard_) {
            const double whole = kWholeTitleBoost * static_cast<double>(all_words_.size());
            boosts.emplace_back(Xapian::Query::OP_FILTER,
                                Xapian::Query((new Xapian::FixedWeightPostingSource(whole))->release()),
                                Xapian::Query(schema::whole_title_term(all_words_)));
        }
        return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
    }

    // The query's own positive words: highlighted, and boosted in titles.
    void note_words(const std::vector<AnalyzedWord>& words, bool phrase) {
        if (excluded_depth_ > 0) return;
        note_highlight(words);
        all_words_.insert(all_words_.end(), words.begin(), words.end());
        title_words_.push_back(words.size() == 1 && !phrase
                                   ? analyzer_.word_query(words.front(), schema::kTitleField)
                                   : analyzer_.phrase_query(words, schema::kTitleField));
    }

    void note_highlight(const std::vector<AnalyzedWord>& words) {
        for (const auto& w : words) {
            if (w.script == Script::Latin) {
                highlight_.latin_stems.insert(w.stem);
                highlight_.exact.insert(w.exact);
            } else if (w.script == Script::Hangul) {
                highlight_.exact.insert(w.exact);
                highlight_.exact.insert(w.stem);
                if (analyzer_.options().hangul_bigrams && count_code_points(w.stem) >= 2)
                    highlight_.hangul_parts.push_back(w.stem);
                if (analyzer_.options().strip_particles)
                    for (auto& f : analyzer_.stripper().forms_kept_whole(w.stem))
                        highlight_.noun_forms.emplace(std::move(f), w.stem);
            } else {
                highlight_.exact.insert(w.exact);
            }
        }
    }

    Analyzer& analyzer_;
    const BilingualLexicon& lexicon_;
    Lexer lexer_;
    HighlightTerms highlight_;
    std::vector<Xapian::Query> title_words_;
    std::vector<AnalyzedWord> all_words_;  // the query's own words, in order
    bool has_wildcard_ = false;           // a positive word is a wildcard
    int excluded_depth_ = 0;  // inside this many excluded groups
};

}  // namespace

QueryParser::QueryParser(Analyzer& analyzer, const BilingualLexicon& lexicon)
    : analyzer_(analyzer), lexicon_(lexicon) {}

ParsedQuery QueryParser::parse(const std::string& text, const std::string& lang_filter) {
    const std::string clean = sanitize_utf8(text);
    return Builder(analyzer_, lexicon_, clean).build(lang_filter);
}

}  // namespace aisearch

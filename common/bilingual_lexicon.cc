#include "common/bilingual_lexicon.h"

#include <algorithm>
#include <set>

#include "aisearch/error.h"
#include "common/data_files.h"
#include "common/utf8.h"

namespace aisearch {
namespace {

constexpr char kSeparator = '\x1f';

// One entry line: korean<TAB>english, viewed in the file's text (a query
// process reads the whole lexicon: a string per side was most of that).
struct Entry {
    std::string_view korean;
    std::string_view english;
};

// `text` is the contents of `file`, which names it in errors.
std::vector<Entry> read_entries(std::string_view text, const std::filesystem::path& file) {
    std::vector<Entry> entries;
    std::size_t line_no = 0;
    for (const std::string_view line : data_lines(text)) {
        ++line_no;
        const auto tab = line.find('\t');
        if (tab == std::string_view::npos || tab == 0 || tab + 1 == line.size() ||
            line.find('\t', tab + 1) != std::string_view::npos)
            throw ResourceError(file.string() + ": entry " + std::to_string(line_no) +
                                " is not 'korean<TAB>english'");
        entries.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    return entries;
}

using AnalyzedEntry = std::pair<std::vector<AnalyzedWord>, std::vector<AnalyzedWord>>;

std::vector<AnalyzedEntry> analyse_entries(const std::vector<Entry>& entries, Analyzer& analyzer) {
    // All sides are analysed as one text, a side per line: one analyser
    // call instead of two per entry. No word spans a line break, so each
    // side gets the words it would get alone.
    std::string text;
    std::vector<std::size_t> side_end;  // byte offset after each side
    for (const Entry& e : entries) {
        for (const std::string_view side : {e.korean, e.english}) {
            text += side;
            side_end.push_back(text.size());
            text += '\n';
        }
    }
    std::vector<std::vector<AnalyzedWord>> sides(side_end.size());
    std::size_t side = 0;
    for (AnalyzedWord& w : analyzer.analyze(text)) {
        while (side < side_end.size() && w.begin >= side_end[side]) ++side;
        if (side == side_end.size()) break;
        // Offsets as if the side had been analysed alone.
        const auto start = static_cast<std::uint32_t>(side == 0 ? 0 : side_end[side - 1] + 1);
        w.begin -= start;
        w.end -= start;
        w.stem_end -= start;
        sides[side].push_back(std::move(w));
    }
    std::vector<AnalyzedEntry> out;
    out.reserve(entries.size());
    for (std::size_t i = 0; i + 1 < sides.size(); i += 2) out.emplace_back(std::move(sides[i]), std::move(sides[i + 1]));
    return out;
}

bool is_word_start_ascii(unsigned char c) {
    // '@' is a letter to ICU's word rules (e-mail addresses stay whole).
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '@';
}

// The Latin-1 letter at text[i] that normalisation leaves a non-ASCII
// letter (é, Ü; not ß, which folds to ss), or 0. Precomposed, it composes
// with nothing before it, so the letter before it normalises alone.
char32_t latin1_letter_at(std::string_view text, std::size_t i) {
    if (i + 1 >= text.size() || static_cast<unsigned char>(text[i]) != 0xC3) return 0;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < 0x80 || second > 0xBF) return 0;
    const char32_t cp = 0xC0 + (second - 0x80);
    return cp == 0xD7 || cp == 0xDF || cp == 0xF7 ? 0 : cp;
}

// A key of the lazy lexicon's index: a word's first character (ASCII
// lowered), or its first two.
using InitialKey = std::uint64_t;

InitialKey initial_key(char32_t first, char32_t second = 0) {
    return (static_cast<InitialKey>(first) << 32) | second;
}

// The keys of the words of `text`: of its first word only (an entry), or
// of every word (a query). A word starts with a letter, a digit or '_'
// after anything else, or at a change between Hangul and other script;
// '%' is the word "percent". An entry's first word gives its first two
// characters when both are ASCII letters or both Hangul syllables (its
// analysed form starts with them: the stemmer and the particle stripper
// only cut endings), else its first; a query word gives both, so it finds
// every entry whose first word it may equal. A second letter 'y' counts
// as 'i' (the stemmer makes dying die). An entry whose first word is an
// ASCII letter, then a Latin-1 letter (Türkiye) gives those two: only a
// query word that is not ASCII can equal it, and such a query prepares
// every entry. False when `text` holds anything else but ASCII and Hangul
// syllables, whose words normalisation may change (for the first word
// only: up to its second character), or when its first word is not known.
bool word_keys(std::string_view text, bool first_only, std::vector<InitialKey>& out) {
    enum class Kind { None, Ascii, Hangul };
    auto lower_letter = [](char32_t c) { return c >= 'a' && c <= 'z'; };
    Kind previous = Kind::None;
    bool found = false;    // a word that counts has started
    bool pending = false;  // a word started at the previous character
    char32_t first = 0;
    const std::size_t start = out.size();  // what is added is taken back if `text` is not known
    auto unknown = [&] {
        out.resize(start);
        return false;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        Kind kind = Kind::None;
        char32_t cp = c;
        if (c < 0x80) {
            if (is_word_start_ascii(c)) {
                kind = Kind::Ascii, cp = (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
            } else if (c == '%') {
                out.push_back(initial_key(U'p'));
                if (!first_only) out.push_back(initial_key(U'p', U'e'));
            }
            ++i;
        } else if (const char32_t syllable = hangul_syllable_at(text, i)) {
            cp = syllable;
            kind = Kind::Hangul;
            i += 3;
        } else if (const char32_t letter = latin1_letter_at(text, i);
                   letter && first_only && pending && previous == Kind::Ascii && lower_letter(first)) {
            out.push_back(initial_key(first, letter));
            return true;
        } else {
            return unknown();
        }
        if (pending) {
            char32_t second = 0;
            if (kind == previous && kind == Kind::Hangul) second = cp;
            if (kind == previous && kind == Kind::Ascii && lower_letter(first) && lower_letter(cp))
                second = cp == U'y' ? U'i' : cp;
            if (!first_only || !second) out.push_back(initial_key(first));
            if (second) out.push_back(initial_key(first, second));
            pending = false;
            if (first_only && found) break;
        }
        if (kind != Kind::None && kind != previous) {
            first = cp;
            pending = true;
            found = found || cp != U'_';  // "_" alone is no word: the next may be the first
        }
        previous = kind;
    }
    if (pending) out.push_back(initial_key(first));
    if (first_only && !found) return unknown();  // no word known to start it
    return true;  // the keys may repeat: callers do not mind
}

const std::string& entry_key(const AnalyzedWord& w) {
    return w.script == Script::Latin ? w.stem : w.exact;
}

std::string join_keys(const std::vector<AnalyzedWord>& words, std::size_t start, std::size_t n,
                      bool last_by_stem) {
    std::string key;
    for (std::size_t i = start; i < start + n; ++i) {
        if (i > start) key += kSeparator;
        const AnalyzedWord& w = words[i];
        key += (i + 1 == start + n && last_by_stem && w.script == Script::Hangul) ? w.stem
                                                                                  : entry_key(w);
    }
    return key;
}

}  // namespace

struct BilingualLexicon::Pending {
    std::string text;              // the file's
    std::vector<Entry> entries;    // views into `text`
    std::vector<bool> analysed;
    // Entries by the key of their first word (word_keys), sorted by key
    // and entry; `always` holds those with characters normalisation may
    // change. Made for the second text prepared: a query process prepares
    // one, and finds its entries in one pass over them, without sorting.
    std::vector<std::pair<InitialKey, std::size_t>> by_initial;
    std::vector<std::size_t> always;
    std::size_t texts_prepared = 0;
    bool all_prepared = false;
    // Calls f(entry, nullptr) for each entry with characters normalisation
    // may change (prepared for any text), f(entry, &its first-word keys)
    // for each other.
    template <typename F>
    void for_each_entry_keys(F&& f) const {
        std::vector<InitialKey> keys;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            keys.clear();
            if (!word_keys(entries[i].korean, true, keys) || !word_keys(entries[i].english, true, keys))
                f(i, nullptr);
            else
                f(i, &keys);
        }
    }
    // The analysed entries, and the lines of those that translate each
    // key, in file order: a key's translations are listed again from them
    // when an earlier line joins, so they keep the order an eager load
    // gives them whatever order the queries came in.
    std::unordered_map<std::size_t, AnalyzedEntry> words;
    std::unordered_map<std::string, std::vector<std::size_t>> lines_by_key;
};

BilingualLexicon::BilingualLexicon() = default;
BilingualLexicon::~BilingualLexicon() = default;
BilingualLexicon::BilingualLexicon(BilingualLexicon&&) noexcept = default;
BilingualLexicon& BilingualLexicon::operator=(BilingualLexicon&&) noexcept = default;

BilingualLexicon BilingualLexicon::load(const std::filesystem::path& file, Analyzer& analyzer) {
    BilingualLexicon lexicon;
    const std::string text = read_data_file(file);
    for (const auto& [a, b] : analyse_entries(read_entries(text, file), analyzer)) lexicon.add(a, b);
    return lexicon;
}

BilingualLexicon BilingualLexicon::load_lazily(const std::filesystem::path& file) {
    BilingualLexicon lexicon;
    lexicon.pending_ = std::make_unique<Pending>();
    Pending& p = *lexicon.pending_;
    p.text = read_data_file(file);
    p.entries = read_entries(p.text, file);
    p.analysed.assign(p.entries.size(), false);
    return lexicon;
}

void BilingualLexicon::prepare(std::string_view text, Analyzer& analyzer) {
    if (!pending_ || pending_->all_prepared) return;
    Pending& p = *pending_;
    std::vector<InitialKey> keys;
    const bool known = word_keys(text, false, keys);
    std::vector<std::size_t> wanted;
    auto want = [&](std::size_t i) {
        if (!p.analysed[i]) wanted.push_back(i), p.analysed[i] = true;
    };
    if (known && p.texts_prepared++ == 0) {
        p.for_each_entry_keys([&](std::size_t i, const std::vector<InitialKey>* entry_keys) {
            if (!entry_keys || std::any_of(entry_keys->begin(), entry_keys->end(), [&](InitialKey k) {
                    return std::find(keys.begin(), keys.end(), k) != keys.end();
                }))
                want(i);
        });
    } else if (known) {
        if (p.by_initial.empty() && p.always.empty()) {
            p.for_each_entry_keys([&](std::size_t i, const std::vector<InitialKey>* entry_keys) {
                if (!entry_keys) return p.always.push_back(i);
                for (InitialKey k : *entry_keys) p.by_initial.emplace_back(k, i);
            });
            std::sort(p.by_initial.begin(), p.by_initial.end());
        }
        for (std::size_t i : p.always) want(i);
        for (InitialKey k : keys) {
            auto it = std::lower_bound(p.by_initial.begin(), p.by_initial.end(), std::pair<InitialKey, std::size_t>{k, 0});
            for (; it != p.by_initial.end() && it->first == k; ++it) want(it->second);
        }
    } else {
        for (std::size_t i = 0; i < p.entries.size(); ++i) want(i);
        p.all_prepared = true;
    }
    if (wanted.empty()) return;
    std::sort(wanted.begin(), wanted.end());
    std::vector<Entry> batch;
    batch.reserve(wanted.size());
    for (std::size_t i : wanted) batch.push_back(p.entries[i]);
    auto analysed = analyse_entries(batch, analyzer);
    std::set<std::string> reordered;  // keys whose new lines come before old ones
    for (std::size_t k = 0; k < wanted.size(); ++k) {
        const auto& [a, b] = p.words.emplace(wanted[k], std::move(analysed[k])).first->second;
        if (a.empty() || b.empty()) continue;
        for (const auto* side : {&a, &b}) {
            std::string key = join_keys(*side, 0, side->size(), false);
            auto& lines = p.lines_by_key[key];
            if (!lines.empty() && lines.back() > wanted[k]) reordered.insert(key);
            if (lines.empty() || lines.back() != wanted[k]) lines.push_back(wanted[k]);
        }
        add(a, b);
    }
    for (const auto& key : reordered) {
        auto& lines = p.lines_by_key[key];
        std::sort(lines.begin(), lines.end());
        entries_[key].clear();
        for (std::size_t line : lines) {
            const auto& [a, b] = p.words.at(line);
            if (join_keys(a, 0, a.size(), false) == key) add_one_way(a, b);
            if (join_keys(b, 0, b.size(), false) == key) add_one_way(b, a);
        }
    }
}

void BilingualLexicon::add(std::string_view a, std::string_view b, Analyzer& analyzer) {
    add(analyzer.analyze(a), analyzer.analyze(b));
}

void BilingualLexicon::add(const std::vector<AnalyzedWord>& wa, const std::vector<AnalyzedWord>& wb) {
    if (wa.empty() || wb.empty()) return;
    add_one_way(wa, wb);
    add_one_way(wb, wa);
}

void BilingualLexicon::add_one_way(const std::vector<AnalyzedWord>& from, const std::vector<AnalyzedWord>& to) {
    auto& list = entries_[join_keys(from, 0, from.size(), false)];
    const bool known = std::any_of(list.begin(), list.end(), [&](const Translation& t) {
        return t.size() == to.size() && std::equal(t.begin(), t.end(), to.begin(), [](const AnalyzedWord& x,
                                                                                      const AnalyzedWord& y) {
                   return x.exact == y.exact;
               });
    });
    if (!known) list.push_back(to);
    max_words_ = std::max(max_words_, from.size());
    std::size_t& longest = first_words_[entry_key(from.front())];
    longest = std::max(longest, from.size());
}

BilingualLexicon::Match BilingualLexicon::longest_match(const std::vector<AnalyzedWord>& words,
                                                        std::size_t start) const {
    if (start >= words.size()) return {};
    const AnalyzedWord& first = words[start];
    std::size_t longest = 0;
    if (const auto it = first_words_.find(entry_key(first)); it != first_words_.end()) longest = it->second;
    // A one-word entry may also match the first word's stem (Korean
    // without its particle).
    if (longest == 0 && first.script == Script::Hangul && first_words_.count(first.stem)) longest = 1;
    const std::size_t most = std::min(longest, words.size() - start);
    for (std::size_t n = most; n >= 1; --n) {
        for (bool by_stem : {false, true}) {
            const auto it = entries_.find(join_keys(words, start, n, by_stem));
            if (it != entries_.end()) return {n, &it->second};
        }
    }
    return {};
}

}  // namespace aisearch

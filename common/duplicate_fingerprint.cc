#include "common/duplicate_fingerprint.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "aisearch/error.h"
#include "common/content_hash.h"
#include "common/data_files.h"
#include "common/figure_extractor.h"
#include "common/utf8.h"

namespace aisearch {
namespace {

// A Hangul syllable carries about as much text as this many Latin letters
// (measured: 2.3 in LibreOffice help, 3.5 in news; this is between them).
constexpr double kHangulWeight = 2.8;

std::uint64_t mix64(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

std::uint64_t hash64(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return mix64(h);
}

std::vector<std::uint32_t> bottom_k(std::vector<std::uint64_t> hashes) {
    std::vector<std::uint32_t> out;
    out.reserve(hashes.size());
    for (std::uint64_t h : hashes) out.push_back(static_cast<std::uint32_t>(h >> 32));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (out.size() > DuplicateFingerprint::kSketchSize) out.resize(DuplicateFingerprint::kSketchSize);
    return out;
}

std::uint32_t weighted_length(std::string_view text) {
    double n = 0;
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto len = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < len;) {
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0) continue;
        if (is_hangul(static_cast<char32_t>(c)))
            n += kHangulWeight;
        else if (u_isalnum(c))
            n += 1;
    }
    return static_cast<std::uint32_t>(std::lround(n));
}

// A Latin word in English text that a translation may keep as it is: a
// name, an acronym, a model number or a capitalised interface name
// ("Format - Cells"). The caller leaves out function words, so a sentence's
// capitalised first word counts only if it has content.
bool name_like(std::string_view text, const AnalyzedWord& w) {
    if (w.begin >= text.size()) return false;
    const std::string_view surface = text.substr(w.begin, w.end - w.begin);
    const bool digit = std::any_of(surface.begin(), surface.end(), [](char c) { return c >= '0' && c <= '9'; });
    const unsigned char first = static_cast<unsigned char>(surface[0]);
    return digit || (first >= 'A' && first <= 'Z');
}

std::string stem_key(const std::vector<AnalyzedWord>& words, std::size_t start, std::size_t n) {
    std::string key = "w:";
    for (std::size_t i = start; i < start + n; ++i) {
        if (i > start) key += ' ';
        key += words[i].stem.empty() ? words[i].exact : words[i].stem;
    }
    return key;
}

class AnchorList {
public:
    void add(std::string key, std::uint32_t paragraph) {
        if (!seen_.insert(key).second) return;
        list_.push_back(std::move(key));
        paragraphs_.push_back(paragraph);
    }
    std::vector<std::string> take() { return std::move(list_); }
    std::vector<std::uint32_t> take_paragraphs() { return std::move(paragraphs_); }

private:
    std::unordered_set<std::string> seen_;
    std::vector<std::string> list_;
    std::vector<std::uint32_t> paragraphs_;
};

// Encoding: a version byte, then fields as varints and length-prefixed
// strings. Compact, because every part stores one.
constexpr char kFormat = 1;

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

void put_string(std::string& out, std::string_view s) {
    put_varint(out, s.size());
    out.append(s);
}

void put_numbers(std::string& out, const std::vector<std::uint32_t>& v, bool delta) {
    put_varint(out, v.size());
    std::uint32_t prev = 0;
    for (std::uint32_t x : v) {
        put_varint(out, delta ? x - prev : x);
        prev = x;
    }
}

void put_strings(std::string& out, const std::vector<std::string>& v) {
    put_varint(out, v.size());
    for (const auto& s : v) put_string(out, s);
}

class Reader {
public:
    explicit Reader(std::string_view data) : data_(data) {}
    std::uint64_t varint() {
        std::uint64_t v = 0;
        for (unsigned shift = 0; shift < 64; shift += 7) {
            need(1);
            const auto c = static_cast<unsigned char>(data_[pos_++]);
            v |= static_cast<std::uint64_t>(c & 0x7f) << shift;
            if (!(c & 0x80)) return v;
        }
        bad();
    }
    std::string string() {
        const std::uint64_t n = varint();
        need(n);
        std::string s(data_.substr(pos_, n));
        pos_ += n;
        return s;
    }
    std::vector<std::uint32_t> numbers(bool delta) {
        const std::uint64_t n = count();
        std::vector<std::uint32_t> v;
        v.reserve(n);
        std::uint32_t prev = 0;
        for (std::uint64_t i = 0; i < n; ++i) {
            const auto x = static_cast<std::uint32_t>(varint());
            prev = delta ? prev + x : x;
            v.push_back(prev);
        }
        return v;
    }
    std::vector<std::string> strings() {
        const std::uint64_t n = count();
        std::vector<std::string> v;
        v.reserve(n);
        for (std::uint64_t i = 0; i < n; ++i) v.push_back(string());
        return v;
    }
    bool done() const { return pos_ == data_.size(); }
    [[noreturn]] static void bad() { throw CorruptDatabaseError("stored duplicate fingerprint is corrupt"); }

private:
    std::uint64_t count() {
        const std::uint64_t n = varint();
        if (n > data_.size()) bad();  // every element takes at least a byte
        return n;
    }
    void need(std::uint64_t n) {
        if (n > data_.size() - pos_) bad();
    }
    std::string_view data_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string DuplicateFingerprint::encode() const {
    std::string out(1, kFormat);
    put_string(out, lang);
    put_string(out, text_hash);
    put_numbers(out, word_sketch, true);
    put_numbers(out, shingle_sketch, true);
    put_numbers(out, band_keys, false);
    put_strings(out, anchors);
    put_numbers(out, anchor_paragraphs, false);
    put_strings(out, specific_figures);
    put_numbers(out, paragraph_lengths, false);
    put_varint(out, length);
    return out;
}

DuplicateFingerprint DuplicateFingerprint::decode(std::string_view data) {
    if (data.empty() || data[0] != kFormat) Reader::bad();
    Reader r(data.substr(1));
    DuplicateFingerprint f;
    f.lang = r.string();
    f.text_hash = r.string();
    f.word_sketch = r.numbers(true);
    f.shingle_sketch = r.numbers(true);
    f.band_keys = r.numbers(false);
    f.anchors = r.strings();
    f.anchor_paragraphs = r.numbers(false);
    if (f.anchor_paragraphs.size() != f.anchors.size()) Reader::bad();
    f.specific_figures = r.strings();
    f.paragraph_lengths = r.numbers(false);
    f.length = static_cast<std::uint32_t>(r.varint());
    if (!r.done()) Reader::bad();
    return f;
}

DuplicateFingerprinter::DuplicateFingerprinter(Analyzer& analyzer, const BilingualLexicon& lexicon,
                                               std::unordered_set<std::string> stopwords)
    : analyzer_(analyzer), lexicon_(lexicon), stopwords_(std::move(stopwords)) {}

DuplicateFingerprinter DuplicateFingerprinter::from_data_dir(const std::filesystem::path& dir,
                                                             Analyzer& analyzer,
                                                             const BilingualLexicon& lexicon) {
    std::unordered_set<std::string> stopwords;
    for (const std::string& line : read_data_lines(dir / "dup_stopwords.txt"))
        for (const auto& w : analyzer.analyze(line)) stopwords.insert(w.stem);
    return DuplicateFingerprinter(analyzer, lexicon, std::move(stopwords));
}

DuplicateFingerprint DuplicateFingerprinter::fingerprint(const LanguagePart& part) {
    LanguagePart clean{part.lang, sanitize_utf8(part.title), {}};
    AnalyzedPart words;
    words.title = analyzer_.analyze(clean.title);
    for (const auto& p : part.paragraphs) {
        clean.paragraphs.push_back(sanitize_utf8(p));
        words.paragraphs.push_back(analyzer_.analyze(clean.paragraphs.back()));
    }
    return fingerprint(clean, words);
}

DuplicateFingerprint DuplicateFingerprinter::fingerprint(const LanguagePart& part, const AnalyzedPart& analysed) const {
    DuplicateFingerprint f;
    f.lang = part.lang;
    const bool korean = part.lang == "ko";

    std::string normalised;
    std::vector<std::uint64_t> word_hashes;
    std::vector<std::uint64_t> shingle_hashes;
    std::vector<std::uint64_t> window;  // hashes of the last words, for shingles
    AnchorList anchors;
    std::unordered_set<std::string> specific;

    auto add_text = [&](const std::string& text, const std::vector<AnalyzedWord>& words) {
        const auto paragraph = static_cast<std::uint32_t>(f.paragraph_lengths.size());
        f.paragraph_lengths.push_back(weighted_length(text));
        f.length += f.paragraph_lengths.back();
        // Figures and words are taken in text order; a word inside a
        // figure ("percent" of 17.7%) is not an anchor of its own.
        const std::vector<Figure> figures = extract_figures(text);
        std::size_t next_figure = 0;
        std::uint32_t figure_end = 0;
        auto figures_before = [&](std::uint32_t offset) {
            for (; next_figure < figures.size() && figures[next_figure].begin <= offset; ++next_figure) {
                const Figure& fig = figures[next_figure];
                anchors.add("f:" + fig.key, paragraph);
                if (fig.specific && specific.insert(fig.key).second) f.specific_figures.push_back(fig.key);
                figure_end = std::max(figure_end, fig.end);
            }
        };
        for (std::size_t i = 0; i < words.size();) {
            const AnalyzedWord& w = words[i];
            figures_before(w.begin);
            const bool in_figure = w.begin < figure_end;
            if (!normalised.empty()) normalised += ' ';
            normalised += w.exact;
            const std::string& content = w.stem.empty() ? w.exact : w.stem;
            if (w.script != Script::Number && !stopwords_.count(content)) word_hashes.push_back(hash64(content));
            window.push_back(hash64(w.exact));
            if (window.size() >= 3) {
                const std::size_t n = window.size();
                shingle_hashes.push_back(mix64(window[n - 3] * 31 + mix64(window[n - 2] * 31 + window[n - 1])));
            }

            const BilingualLexicon::Match m =
                in_figure ? BilingualLexicon::Match{} : lexicon_.longest_match(words, i);
            if (m.length > 0) {
                // Anchors are named in English: a Korean entry by its
                // English translations, so both sides of a pair agree.
                if (w.script == Script::Hangul) {
                    for (const auto& t : *m.translations)
                        if (!t.empty() && t.front().script != Script::Hangul) anchors.add(stem_key(t, 0, t.size()), paragraph);
                } else if (korean || (name_like(text, w) && !stopwords_.count(content)) || m.length > 1) {
                    anchors.add(stem_key(words, i, m.length), paragraph);
                } else {
                    anchors.add(stem_key(words, i, 1), paragraph);
                }
                // The words the entry covered still count as content.
                for (std::size_t j = i + 1; j < i + m.length; ++j) {
                    normalised += ' ';
                    normalised += words[j].exact;
                    const std::string& c = words[j].stem.empty() ? words[j].exact : words[j].stem;
                    if (!stopwords_.count(c)) word_hashes.push_back(hash64(c));
                    window.push_back(hash64(words[j].exact));
                }
                i += m.length;
                continue;
            }
            if (!in_figure && w.script == Script::Latin &&
                (korean || (name_like(text, w) && !stopwords_.count(content))))
                anchors.add(stem_key(words, i, 1), paragraph);
            ++i;
        }
        figures_before(static_cast<std::uint32_t>(text.size()));
    };
    add_text(part.title, analysed.title);
    for (std::size_t i = 0; i < part.paragraphs.size() && i < analysed.paragraphs.size(); ++i)
        add_text(part.paragraphs[i], analysed.paragraphs[i]);

    if (!normalised.empty()) f.text_hash = content_hash(normalised);
    f.anchors = anchors.take();
    f.anchor_paragraphs = anchors.take_paragraphs();
    f.word_sketch = bottom_k(word_hashes);
    f.shingle_sketch = bottom_k(shingle_hashes);

    std::sort(word_hashes.begin(), word_hashes.end());
    word_hashes.erase(std::unique(word_hashes.begin(), word_hashes.end()), word_hashes.end());
    if (!word_hashes.empty()) {
        for (std::size_t band = 0; band < DuplicateFingerprint::kBands; ++band) {
            std::uint64_t key = band;
            for (std::size_t row = 0; row < DuplicateFingerprint::kRowsPerBand; ++row) {
                const std::uint64_t seed = mix64(band * DuplicateFingerprint::kRowsPerBand + row + 1);
                std::uint64_t lowest = std::numeric_limits<std::uint64_t>::max();
                for (std::uint64_t h : word_hashes) lowest = std::min(lowest, mix64(h ^ seed));
                key = mix64(key * 0x9e3779b97f4a7c15ULL + lowest);
            }
            f.band_keys.push_back(static_cast<std::uint32_t>(key >> 32));
        }
    }
    return f;
}

double sketch_jaccard(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b, std::size_t k) {
    if (a.empty() || b.empty()) return 0;
    // The k smallest of the union, and how many of them both sets hold.
    // While both sketches have values left, merged without branches: for
    // unrelated sets (most candidates) which of the next two values is
    // smaller is a coin toss, and the mispredicted branches took 40% of
    // the time (tests/unit: the same values as a plain merge).
    const std::size_t na = a.size(), nb = b.size();
    std::size_t i = 0, j = 0, taken = 0, both = 0;
    while (taken < k && i < na && j < nb) {
        const std::uint32_t x = a[i], y = b[j];
        both += x == y;
        i += x <= y;
        j += y <= x;
        ++taken;
    }
    // One sketch ran out before k values were taken: it held its whole set
    // (a sketch of k values cannot run out before k are taken), so the
    // union's next smallest are the other's.
    if (taken < k) taken += std::min(k - taken, (na - i) + (nb - j));
    return taken == 0 ? 0 : static_cast<double>(both) / static_cast<double>(taken);
}

PreparedFingerprint::PreparedFingerprint(const DuplicateFingerprint& f,
                                         const std::function<double(const std::string&)>& anchor_weight)
    : text_hash_(f.text_hash.empty() ? 0 : std::max<std::uint64_t>(1, hash64(f.text_hash))),
      length_(f.length),
      anchors_(static_cast<std::uint32_t>(f.anchors.size())),
      specific_(static_cast<std::uint32_t>(f.specific_figures.size())),
      paragraphs_(static_cast<std::uint32_t>(f.paragraph_lengths.size())),
      word_sketch_(static_cast<std::uint16_t>(std::min(f.word_sketch.size(), DuplicateFingerprint::kSketchSize))),
      shingle_sketch_(static_cast<std::uint16_t>(std::min(f.shingle_sketch.size(), DuplicateFingerprint::kSketchSize))),
      lang_(static_cast<std::uint8_t>(std::min<std::size_t>(f.lang.size(), 255))) {
    words_ = static_cast<std::uint32_t>(words_needed());
    data_ = std::make_unique<std::byte[]>(8 * std::size_t{words_});

    auto* anchors = at<Anchor>(0);
    auto* weights = at<double>(weights_word());
    for (std::uint32_t i = 0; i < anchors_; ++i) {
        const bool figure = f.anchors[i].rfind("f:", 0) == 0;
        const std::uint32_t paragraph = std::min<std::uint32_t>(f.anchor_paragraphs[i], ~kFigure);
        anchors[i] = {hash64(f.anchors[i]), i, paragraph | (figure ? kFigure : 0)};
        weights[i] = anchor_weight(f.anchors[i]);
        total_ += weights[i];
    }
    std::sort(anchors, anchors + anchors_,
              [](const auto& x, const auto& y) { return x.hash != y.hash ? x.hash < y.hash : x.index < y.index; });
    auto* specific = at<std::uint64_t>(specific_word());
    for (std::uint32_t i = 0; i < specific_; ++i) specific[i] = hash64(f.specific_figures[i]);
    std::sort(specific, specific + specific_);
    auto* packed = at<std::uint32_t>(packed_word());
    packed = std::copy_n(f.word_sketch.begin(), word_sketch_, packed);
    packed = std::copy_n(f.shingle_sketch.begin(), shingle_sketch_, packed);
    std::copy_n(f.paragraph_lengths.begin(), paragraphs_, packed);
    std::memcpy(lang_ > kShortLang ? at<char>(lang_word()) : short_lang_, f.lang.data(), lang_);
}

std::size_t PreparedFingerprint::words_needed() const {
    const std::size_t packed_words = (std::size_t{word_sketch_} + shingle_sketch_ + paragraphs_ + 1) / 2;
    return packed_word() + packed_words + lang_words();
}

std::string PreparedFingerprint::to_bytes() const {
    Header h;
    std::memset(&h, 0, sizeof h);  // the padding too: the bytes are written out
    h.text_hash = text_hash_;
    h.total = total_;
    h.length = length_;
    h.anchors = anchors_;
    h.specific = specific_;
    h.paragraphs = paragraphs_;
    h.words = words_;
    h.word_sketch = word_sketch_;
    h.shingle_sketch = shingle_sketch_;
    h.lang = lang_;
    std::string out(sizeof h + kShortLang + 8 * std::size_t{words_}, '\0');
    std::memcpy(out.data(), &h, sizeof h);
    std::memcpy(out.data() + sizeof h, short_lang_, kShortLang);
    if (words_ > 0) std::memcpy(out.data() + sizeof h + kShortLang, data_.get(), 8 * std::size_t{words_});
    return out;
}

PreparedFingerprint PreparedFingerprint::from_bytes(std::string_view bytes) {
    auto corrupt = [] { return CorruptDatabaseError("stored data is not a prepared fingerprint"); };
    Header h;
    if (bytes.size() < sizeof h + kShortLang) throw corrupt();
    std::memcpy(&h, bytes.data(), sizeof h);
    PreparedFingerprint p;
    p.text_hash_ = h.text_hash;
    p.total_ = h.total;
    p.length_ = h.length;
    p.anchors_ = h.anchors;
    p.specific_ = h.specific;
    p.paragraphs_ = h.paragraphs;
    p.words_ = h.words;
    p.word_sketch_ = h.word_sketch;
    p.shingle_sketch_ = h.shingle_sketch;
    p.lang_ = h.lang;
    if (p.word_sketch_ > DuplicateFingerprint::kSketchSize || p.shingle_sketch_ > DuplicateFingerprint::kSketchSize ||
        p.words_ != p.words_needed() || bytes.size() != sizeof h + kShortLang + 8 * std::size_t{p.words_})
        throw corrupt();
    std::memcpy(p.short_lang_, bytes.data() + sizeof h, kShortLang);
    if (p.words_ > 0) {
        p.data_ = std::make_unique_for_overwrite<std::byte[]>(8 * std::size_t{p.words_});
        std::memcpy(p.data_.get(), bytes.data() + sizeof h + kShortLang, 8 * std::size_t{p.words_});
    }
    return p;
}

void PreparedFingerprint::prefetch() const {
    if (!data_) return;
    __builtin_prefetch(data_.get());
    if (shingle_sketch_ > 0) __builtin_prefetch(shingle_sketch().data());
}

std::string_view PreparedFingerprint::lang() const {
    if (lang_ == 0) return {};
    return {lang_ > kShortLang ? at<char>(lang_word()) : short_lang_, lang_};
}

std::span<const PreparedFingerprint::Anchor> PreparedFingerprint::anchors() const {
    if (anchors_ == 0) return {};
    return {at<Anchor>(0), anchors_};
}

std::span<const double> PreparedFingerprint::weights() const {
    if (anchors_ == 0) return {};
    return {at<double>(weights_word()), anchors_};
}

std::span<const std::uint64_t> PreparedFingerprint::specific() const {
    if (specific_ == 0) return {};
    return {at<std::uint64_t>(specific_word()), specific_};
}

std::span<const std::uint32_t> PreparedFingerprint::word_sketch() const {
    if (word_sketch_ == 0) return {};
    return {at<std::uint32_t>(packed_word()), word_sketch_};
}

std::span<const std::uint32_t> PreparedFingerprint::shingle_sketch() const {
    if (shingle_sketch_ == 0) return {};
    return {at<std::uint32_t>(packed_word()) + word_sketch_, shingle_sketch_};
}

std::span<const std::uint32_t> PreparedFingerprint::paragraph_lengths() const {
    if (paragraphs_ == 0) return {};
    return {at<std::uint32_t>(packed_word()) + word_sketch_ + shingle_sketch_, paragraphs_};
}

PairEvidence compare_parts(const DuplicateFingerprint& a, const DuplicateFingerprint& b,
                           const std::function<double(const std::string&)>& anchor_weight) {
    const PreparedFingerprint pa(a, anchor_weight);
    const PreparedFingerprint pb(b, anchor_weight);
    PairEvidence e = compare_parts(pa, pb);
    list_shared_keys(a, pa, pb, e);
    return e;
}

namespace {

// The anchors both parts have, as (a's entry, b's entry), in a's order.
using SharedAnchors = std::vector<std::pair<const PreparedFingerprint::Anchor*, const PreparedFingerprint::Anchor*>>;
// The anchors both parts have, in a's order. The list is the calling
// thread's, kept from call to call: duplicate detection compares millions
// of pairs, and a new list cost allocations for each.
const SharedAnchors& shared_anchors(const PreparedFingerprint& a, const PreparedFingerprint& b) {
    thread_local SharedAnchors out;
    out.clear();
    for_each_shared_anchor(a, b, [&](const auto& x, const auto& y) { out.emplace_back(&x, &y); });
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.first->index < y.first->index; });
    return out;
}

bool is_figure(const PreparedFingerprint::Anchor& x) { return (x.place & PreparedFingerprint::kFigure) != 0; }

}  // namespace

void list_shared_keys(const DuplicateFingerprint& a, const PreparedFingerprint& pa, const PreparedFingerprint& pb,
                      PairEvidence& e) {
    e.shared_figures.clear();
    e.shared_names.clear();
    for (const auto& [x, y] : shared_anchors(pa, pb)) {
        if (x->index >= a.anchors.size()) continue;
        (is_figure(*x) ? e.shared_figures : e.shared_names).push_back(a.anchors[x->index].substr(2));
    }
}

PairEvidence compare_parts(const PreparedFingerprint& a, const PreparedFingerprint& b) {
    PairEvidence e;
    const auto& shared_at = shared_anchors(a, b);
    // Where an anchor sits, as a share of the part's paragraphs.
    auto place = [](const PreparedFingerprint& f, const PreparedFingerprint::Anchor& x) {
        const auto n = static_cast<double>(std::max<std::size_t>(1, f.paragraph_lengths().size()));
        return ((x.place & ~PreparedFingerprint::kFigure) + 0.5) / n;
    };
    double shared = 0, placed = 0;
    // Shared anchors in the same order: the longest increasing run of b's
    // indexes taken in a's order (patience sorting).
    thread_local std::vector<std::uint32_t> tails;
    tails.clear();
    const auto weights_a = a.weights(), weights_b = b.weights();
    for (const auto& [x, y] : shared_at) {
        const double w = weights_a[x->index];
        shared += w;
        if (std::abs(place(a, *x) - place(b, *y)) <= 0.15) placed += w;
        const auto it = std::lower_bound(tails.begin(), tails.end(), y->index);
        if (it == tails.end())
            tails.push_back(y->index);
        else
            *it = y->index;
        ++(is_figure(*x) ? e.shared_figure_count : e.shared_name_count);
    }
    e.coverage_a = a.total() > 0 ? shared / a.total() : 0;
    // b's weights of the same anchors: the weights depend on the anchor only.
    double shared_b = 0;
    for (const auto& [x, y] : shared_at) shared_b += weights_b[y->index];
    e.coverage_b = b.total() > 0 ? shared_b / b.total() : 0;
    e.position = shared > 0 ? placed / shared : 0;
    e.order = shared_at.empty() ? 0 : static_cast<double>(tails.size()) / static_cast<double>(shared_at.size());

    const auto specific_a = a.specific(), specific_b = b.specific();
    e.specific_a = specific_a.size();
    e.specific_b = specific_b.size();
    for (std::size_t i = 0, j = 0; i < specific_a.size() && j < specific_b.size();) {
        if (specific_a[i] < specific_b[j]) {
            ++i;
        } else if (specific_b[j] < specific_a[i]) {
            ++j;
        } else {
            ++e.specific_shared;
            ++i;
            ++j;
        }
    }

    const std::uint32_t length_a = a.length(), length_b = b.length();
    if (length_a > 0 && length_b > 0)
        e.length_ratio = static_cast<double>(std::min(length_a, length_b)) / std::max(length_a, length_b);
    const auto la = a.paragraph_lengths();
    const auto lb = b.paragraph_lengths();
    if (!la.empty() && !lb.empty())
        e.paragraph_ratio = static_cast<double>(std::min(la.size(), lb.size())) / std::max(la.size(), lb.size());
    if (!la.empty() && !lb.empty() && length_a > 0 && length_b > 0) {
        if (la.size() == lb.size()) {
            double distance = 0;
            for (std::size_t i = 0; i < la.size(); ++i)
                distance += std::abs(static_cast<double>(la[i]) / length_a - static_cast<double>(lb[i]) / length_b);
            e.structure = 1 - distance / 2;
        } else {
            e.structure = 0.5 * static_cast<double>(std::min(la.size(), lb.size())) / std::max(la.size(), lb.size());
        }
    }
    e.word_jaccard = sketch_jaccard(a.word_sketch(), b.word_sketch());
    e.shingle_jaccard = sketch_jaccard(a.shingle_sketch(), b.shingle_sketch());
    return e;
}

}  // namespace aisearch

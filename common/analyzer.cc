#include "common/analyzer.h"

#include "common/data_files.h"
#include "common/schema.h"
#include "common/utf8.h"

namespace aisearch {
namespace {

// Weight of a match found only inside a compound (by bigrams), relative
// to a match of the whole word.
constexpr double kGramWeight = 0.5;
// Weight of a match of the word without its particle (딥시크 for 딥시크의),
// relative to a match of the word as written.
constexpr double kStemWeight = 0.7;
// Weight of a match of a one-syllable noun written with a particle that is
// not removed from it (칩이 for 칩): two-syllable words end the same way
// (길이 is not 길 with 이), so these weigh less than the stem.
constexpr double kParticleFormWeight = 0.5;

bool has_letter(std::string_view s) {
    for (unsigned char c : s)
        if ((c >= 'a' && c <= 'z') || c >= 0x80) return true;
    return false;
}

}  // namespace

Analyzer::Analyzer(KoreanParticleStripper stripper, AnalyzerOptions options)
    : stripper_(std::move(stripper)),
      options_(options),
      segmenter_(std::make_unique<WordSegmenter>()),
      english_("english") {}

Analyzer Analyzer::from_data_dir(const std::filesystem::path& dir, AnalyzerOptions options) {
    return Analyzer(KoreanParticleStripper::load(dir / "ko_particles.txt"), options);
}

std::vector<AnalyzedWord> Analyzer::analyze(std::string_view text) {
    std::vector<AnalyzedWord> words;
    auto pieces = segmenter_->segment(text);
    words.reserve(pieces.size());
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        WordPiece& p = pieces[i];
        if (p.script == Script::Hangul && i > 0 && stripper_.is_particle(p.text) &&
            (p.glued ? pieces[i - 1].script != Script::Hangul
                     : text.substr(pieces[i - 1].end, p.begin - pieces[i - 1].end)
                               .find_first_of(" \t\n\r\f\v") == std::string_view::npos))
            continue;
        AnalyzedWord& w = words.emplace_back();
        w.begin = p.begin;
        w.end = p.end;
        w.stem_end = p.end;
        w.script = p.script;
        if (p.script == Script::Hangul) {
            w.stem = options_.strip_particles ? std::string(stripper_.strip(p.text)) : p.text;
            if (w.stem.size() < p.text.size() && text.substr(p.begin, p.end - p.begin) == p.text)
                w.stem_end = p.begin + static_cast<std::uint32_t>(w.stem.size());
        } else if (p.script == Script::Latin && has_letter(p.text)) {
            w.stem = stem(p.text);
        } else {
            w.stem = p.text;
        }
        // Last: the piece's text is not needed after this (only its script
        // and offsets are, for the next piece's particle test).
        w.exact = std::move(p.text);
    }
    return words;
}

const std::string& Analyzer::stem(const std::string& word) {
    constexpr std::size_t kMaxStems = 1 << 16;  // bounds memory on endless vocabularies
    if (const auto it = stems_.find(word); it != stems_.end()) return it->second;
    if (stems_.size() >= kMaxStems) stems_.clear();
    return stems_.emplace(word, english_(word)).first->second;
}

std::vector<std::string> Analyzer::hangul_bigrams(std::string_view word) {
    std::vector<std::string> grams;
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < word.size(); ++i)
        if ((static_cast<unsigned char>(word[i]) & 0xC0) != 0x80) starts.push_back(i);
    starts.push_back(word.size());
    for (std::size_t k = 0; k + 2 < starts.size(); ++k)
        grams.emplace_back(word.substr(starts[k], starts[k + 2] - starts[k]));
    return grams;
}

void Analyzer::index_text(Xapian::Document& doc, std::string_view text, std::string_view field,
                          unsigned wdf, Xapian::termpos& termpos) {
    index_words(doc, analyze(text), field, wdf, termpos);
}

void Analyzer::index_words(Xapian::Document& doc, const std::vector<AnalyzedWord>& words, std::string_view field,
                           unsigned wdf, Xapian::termpos& termpos) const {
    using namespace schema;
    for (const AnalyzedWord& w : words) {
        termpos += kPositionStride;
        // Positions only where a phrase can use them: not on a word that
        // phrases match by its stem, nor on the one bigram of a
        // two-syllable word (word_query() takes a lone bigram as a plain
        // term; bigrams make a phrase only together).
        if (phrase_by_stem(w))
            doc.add_term(term("", field, w.exact), wdf);
        else
            doc.add_posting(term("", field, w.exact), termpos, wdf);
        if (w.script == Script::Hangul) {
            if (options_.strip_particles) doc.add_posting(term(kKoreanStemKind, field, w.stem), termpos, wdf);
            if (!options_.hangul_bigrams) continue;
            const auto grams = hangul_bigrams(w.stem);
            if (grams.size() == 1) {
                doc.add_term(term(kGramKind, field, grams.front()), wdf);
                continue;
            }
            for (std::size_t i = 0; i < grams.size() && i + 1 < kPositionStride; ++i)
                doc.add_posting(term(kGramKind, field, grams[i]), termpos + static_cast<Xapian::termpos>(i), wdf);
        } else if (w.script == Script::Latin && has_letter(w.exact)) {
            doc.add_term(term(kStemKind, field, w.stem), wdf);
        }
    }
}

Xapian::Query Analyzer::word_query(const AnalyzedWord& w, std::string_view field) const {
    using namespace schema;
    if (w.script == Script::Latin && has_letter(w.exact))
        return Xapian::Query(term(kStemKind, field, w.stem));
    if (w.script != Script::Hangul) return Xapian::Query(term("", field, w.exact));

    std::vector<Xapian::Query> alternatives{Xapian::Query(term("", field, w.exact))};
    if (options_.strip_particles) {
        alternatives.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term(kKoreanStemKind, field, w.stem)),
                                  kStemWeight);
        if (const auto forms = stripper_.forms_kept_whole(w.stem); !forms.empty()) {
            std::vector<Xapian::Query> form_terms;
            for (const auto& f : forms) form_terms.emplace_back(term(kKoreanStemKind, field, f));
            alternatives.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                                      Xapian::Query(Xapian::Query::OP_OR, form_terms.begin(), form_terms.end()),
                                      kParticleFormWeight);
        }
    }
    if (options_.hangul_bigrams) {
        const auto grams = hangul_bigrams(w.stem);
        if (!grams.empty() && grams.size() < kPositionStride) {
            std::vector<Xapian::Query> gram_terms;
            for (const auto& g : grams) gram_terms.emplace_back(term(kGramKind, field, g));
            Xapian::Query in_compound =
                gram_terms.size() == 1
                    ? gram_terms.front()
                    : Xapian::Query(Xapian::Query::OP_PHRASE, gram_terms.begin(), gram_terms.end(),
                                    static_cast<Xapian::termcount>(gram_terms.size()));
            alternatives.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, in_compound, kGramWeight);
        }
    }
    if (alternatives.size() == 1) return alternatives.front();
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

Xapian::Query Analyzer::phrase_query(const std::vector<AnalyzedWord>& words,
                                     std::string_view field) const {
    std::vector<Xapian::Query> terms;
    for (const auto& w : words)
        terms.emplace_back(phrase_by_stem(w) ? schema::term(schema::kKoreanStemKind, field, w.stem)
                                             : schema::term("", field, w.exact));
    if (terms.size() == 1) return terms.front();
    const auto window = static_cast<Xapian::termcount>(schema::kPositionStride * (words.size() - 1) + 1);
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), window);
}

}  // namespace aisearch

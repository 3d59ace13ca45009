// DuplicateFingerprint and RelationJudge: what a part's fingerprint holds
// (anchors in order, exact-text hash, sketches), how two fingerprints
// compare, and which pairs the judge links. Anchors render as their keys
// joined by spaces: f:<figure key>, w:<English stem(s)>.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cstdint>
#include <limits>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "aisearch/error.h"
#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"
#include "common/duplicate_fingerprint.h"
#include "indexer/duplicate_detector.h"

using aisearch::Analyzer;
using aisearch::BilingualLexicon;
using aisearch::DuplicateFingerprint;
using aisearch::DuplicateFingerprinter;
using aisearch::LanguagePart;
using aisearch::PairEvidence;
using aisearch::Relation;
using aisearch::RelationJudge;

namespace {

const std::filesystem::path kDataDir = AISEARCH_TEST_DATA_DIR;

struct Shipped {
    Analyzer analyzer = Analyzer::from_data_dir(kDataDir);
    BilingualLexicon lexicon = BilingualLexicon::load(kDataDir / "lexicon.tsv", analyzer);
    DuplicateFingerprinter fingerprinter = DuplicateFingerprinter::from_data_dir(kDataDir, analyzer, lexicon);
};

Shipped& shipped() {
    static Shipped s;
    return s;
}

DuplicateFingerprint fingerprint(const std::string& lang, const std::string& title,
                                 const std::vector<std::string>& paragraphs) {
    return shipped().fingerprinter.fingerprint(LanguagePart{lang, title, paragraphs});
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
    return out;
}

double unit_weight(const std::string&) { return 1.0; }

// Every count and score of the evidence, exactly.
std::string numbers(const PairEvidence& e) {
    std::ostringstream out;
    out.precision(17);
    out << e.shared_figure_count << ' ' << e.shared_name_count << ' ' << e.specific_a << ' ' << e.specific_b << ' '
        << e.specific_shared;
    for (double x : {e.coverage_a, e.coverage_b, e.order, e.length_ratio, e.structure, e.paragraph_ratio, e.position,
                     e.word_jaccard, e.shingle_jaccard})
        out << ' ' << x;
    return out.str();
}

// The opening of corpus/001: the Korean original and its English translation.
const std::vector<std::string> kKorean = {
    "중국의 신생 AI 기업 딥시크가 세계를 놀라게 했다. 2023년 5월 항저우에서 설립된 이 회사는 1월 22일 "
    "오픈소스 AI 모델 딥시크-R1을 내놨다.",
    "창업자 량원펑은 올해 만 40세로, 2015년 헤지펀드를 세워 80억 달러의 자산을 모았다.",
    "중국의 AI 관련 특허 출원은 전 세계의 17.7%나 된다."};
const std::vector<std::string> kEnglish = {
    "China's rising AI startup, DeepSeek, has sent shock waves across the globe. Founded in May 2023 in "
    "Hangzhou, the company launched DeepSeek-R1, an open-source AI model, on Jan. 22.",
    "Its founder, Liang Wenfeng, is 40 years old; in 2015 he founded a hedge fund that amassed assets "
    "worth $8 billion.",
    "China accounts for 17.7 percent of the world's AI patent applications."};
// Another article on the same topic (corpus/004's subject), in English.
const std::vector<std::string> kOther = {
    "Calls grow for stronger AI infrastructure in Korea amid the rise of DeepSeek.",
    "The government plans to secure 10,000 GPUs by 2025 and to spend 1.2 trillion won on data centres.",
    "Industry leaders said Korea needs its own foundation models."};

}  // namespace

BOOST_AUTO_TEST_SUITE(duplicate_fingerprint)

BOOST_AUTO_TEST_CASE(anchors_in_order) {
    struct Case {
        const char* lang;
        const char* text;
        const char* anchors;
    } cases[] = {
        {"ko", "엔비디아의 H800 칩 2,048개로 17.7%를 얻었다", "w:nvidia w:h800 w:chip f:n:2048 f:p:17.7"},
        {"en", "It used 2,048 Nvidia H800 chips and gained 17.7 percent", "f:n:2048 w:nvidia w:h800 w:chip f:p:17.7"},
        // English words are anchors if they are names, acronyms or lexicon
        // terms (칩 <-> chip, 훈련 <-> train); other words are not.
        {"en", "The model was trained by DeepSeek in Hangzhou using GPU clusters",
         "w:train w:deepseek w:hangzhou w:gpu"},
        // Capitalised words count, also interface names at the start of a
        // paragraph; function words do not.
        {"en", "Format - Cells. The Analysts were surprised in May 2023.",
         "w:format w:cell w:analyst f:d:2023-05"},
        // 80억 달러 and $8 billion, 2023년 5월 and May 2023.
        {"ko", "2023년 5월 80억 달러", "f:d:2023-05 f:m:usd:8000000000"},
        {"en", "May 2023, $8 billion", "f:d:2023-05 f:m:usd:8000000000"},
        {"ko", "", ""},
        {"en", "", ""},
    };
    for (const auto& c : cases) {
        const auto f = fingerprint(c.lang, "", {c.text});
        BOOST_TEST(joined(f.anchors) == std::string(c.anchors));
    }
}

BOOST_AUTO_TEST_CASE(exact_text_hash) {
    const auto a = fingerprint("en", "Title", {"The same words, in the same order."});
    const auto b = fingerprint("en", "TITLE", {"The  same words in the same order"});
    const auto c = fingerprint("en", "Title", {"The same words in another order."});
    const auto empty = fingerprint("en", "", {});
    BOOST_TEST(!a.text_hash.empty());
    BOOST_TEST(a.text_hash == b.text_hash);  // case, spacing and punctuation do not count
    BOOST_TEST(a.text_hash != c.text_hash);
    BOOST_TEST(empty.text_hash.empty());
    BOOST_TEST(empty.band_keys.empty());
    BOOST_TEST(a.band_keys.size() == DuplicateFingerprint::kBands);
    BOOST_TEST(a.band_keys == b.band_keys);
}

BOOST_AUTO_TEST_CASE(invalid_utf8) {
    const auto f = fingerprint("ko", "\xff\xfe", {"딥시크\xc3 H800 \xed\xa0\x80 17.7%"});
    BOOST_TEST(joined(f.anchors) == "w:deepseek w:h800 f:p:17.7");
    BOOST_TEST(!f.text_hash.empty());
}

BOOST_AUTO_TEST_CASE(encode_round_trip) {
    const auto f = fingerprint("ko", "딥시크의 충격", kKorean);
    const auto g = DuplicateFingerprint::decode(f.encode());
    BOOST_TEST(g.lang == "ko");
    BOOST_TEST(g.text_hash == f.text_hash);
    BOOST_TEST(g.word_sketch == f.word_sketch);
    BOOST_TEST(g.shingle_sketch == f.shingle_sketch);
    BOOST_TEST(g.band_keys == f.band_keys);
    BOOST_TEST(g.anchors == f.anchors);
    BOOST_TEST(g.specific_figures == f.specific_figures);
    BOOST_TEST(g.paragraph_lengths == f.paragraph_lengths);
    BOOST_TEST(g.length == f.length);
    std::string cut = f.encode();
    cut.pop_back();
    BOOST_CHECK_THROW(DuplicateFingerprint::decode(cut), aisearch::DatabaseError);
    BOOST_CHECK_THROW(DuplicateFingerprint::decode(""), aisearch::DatabaseError);
    BOOST_CHECK_THROW(DuplicateFingerprint::decode("\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"),
                      aisearch::DatabaseError);
}

BOOST_AUTO_TEST_CASE(sketch_jaccard) {
    struct Case {
        std::vector<std::uint32_t> a, b;
        std::size_t k;
        double expected;
    };
    const Case cases[] = {
        {{1, 2, 3, 4}, {3, 4, 5, 6}, 128, 2.0 / 6.0},  // small sets: exact
        {{1, 2, 3}, {1, 2, 3}, 128, 1.0},
        {{1, 2}, {3, 4}, 128, 0.0},
        {{}, {1}, 128, 0.0},
        {{1, 2, 3, 4}, {2, 3, 4, 5}, 4, 3.0 / 4.0},  // truncated: only the union's k smallest are judged
        {{2, 5}, {2, 3, 4, 6}, 8, 1.0 / 5.0},         // one runs out: the rest of the other counts
        {{1}, {1, 2, 3, 4, 5}, 3, 1.0 / 3.0},         // ... up to k
        {{1, 2, 3}, {3, 10, 11}, 3, 1.0 / 3.0},       // a full sketch ends the union at k
        {{7}, {7}, 1, 1.0},
    };
    for (const auto& c : cases) BOOST_TEST(aisearch::sketch_jaccard(c.a, c.b, c.k) == c.expected);
}

// The merge without branches against the plain one, on sketches of
// overlapping sets of every size up to past k.
BOOST_AUTO_TEST_CASE(sketch_jaccard_equals_a_plain_merge) {
    auto plain = [](const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b, std::size_t k) {
        std::vector<std::uint32_t> all(a);
        all.insert(all.end(), b.begin(), b.end());
        std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        // Past the last value of a sketch of k (or more) values the union is unknown.
        std::uint32_t known = std::numeric_limits<std::uint32_t>::max();
        if (a.size() >= k) known = std::min(known, a[k - 1]);
        if (b.size() >= k) known = std::min(known, b[k - 1]);
        std::size_t taken = 0, both = 0;
        for (std::uint32_t v : all) {
            if (taken == k || v > known) break;
            ++taken;
            both += std::binary_search(a.begin(), a.end(), v) && std::binary_search(b.begin(), b.end(), v);
        }
        return taken == 0 ? 0.0 : static_cast<double>(both) / static_cast<double>(taken);
    };
    std::uint32_t state = 12345;
    auto next = [&] { return state = state * 1664525u + 1013904223u; };
    std::size_t compared = 0;
    for (std::size_t round = 0; round < 400; ++round) {
        std::vector<std::uint32_t> a, b;
        const std::size_t na = 1 + next() % 40, nb = 1 + next() % 40;
        while (a.size() < na) a.push_back(next() % 64);
        while (b.size() < nb) b.push_back(next() % 64);
        for (auto* v : {&a, &b}) {
            std::sort(v->begin(), v->end());
            v->erase(std::unique(v->begin(), v->end()), v->end());
        }
        for (std::size_t k : {std::size_t{1}, std::size_t{5}, std::size_t{16}, std::size_t{32}, std::size_t{128}}) {
            // A sketch holds at most k values.
            const std::vector<std::uint32_t> ka(a.begin(), a.begin() + std::min(a.size(), k)),
                kb(b.begin(), b.begin() + std::min(b.size(), k));
            BOOST_TEST(aisearch::sketch_jaccard(ka, kb, k) == plain(ka, kb, k));
            ++compared;
        }
    }
    BOOST_TEST(compared == 2000u);
}

BOOST_AUTO_TEST_CASE(translation_evidence) {
    const auto ko = fingerprint("ko", "중국 AI, 딥시크의 충격", kKorean);
    const auto en = fingerprint("en", "China's AI, DeepSeek's shock", kEnglish);
    const PairEvidence e = aisearch::compare_parts(ko, en, unit_weight);
    BOOST_TEST(joined(e.shared_figures) == "d:2023-05 d:--01-22 n:40 y:2015 m:usd:8000000000 p:17.7");
    BOOST_TEST(e.specific_shared == 4u);
    BOOST_TEST(e.order >= 0.75);  // most anchors come in the same order
    BOOST_TEST(e.word_jaccard < 0.1);  // few words in common: only the Latin names
    BOOST_TEST(e.length_ratio > 0.6);

    const auto other = fingerprint("en", "Calls grow for AI infrastructure", kOther);
    const PairEvidence o = aisearch::compare_parts(ko, other, unit_weight);
    BOOST_TEST(o.specific_shared == 0u);
    BOOST_TEST(RelationJudge::translation_score_of(o) < RelationJudge::translation_score_of(e));

    // Prepared fingerprints give the same evidence, the keys listed apart.
    const aisearch::PreparedFingerprint pko(ko, unit_weight);
    const aisearch::PreparedFingerprint pen(en, unit_weight);
    PairEvidence p = aisearch::compare_parts(pko, pen);
    BOOST_TEST(p.shared_figures.empty());
    BOOST_TEST(numbers(p) == numbers(e));
    aisearch::list_shared_keys(ko, pko, pen, p);
    BOOST_TEST(joined(p.shared_figures) == joined(e.shared_figures));
    BOOST_TEST(joined(p.shared_names) == joined(e.shared_names));
    // memory() counts at least the sketches it holds.
    BOOST_TEST(pko.memory() > 4 * (ko.word_sketch.size() + ko.shingle_sketch.size()));
    BOOST_TEST(pko.anchors().size() == ko.anchors.size());
    BOOST_TEST(pko.text_hash() != 0u);
    BOOST_TEST(aisearch::PreparedFingerprint(fingerprint("en", "", {}), unit_weight).text_hash() == 0u);
}

BOOST_AUTO_TEST_CASE(prepared_fingerprint_keeps_its_language) {
    // Short tags sit in the object itself, longer ones after the sketches;
    // either way lang() gives the tag back and the sections stay intact.
    const struct {
        std::string lang;
    } cases[] = {{""}, {"ko"}, {"en"}, {"en-GB"}, {"zh-Han"}, {"zh-Hant"}, {"ko-Kore-KR"}, {std::string(300, 'x')}};
    for (const auto& c : cases) {
        const auto f = fingerprint(c.lang, "China's AI, DeepSeek's shock", kEnglish);
        const aisearch::PreparedFingerprint p(f, unit_weight);
        BOOST_TEST(p.lang() == std::string_view(c.lang).substr(0, 255));
        BOOST_TEST(p.anchors().size() == f.anchors.size());
        BOOST_TEST(std::vector<std::uint32_t>(p.shingle_sketch().begin(), p.shingle_sketch().end()) ==
                   std::vector<std::uint32_t>(f.shingle_sketch.begin(), f.shingle_sketch.end()));
        BOOST_TEST(std::vector<std::uint32_t>(p.paragraph_lengths().begin(), p.paragraph_lengths().end()) ==
                   f.paragraph_lengths);
        p.prefetch();
    }
    const auto en = fingerprint("en", "China's AI, DeepSeek's shock", kEnglish);
    const auto long_tag = fingerprint("en-Latn-US", "China's AI, DeepSeek's shock", kEnglish);
    // Only a tag longer than the object's own room costs memory of its own.
    BOOST_TEST(aisearch::PreparedFingerprint(long_tag, unit_weight).memory() ==
               aisearch::PreparedFingerprint(en, unit_weight).memory() + 16);
    BOOST_TEST(aisearch::PreparedFingerprint().lang().empty());
}

BOOST_AUTO_TEST_CASE(prepared_fingerprint_bytes_round_trip) {
    // A prepared part read back from its bytes compares exactly as the one
    // prepared from its fingerprint: Korean, English, a part with no words,
    // a long language tag; weights that differ per anchor.
    auto weight = [](const std::string& anchor) { return 1.0 + static_cast<double>(anchor.size() % 7) / 3; };
    using aisearch::PreparedFingerprint;
    const DuplicateFingerprint parts[] = {
        fingerprint("ko", "중국 AI, 딥시크의 충격", kKorean),
        fingerprint("en", "China's AI, DeepSeek's shock", kEnglish),
        fingerprint("en", "Calls grow for AI infrastructure", kOther),
        fingerprint("en", "", {}),
        fingerprint("en-Latn-US", "China's AI, DeepSeek's shock", kEnglish),
    };
    for (const auto& a : parts) {
        const PreparedFingerprint p(a, weight);
        const std::string bytes = p.to_bytes();
        const PreparedFingerprint q = PreparedFingerprint::from_bytes(bytes);
        BOOST_TEST(q.to_bytes() == bytes);
        BOOST_TEST(q.lang() == a.lang);
        BOOST_TEST(q.memory() == p.memory());
        BOOST_TEST(q.text_hash() == p.text_hash());
        BOOST_TEST(q.anchors().size() == a.anchors.size());
        for (const auto& b : parts) {
            const PreparedFingerprint other(b, weight);
            BOOST_TEST(numbers(aisearch::compare_parts(q, other)) == numbers(aisearch::compare_parts(p, other)));
            BOOST_TEST(numbers(aisearch::compare_parts(other, q)) == numbers(aisearch::compare_parts(other, p)));
        }
    }
    BOOST_TEST(PreparedFingerprint::from_bytes(PreparedFingerprint().to_bytes()).lang().empty());

    // Bytes that did not come from to_bytes().
    const std::string good = PreparedFingerprint(parts[0], weight).to_bytes();
    std::string wrong_count = good;
    wrong_count[8 + 8 + 4] ^= 1;  // the anchor count
    for (const std::string& bad : {std::string(), good.substr(0, 20), good.substr(0, good.size() - 8),
                                   good + std::string(8, '\0'), wrong_count})
        BOOST_CHECK_THROW(PreparedFingerprint::from_bytes(bad), aisearch::CorruptDatabaseError);
}

BOOST_AUTO_TEST_CASE(judge) {
    const RelationJudge judge;
    auto verdict = [&](const DuplicateFingerprint& a, const DuplicateFingerprint& b) -> std::string {
        const auto v = judge.judge(a, b, aisearch::compare_parts(a, b, unit_weight));
        if (!v) return "none";
        return std::string(aisearch::relation_name(v->relation));
    };
    const auto ko = fingerprint("ko", "중국 AI, 딥시크의 충격", kKorean);
    const auto en = fingerprint("en", "China's AI, DeepSeek's shock", kEnglish);
    const auto other = fingerprint("en", "Calls grow for AI infrastructure", kOther);
    std::vector<std::string> edited = kEnglish;
    edited[0] = "China's rising AI startup DeepSeek has shocked the globe. Founded in May 2023 in "
                "Hangzhou, the firm released DeepSeek-R1, an open-source AI model, on Jan. 22.";
    const auto en_edited = fingerprint("en", "China's AI, DeepSeek's shock", edited);
    const auto en_copy = fingerprint("en", "China's AI, DeepSeek's shock", kEnglish);

    BOOST_TEST(verdict(ko, en) == "translation");
    BOOST_TEST(verdict(en, ko) == "translation");
    BOOST_TEST(verdict(ko, other) == "none");  // same topic, another article
    BOOST_TEST(verdict(en, en_copy) == "exact");
    BOOST_TEST(verdict(en, en_edited) == "near");
    BOOST_TEST(verdict(en, other) == "none");
    const auto empty = fingerprint("en", "", {});
    BOOST_TEST(verdict(empty, empty) == "none");  // nothing to compare is no evidence
}

BOOST_AUTO_TEST_SUITE_END()

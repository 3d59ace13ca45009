#include "indexer/duplicate_detector.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cmath>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/part_document.h"
#include "common/schema.h"
#include "common/stored_part.h"
#include "indexer/cluster_splitter.h"

namespace aisearch {
namespace {

// Candidate gathering reads a bounded number of postings per part, so the
// work per part stays bounded however large the database grows.
constexpr Xapian::doccount kMaxExactPostings = 100;
constexpr Xapian::doccount kMaxBandPostings = 500;
constexpr Xapian::doccount kBandPostingBudget = 600;  // per part, all bands
// Anchors are read rarest first, at most kAnchorsQueried of them and at
// most kAnchorPostingBudget postings in all; past the rarest
// kMinAnchorsQueried, an anchor more than max(kMinAnchorCap, parts /
// kAnchorCapDivisor) parts have is not read (in a larger collection a
// page-specific name is shared by more parts, so the cap grows with it).
constexpr Xapian::doccount kMinAnchorCap = 200;
constexpr Xapian::doccount kAnchorCapDivisor = 50;
constexpr Xapian::doccount kAnchorPostingBudget = 4000;
constexpr std::size_t kAnchorsQueried = 30;         // the part's rarest anchors
constexpr std::size_t kMinAnchorsQueried = 8;       // read over the cap, within the budget
constexpr std::size_t kCandidatesPerLanguage = 40;  // by shared bands and anchor weight
// A candidate sharing this many LSH bands is verified even past the top
// kCandidatesPerLanguage: one shared band of 3 rows is mostly chance, and
// chance collisions grow with the database (at 10k parts, 73% of the
// rejected candidates shared exactly one band).
constexpr std::size_t kSureBands = 2;
// Exact and near links kept per part (see DuplicateDetector::update).
constexpr std::size_t kMaxCopyLinks = 8;
constexpr double kBandWeight = 100;  // a shared band in the ranking, against anchor idf
// A run linking at least 1/kBulkDivisor of the parts reads the candidate
// terms' frequencies and postings in one pass (SharedTermIndex).
constexpr std::size_t kBulkDivisor = 16;
// Candidate postings held in memory at most (16 MB; SharedTermIndex). At
// 100k parts all fit (at 4 MB the anchors' and 12-16% of the bands'; a
// band posting list read from the index cost a tenth of detection).
constexpr std::size_t kMaxHeldPostings = 1 << 22;
// Anchor frequencies held at most (32 MB).
constexpr std::size_t kMaxFrequencies = 1 << 20;

// An anchor's key in the frequency table; 0 marks an empty slot.
std::uint64_t anchor_key(std::string_view anchor) {
    return std::max<std::uint64_t>(1, std::hash<std::string_view>{}(anchor));
}

}  // namespace

double RelationJudge::translation_score_of(const PairEvidence& e) {
    // Shared anchors, weighted by rarity, in the same order, at the same
    // places; and either paragraphs of the same proportions (documentation
    // is translated paragraph by paragraph) or the same specific figures
    // (news translations regroup paragraphs but keep every figure).
    const std::size_t fewer = std::min(e.specific_a, e.specific_b);
    const double figures = fewer >= 2 ? static_cast<double>(e.specific_shared) / static_cast<double>(fewer) : 0.0;
    const double alignment = std::max(e.structure, std::min(1.0, figures));
    return std::sqrt(e.coverage_a * e.coverage_b) * (0.5 + 0.5 * e.order) * (0.5 + 0.5 * e.position) *
           (0.2 + 0.8 * alignment);
}

std::optional<RelationJudge::Verdict> RelationJudge::judge(const DuplicateFingerprint& a,
                                                            const DuplicateFingerprint& b,
                                                            const PairEvidence& e, bool siblings) const {
    return judge(a.lang == b.lang, !a.text_hash.empty() && a.text_hash == b.text_hash, e, siblings);
}

std::optional<RelationJudge::Verdict> RelationJudge::judge(const PreparedFingerprint& a,
                                                            const PreparedFingerprint& b,
                                                            const PairEvidence& e, bool siblings) const {
    return judge(a.lang() == b.lang(), a.text_hash() != 0 && a.text_hash() == b.text_hash(), e, siblings);
}

std::optional<RelationJudge::Verdict> RelationJudge::judge(bool same_language, bool same_text,
                                                            const PairEvidence& e, bool siblings) const {
    if (same_language) {
        if (same_text) return Verdict{Relation::Exact, 1.0};
        const double similarity = std::max(e.word_jaccard, e.shingle_jaccard);
        if (e.shingle_jaccard >= near_shingles) return Verdict{Relation::Near, similarity};
        if (e.word_jaccard >= near_edited_words && e.shingle_jaccard >= near_edited_shingles)
            return Verdict{Relation::Near, similarity};
        if (e.word_jaccard >= near_words && e.shingle_jaccard >= near_words_shingles &&
            e.specific_shared >= near_words_figures)
            return Verdict{Relation::Near, similarity};
        return std::nullopt;
    }
    if (e.shared_figure_count + e.shared_name_count < translation_anchors) return std::nullopt;
    if (e.length_ratio < translation_length) return std::nullopt;
    // Both name figures that identify an article and none agree: two
    // different stories on one topic.
    if (e.specific_a >= 2 && e.specific_b >= 2 && e.specific_shared == 0) return std::nullopt;
    const double score = translation_score_of(e);
    if (score < (siblings ? sibling_translation_score : translation_score)) return std::nullopt;
    return Verdict{Relation::Translation, score};
}

bool RelationJudge::may_accept(const PreparedFingerprint& a, const PreparedFingerprint& b, bool siblings) const {
    if (a.lang() == b.lang()) {
        // judge(): equal hashes, or the sketch thresholds of one of the
        // three near rules (the figures rule only adds a condition).
        if (a.text_hash() != 0 && a.text_hash() == b.text_hash()) return true;
        const double shingles = sketch_jaccard(a.shingle_sketch(), b.shingle_sketch());
        if (shingles >= near_shingles) return true;
        if (shingles < std::min(near_edited_shingles, near_words_shingles)) return false;
        const double words = sketch_jaccard(a.word_sketch(), b.word_sketch());
        return (words >= near_edited_words && shingles >= near_edited_shingles) ||
               (words >= near_words && shingles >= near_words_shingles);
    }
    const std::uint32_t length_a = a.length(), length_b = b.length();
    const double length_ratio = length_a > 0 && length_b > 0
                                    ? static_cast<double>(std::min(length_a, length_b)) / std::max(length_a, length_b)
                                    : 0.0;
    if (length_ratio < translation_length) return false;
    // The shared anchors and their weight on each side, as compare_parts
    // counts them; the translation score is at most sqrt(coverage_a *
    // coverage_b), its other factors being at most 1.
    std::size_t shared = 0;
    double weight_a = 0, weight_b = 0;
    const auto weights_a = a.weights(), weights_b = b.weights();
    for_each_shared_anchor(a, b, [&](const auto& x, const auto& y) {
        ++shared;
        weight_a += weights_a[x.index];
        weight_b += weights_b[y.index];
    });
    if (shared < translation_anchors) return false;
    const double coverage_a = a.total() > 0 ? weight_a / a.total() : 0;
    const double coverage_b = b.total() > 0 ? weight_b / b.total() : 0;
    // A little slack for the order of the floating-point sums.
    return std::sqrt(coverage_a * coverage_b) >=
           (siblings ? sibling_translation_score : translation_score) * (1 - 1e-9);
}

void DuplicateDetector::return_free_memory() {
#ifdef __GLIBC__
    // glibc keeps what a phase freed (the indexing threads' arenas, the
    // fingerprint cache) mapped; the next phase would add its own peak on
    // top of it.
    malloc_trim(0);
#endif
}

DuplicateDetector::DuplicateDetector(Xapian::WritableDatabase& db, RelationJudge judge, std::size_t cache_bytes)
    : db_(db), judge_(judge), known_(cache_bytes), cache_bytes_(cache_bytes), readers_(1) {
    readers_[0].db = db_;
}

void DuplicateDetector::use_threads(unsigned threads, std::string path) {
    threads_ = std::max(1u, threads);
    path_ = std::move(path);
}

void DuplicateDetector::mark_pending(Xapian::WritableDatabase& db, const std::string& part_term) {
    db.set_metadata(duplicates_pending_key(part_term), "1");
}

bool DuplicateDetector::has_pending(const Xapian::Database& db) {
    const std::string prefix(schema::kDuplicatesPendingKey);
    return db.metadata_keys_begin(prefix) != db.metadata_keys_end(prefix);
}

Xapian::doccount DuplicateDetector::anchor_frequency(Reader& r, const std::string& anchor) {
    // The frequencies hold for the whole update (no part is added or
    // removed during it), so they are kept across checkpoints: a part read
    // again after leaving the fingerprint cache needs them all, and every
    // part's candidate gathering needs those of its anchors. Looking them
    // up in the index made each several times dearer (a B-tree descent
    // with its blocks copied from the page cache).
    const std::uint64_t key = anchor_key(anchor);
    if (const Xapian::doccount* tf = frequencies_.find(key)) return *tf;
    if (frequencies_complete_) return 0;
    if (frequencies_.size() >= kMaxFrequencies) frequencies_.clear();
    const Xapian::doccount tf = r.db.get_termfreq(schema::boolean_term(schema::kAnchor, anchor));
    frequencies_.insert(key, tf);
    return tf;
}

bool DuplicateDetector::read_anchor_frequencies() {
    frequencies_.clear();
    const std::string prefix(schema::kAnchor);
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
        if (frequencies_.size() >= kMaxFrequencies) {
            frequencies_.clear();
            return false;
        }
        frequencies_.insert(anchor_key(std::string_view(*t).substr(prefix.size())), t.get_termfreq());
    }
    frequencies_complete_ = true;
    return true;
}

double DuplicateDetector::anchor_weight(Reader& r, const std::string& anchor) {
    const double n = doccount_;
    return std::log((n + 1) / std::max<Xapian::doccount>(1, anchor_frequency(r, anchor)));
}

std::size_t DuplicateDetector::FrequencyTable::slot_of(std::uint64_t key) const {
    // Linear probing from a mix of the key's bits (std::hash of a string
    // is already spread, but the mask keeps only its low bits).
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 17) & mask;
    while (slots_[i].first != 0 && slots_[i].first != key) i = (i + 1) & mask;
    return i;
}

const Xapian::doccount* DuplicateDetector::FrequencyTable::find(std::uint64_t key) const {
    if (slots_.empty()) return nullptr;
    const auto& slot = slots_[slot_of(key)];
    return slot.first == key ? &slot.second : nullptr;
}

void DuplicateDetector::FrequencyTable::insert(std::uint64_t key, Xapian::doccount frequency) {
    if (2 * (used_ + 1) > slots_.size()) {  // at most half full
        std::vector<std::pair<std::uint64_t, Xapian::doccount>> old(std::max<std::size_t>(1024, 2 * slots_.size()));
        old.swap(slots_);
        used_ = 0;
        for (const auto& [k, tf] : old)
            if (k != 0) insert(k, tf);
    }
    auto& slot = slots_[slot_of(key)];
    if (slot.first == 0) ++used_;
    slot = {key, frequency};
}

void DuplicateDetector::FrequencyTable::clear() {
    slots_.clear();
    slots_.shrink_to_fit();
    used_ = 0;
}

Xapian::docid DuplicateDetector::first_exact_copy(Reader& r, Xapian::docid self, const DuplicateFingerprint& f) const {
    if (f.text_hash.empty()) return 0;
    const std::string term = schema::boolean_term(schema::kTextHash, f.text_hash);
    if (shared_terms_.loaded() && shared_terms_.frequency(term) < 2) return 0;
    for (auto it = r.db.postlist_begin(term); it != r.db.postlist_end(term); ++it)
        if (*it != self) return *it;
    return 0;
}

Xapian::doccount DuplicateDetector::candidate_term_frequency(Reader& r, const std::string& term) const {
    return shared_terms_.loaded() ? shared_terms_.frequency(term) : r.db.get_termfreq(term);
}

std::vector<Xapian::docid> DuplicateDetector::candidate_ids(Reader& r, Xapian::docid self,
                                                            const DuplicateFingerprint& f) {
    auto& slots = r.slots;
    // Thousands of postings a part, counted without allocating.
    auto hit = [&](Xapian::docid did) -> PartSlot& {
        PartSlot& h = slots[did];
        if (!h.seen) {
            h.seen = true;
            r.touched.push_back(did);
        }
        return h;
    };
    // A posting list is read whole first, asking for each slot ahead: at
    // 100k parts the slots outgrow the core's own cache, and waiting for
    // each in turn was most of gathering's own time.
    auto read = [&](const std::string& term, auto&& add) {
        r.postings.clear();
        auto take = [&](Xapian::docid did) {
            if (did == self || did >= slots.size()) return;
            __builtin_prefetch(&slots[did], 1);
            r.postings.push_back(did);
        };
        if (const auto held = shared_terms_.postings(term); !held.empty()) {
            for (const Xapian::docid did : held) take(did);
        } else {
            for (auto it = r.db.postlist_begin(term); it != r.db.postlist_end(term); ++it) take(*it);
        }
        for (const Xapian::docid did : r.postings) add(hit(did));
    };
    auto sure = [](PartSlot& h) { h.sure = true; };
    if (const Xapian::docid copy = first_exact_copy(r, self, f)) hit(copy).sure = true;
    // The other parts of the same file.
    if (const std::uint32_t file = self < slots.size() ? slots[self].file : 0; file != 0) {
        const std::uint32_t begin = file_start_[file], end = file_start_[file + 1];
        if (end - begin <= kMaxExactPostings)
            for (std::uint32_t i = begin; i < end; ++i)
                if (file_parts_[i] != self) sure(hit(file_parts_[i]));
    }

    // The rarest bands first, within the band budget: chance collisions
    // grow with the database, and a copy shares many bands, rare ones.
    std::vector<std::pair<Xapian::doccount, std::string>> bands;
    for (std::size_t band = 0; band < f.band_keys.size(); ++band) {
        std::string term = band_term(band, f.band_keys[band]);
        const Xapian::doccount tf = candidate_term_frequency(r, term);
        if (tf > 1 && tf <= kMaxBandPostings) bands.emplace_back(tf, std::move(term));
    }
    std::sort(bands.begin(), bands.end());
    Xapian::doccount band_budget = kBandPostingBudget;
    for (const auto& [tf, term] : bands) {
        if (tf > band_budget) break;
        band_budget -= tf;
        read(term, [](PartSlot& h) { ++h.bands; });
    }

    // The rarest anchors, within the posting budget.
    const Xapian::doccount cap = std::max<Xapian::doccount>(kMinAnchorCap, doccount_ / kAnchorCapDivisor);
    std::vector<std::pair<Xapian::doccount, const std::string*>> rare;
    for (const auto& a : f.anchors) {
        const Xapian::doccount tf = anchor_frequency(r, a);
        if (tf > 1) rare.emplace_back(tf, &a);
    }
    std::sort(rare.begin(), rare.end());
    Xapian::doccount budget = kAnchorPostingBudget;
    for (std::size_t i = 0; i < rare.size() && i < kAnchorsQueried && rare[i].first <= budget; ++i) {
        // A part whose anchors are all common (an interface page: "format",
        // "object", "select") still reads its rarest few.
        if (rare[i].first > cap && i >= kMinAnchorsQueried) break;
        budget -= rare[i].first;
        const auto w = static_cast<float>(anchor_weight(r, *rare[i].second));
        read(schema::boolean_term(schema::kAnchor, *rare[i].second), [w](PartSlot& h) { h.anchors += w; });
    }

    // Every sure candidate, and the best kCandidatesPerLanguage of the
    // others in each language. In the same language, by shared bands (one
    // counts as much as a few rare anchors), then anchor weight. In the
    // other, by anchor weight (bands of different languages share only by
    // chance), among parts of a length a translation can have, and of
    // equal weight the closest in length first: on a large collection of
    // pages on one topic, many parts share the same few common anchors.
    auto& lists = r.ranked;
    for (auto& list : lists) list.clear();
    std::vector<Xapian::docid> out;
    const bool korean = f.lang == "ko";
    const double own_length = std::max<std::uint32_t>(1, f.length);
    for (const Xapian::docid did : r.touched) {
        PartSlot& h = slots[did];
        const bool same = h.korean == korean;
        const double length = std::max<std::uint32_t>(1, h.length);
        const double ratio = std::min(length, own_length) / std::max(length, own_length);
        if (h.sure || (same && h.bands >= kSureBands))
            out.push_back(did);
        else if (same)
            lists[0].push_back({h.bands * kBandWeight + h.anchors, 1 - ratio, did});
        else if (h.anchors > 0 && ratio >= judge_.translation_length)
            lists[1].push_back({h.anchors, 1 - ratio, did});
        h.anchors = 0;
        h.bands = 0;
        h.seen = h.sure = false;
    }
    r.touched.clear();
    std::sort(out.begin(), out.end());
    for (auto& list : lists) {
        const std::size_t keep = std::min(list.size(), kCandidatesPerLanguage);
        std::partial_sort(list.begin(), list.begin() + keep, list.end());
        for (std::size_t i = 0; i < keep; ++i) out.push_back(list[i].did);
    }
    return out;
}

std::vector<std::string> DuplicateDetector::candidates(const std::string& part_term) {
    const auto did = find_part(db_, part_term);
    if (!did) return {};
    Reader& r = readers_[0];
    if (r.slots.empty()) load_part_facts();
    std::vector<std::string> out;
    for (Xapian::docid c : candidate_ids(r, *did, fingerprint_of(r, *did)))
        out.push_back(part_term_of(db_.get_document(c)));
    return out;
}

void DuplicateDetector::load_part_facts() {
    doccount_ = db_.get_doccount();
    auto& slots = readers_[0].slots;
    slots.assign(db_.get_lastdocid() + 1, PartSlot{});
    known_.reserve(db_.get_lastdocid());
    readers_[0].touched.clear();
    const std::string ko = schema::boolean_term(schema::kLanguage, "ko");
    for (auto it = db_.postlist_begin(ko); it != db_.postlist_end(ko); ++it)
        if (*it < slots.size()) slots[*it].korean = true;
    {
        std::unordered_map<std::string, std::uint32_t> file_numbers;
        for (auto it = db_.valuestream_begin(schema::kDocumentSlot); it != db_.valuestream_end(schema::kDocumentSlot);
             ++it) {
            if (it.get_docid() >= slots.size()) continue;
            const auto number = file_numbers.emplace(*it, file_numbers.size() + 1).first->second;
            slots[it.get_docid()].file = static_cast<std::uint32_t>(number);
        }
        // Each file's parts, counted and then placed, in docid order.
        file_start_.assign(file_numbers.size() + 2, 0);
    }
    for (std::size_t did = 1; did < slots.size(); ++did)
        if (slots[did].file != 0) ++file_start_[slots[did].file + 1];
    for (std::size_t n = 1; n < file_start_.size(); ++n) file_start_[n] += file_start_[n - 1];
    file_parts_.assign(file_start_.back(), 0);
    {
        std::vector<std::uint32_t> next(file_start_.begin(), file_start_.end() - 1);
        for (std::size_t did = 1; did < slots.size(); ++did)
            if (const std::uint32_t file = slots[did].file; file != 0)
                file_parts_[next[file]++] = static_cast<Xapian::docid>(did);
    }
    for (auto it = db_.valuestream_begin(schema::kLengthSlot); it != db_.valuestream_end(schema::kLengthSlot); ++it)
        if (it.get_docid() < slots.size())
            slots[it.get_docid()].length = static_cast<std::uint32_t>(Xapian::sortable_unserialise(*it));
}

std::vector<Xapian::docid> DuplicateDetector::order_for_locality(std::vector<std::string>& pending) {
    // Each part's rarest anchor that another part has: parts that share it
    // are mostly each other's candidates, so taken one after the other
    // they find each other still in the fingerprint cache.
    const Xapian::docid last = db_.get_lastdocid();
    std::vector<std::pair<Xapian::doccount, std::uint32_t>> rarest(last + 1, {~Xapian::doccount{0}, 0});
    const std::string prefix(schema::kAnchor);
    std::uint32_t number = 0;
    for (auto t = db_.allterms_begin(prefix); t != db_.allterms_end(prefix); ++t) {
        const Xapian::doccount tf = t.get_termfreq();
        ++number;
        if (tf < 2) continue;
        for (auto p = db_.postlist_begin(*t); p != db_.postlist_end(*t); ++p)
            if (*p <= last && tf < rarest[*p].first) rarest[*p] = {tf, number};
    }
    struct Keyed {
        std::uint32_t key;
        Xapian::docid did;
        std::string term;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(pending.size());
    for (auto& term : pending) {
        const auto did = find_part(db_, term);
        const Xapian::docid id = did ? *did : 0;
        keyed.push_back({id != 0 && id <= last ? rarest[id].second : 0, id, std::move(term)});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    pending.clear();
    std::vector<Xapian::docid> ids;
    ids.reserve(keyed.size());
    for (auto& k : keyed) {
        pending.push_back(std::move(k.term));
        ids.push_back(k.did);
    }
    return ids;
}

bool DuplicateDetector::same_file(const Reader& r, Xapian::docid a, Xapian::docid b) {
    const auto& slots = r.slots;
    return a < slots.size() && b < slots.size() && slots[a].file != 0 && slots[a].file == slots[b].file;
}

DuplicateFingerprint DuplicateDetector::fingerprint_of(Reader& r, Xapian::docid did) {
    // One value read: the part exists (it came from a posting list), and
    // what else comparing needs was read for every part at once.
    return DuplicateFingerprint::decode(
        r.db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(schema::kFingerprintSlot));
}

std::shared_ptr<const PreparedFingerprint> DuplicateDetector::prepare(Reader& r, Xapian::docid did,
                                                                      const DuplicateFingerprint* whole) {
    if (prepared_)
        if (auto k = prepared_->read(did, r.bytes)) return k;
    auto weight = [&](const std::string& a) { return anchor_weight(r, a); };
    auto k = std::make_shared<const PreparedFingerprint>(whole ? *whole : fingerprint_of(r, did), weight);
    if (prepared_) prepared_->write(did, *k);
    return k;
}

std::shared_ptr<const PreparedFingerprint> DuplicateDetector::known(Reader& r, Xapian::docid did,
                                                                    const DuplicateFingerprint& whole) {
    {
        std::lock_guard lock(known_mutex_);
        if (auto cached = known_.find(did)) return cached;
    }
    // Prepared outside the lock: two threads may both prepare a part, and
    // the same one is kept.
    auto k = prepare(r, did, &whole);
    std::lock_guard lock(known_mutex_);
    known_.insert(did, k);
    return k;
}

std::vector<std::shared_ptr<const PreparedFingerprint>> DuplicateDetector::known(Reader& r,
                                                                                const std::vector<Xapian::docid>& ids) {
    std::vector<std::shared_ptr<const PreparedFingerprint>> out(ids.size());
    std::vector<std::size_t> missing;
    {
        std::lock_guard lock(known_mutex_);
        for (std::size_t i = 0; i < ids.size(); ++i)
            if (!(out[i] = known_.find(ids[i]))) missing.push_back(i);
    }
    if (missing.empty()) return out;
    // In docid order: neighbouring values share B-tree blocks.
    std::sort(missing.begin(), missing.end(), [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
    for (const std::size_t i : missing) out[i] = prepare(r, ids[i], nullptr);
    std::lock_guard lock(known_mutex_);
    for (const std::size_t i : missing) known_.insert(ids[i], out[i]);
    return out;
}

std::vector<DuplicateDetector::Verified> DuplicateDetector::verify(Reader& r, Xapian::docid did,
                                                                   std::size_t& verified) {
    std::vector<Verified> out;
    // The whole fingerprint for the candidate terms and the shared keys
    // of links kept, the prepared one for comparing.
    const DuplicateFingerprint f = fingerprint_of(r, did);
    const std::shared_ptr<const PreparedFingerprint> self = known(r, did, f);
    const Xapian::docid copy = first_exact_copy(r, did, f);
    const std::vector<Xapian::docid> candidates = candidate_ids(r, did, f);
    const auto prepared = known(r, candidates);
    constexpr std::size_t kAhead = 2;  // candidates prefetched ahead of the one compared
    for (std::size_t i = 0; i < std::min(kAhead, prepared.size()); ++i) prepared[i]->prefetch();
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i + kAhead < prepared.size()) prepared[i + kAhead]->prefetch();
        const Xapian::docid c = candidates[i];
        const PreparedFingerprint* other = prepared[i].get();
        // Other exact copies are reached through the first one.
        if (c != copy && self->text_hash() != 0 && other->text_hash() == self->text_hash()) continue;
        ++verified;
        const bool siblings = same_file(r, did, c);
        if (!judge_.may_accept(*self, *other, siblings)) continue;
        PairEvidence e = compare_parts(*self, *other);
        const auto verdict = judge_.judge(*self, *other, e, siblings);
        if (!verdict) continue;
        list_shared_keys(f, *self, *other, e);
        out.push_back({c, std::move(e), *verdict, siblings});
    }
    return out;
}

DuplicateDetector::BestTranslation DuplicateDetector::best_translation(Reader& r, Xapian::docid did,
                                                                       std::size_t& verified) {
    {
        std::lock_guard lock(best_mutex_);
        if (auto it = best_.find(did); it != best_.end()) return it->second;
    }
    const BestTranslation best = best_of(verify(r, did, verified));
    std::lock_guard lock(best_mutex_);
    best_.emplace(did, best);
    return best;
}

DuplicateDetector::BestTranslation DuplicateDetector::best_of(const std::vector<Verified>& found) {
    BestTranslation best;
    for (const Verified& v : found) {
        if (v.verdict.relation != Relation::Translation || v.siblings) continue;
        const double s = v.verdict.similarity;
        if (s > best.score) {
            best.second = best.score;
            best.score = s;
            best.did = v.did;
        } else {
            best.second = std::max(best.second, s);
        }
    }
    return best;
}

bool DuplicateDetector::holds_against(Xapian::docid did, double score, const BestTranslation& best) const {
    // `did` may be missing from the other side's candidates (candidate
    // lists are not symmetric): then it must beat that side's best.
    if (best.did == did) return best.score >= judge_.translation_margin * best.second;
    return score >= judge_.translation_margin * best.score;
}

DuplicateDetector::Precomputed DuplicateDetector::verify_pending(Reader& r, Xapian::docid did) {
    Precomputed p;
    if (did == 0) return p;
    p.did = did;
    p.found = verify(r, p.did, p.verified);
    p.best = best_of(p.found);
    {
        std::lock_guard lock(best_mutex_);
        best_[p.did] = p.best;
    }
    // What linking will ask of the translations found (see link()).
    for (const Verified& v : p.found)
        if (v.verdict.relation == Relation::Translation && !v.siblings &&
            holds_against(v.did, v.verdict.similarity, p.best))
            best_translation(r, v.did, p.verified);
    return p;
}

DuplicateDetector::Batch::Batch(DuplicateDetector& detector, const std::vector<Xapian::docid>& pending,
                                std::size_t begin, std::size_t end)
    : detector_(detector), pending_(pending), out_(end - begin), begin_(begin), next_(begin), end_(end) {
    for (std::size_t t = 1; t < detector.readers_.size(); ++t) {
        Reader& r = detector.readers_[t];
        // The last checkpoint committed what this thread is to read. One
        // more commit comes while it reads (the batch before is linked
        // meanwhile), which a Xapian reader survives.
        r.db.reopen();
        threads_.emplace_back([this, &r] { work(r); });
    }
}

void DuplicateDetector::Batch::work(Reader& r) {
    try {
        for (std::size_t i; (i = next_++) < end_;) out_[i - begin_] = detector_.verify_pending(r, pending_[i]);
    } catch (...) {
        std::lock_guard lock(failed_mutex_);
        if (!failed_) failed_ = std::current_exception();
        next_ = end_;
    }
}

DuplicateDetector::Batch::~Batch() {
    next_ = end_;
    join();
}

void DuplicateDetector::Batch::join() {
    for (auto& t : threads_)
        if (t.joinable()) t.join();
}

std::vector<DuplicateDetector::Precomputed> DuplicateDetector::Batch::take() {
    work(detector_.readers_[0]);
    join();
    if (failed_) std::rethrow_exception(failed_);
    return std::move(out_);
}

std::vector<DuplicateLink> DuplicateDetector::link(Precomputed&& p, const std::string& term, std::size_t& verified) {
    Reader& r = readers_[0];
    std::vector<Verified> found = std::move(p.found);
    verified += p.verified;
    const BestTranslation& mine = p.best;
    std::vector<DuplicateLink> links;
    for (Verified& v : found) {
        if (v.verdict.relation == Relation::Translation && !v.siblings) {
            // Translations pair one to one: each side must be the other's
            // clear best match.
            const double score = v.verdict.similarity;
            if (!holds_against(v.did, score, mine)) continue;
            if (!holds_against(p.did, score, best_translation(r, v.did, verified))) continue;
        }
        const std::string other = v.did < pending_terms_.size() && !pending_terms_[v.did].empty()
                                      ? std::string(pending_terms_[v.did])
                                      : part_term_of(db_.get_document(v.did));
        if (other.empty() || other == term) continue;
        links.push_back({other, v.verdict.relation, v.verdict.similarity, std::move(v.evidence)});
    }
    return links;
}

DuplicateSummary DuplicateDetector::update(const std::function<void()>& checkpoint) {
    const std::size_t chunk = chunk_parts_;  // parts between checkpoints: bounds memory
    DuplicateSummary summary;
    const std::string pending_prefix(schema::kDuplicatesPendingKey);
    std::vector<std::string> pending;
    for (auto it = db_.metadata_keys_begin(pending_prefix); it != db_.metadata_keys_end(pending_prefix); ++it)
        pending.push_back((*it).substr(pending_prefix.size()));
    if (pending.empty()) return summary;

    load_part_facts();
    return_free_memory();

    // Records are read once and, if changed, written back at each
    // checkpoint: most records read (cluster members, partners) stay as
    // they are, and encoding them all again was most of the time at 100k.
    std::map<std::string, PartDuplicates> records;
    std::set<std::string> changed;
    auto record = [&](const std::string& term) -> PartDuplicates& {
        auto it = records.find(term);
        if (it == records.end()) it = records.emplace(term, read_part_duplicates(db_, term)).first;
        return it->second;
    };
    auto change = [&](const std::string& term) -> PartDuplicates& {
        changed.insert(term);
        return record(term);
    };
    auto store = [&](const std::string& term, const PartDuplicates& r) {
        db_.set_metadata(duplicates_key(term), r.links.empty() && r.cluster.empty() ? std::string() : encode(r));
    };
    // The parts whose stored record has kMaxCopyLinks links or more, of
    // those read since the run began: a copy of a text asks for each part
    // it may link to, and on the 100k runs corpus reading those records
    // again in every chunk was a tenth of detection.
    std::unordered_set<std::string> full;
    auto note_links = [&](const std::string& term, std::size_t links) {
        if (links >= kMaxCopyLinks)
            full.insert(term);
        else
            full.erase(term);
    };
    auto flush = [&] {
        for (const auto& term : changed) store(term, records.at(term));
        for (const auto& [term, r] : records) note_links(term, r.links.size());
        changed.clear();
        records.clear();
        if (checkpoint) checkpoint();
    };
    std::set<std::string> touched;
    auto touch = [&](const std::string& term, const std::string& cluster) {
        if (!touched.insert(term).second) return;
        // Every member of the part's old cluster may change cluster too.
        if (!cluster.empty())
            for (const auto& m : read_cluster(db_, cluster).members) touched.insert(m.part);
    };
    // Linking only adds links, so there a record is kept as stored, with
    // whom its links lead to, and the links added are appended to the
    // stored bytes when it is written back: decoding and encoding the whole
    // record of every part linked to, in every chunk, was a fifth of
    // detection on the 100k runs corpus.
    struct GrowingRecord {
        std::string stored;
        PartLinks links;  // the stored ones, without evidence
        std::vector<DuplicateLink> added;
        std::size_t size() const { return links.links.size() + added.size(); }
        bool links_to(const std::string& term) const {
            return std::any_of(links.links.begin(), links.links.end(), [&](const auto& l) { return l.other == term; }) ||
                   std::any_of(added.begin(), added.end(), [&](const auto& l) { return l.other == term; });
        }
    };
    std::unordered_map<std::string, GrowingRecord> growing;
    auto grow = [&](const std::string& term) -> GrowingRecord& {
        auto [it, read] = growing.try_emplace(term);
        if (read) {
            it->second.stored = db_.get_metadata(duplicates_key(term));
            it->second.links = decode_part_links(it->second.stored);
        }
        return it->second;
    };
    auto flush_growing = [&] {
        for (const auto& [term, g] : growing) {
            if (!g.added.empty()) db_.set_metadata(duplicates_key(term), with_links_added(g.stored, g.added));
            note_links(term, g.size());
        }
        growing.clear();
        if (checkpoint) checkpoint();
    };
    // Whether a part has kMaxCopyLinks links or more.
    auto is_full = [&](const std::string& term) {
        return (full.count(term) > 0 && !growing.count(term)) || grow(term).size() >= kMaxCopyLinks;
    };

    // The old links of a changed or deleted part no longer hold. Its exact
    // copies are linked again: they may have reached each other through it.
    const std::set<std::string> was_pending(pending.begin(), pending.end());
    std::set<std::string> relink;
    for (const auto& term : was_pending) {
        touch(term, record(term).cluster);
        for (const auto& l : record(term).links) {
            touch(l.other, record(l.other).cluster);
            std::erase_if(change(l.other).links, [&](const DuplicateLink& x) { return x.other == term; });
            if (l.relation == Relation::Exact && !was_pending.count(l.other)) relink.insert(l.other);
        }
        change(term).links.clear();
    }
    pending.insert(pending.end(), relink.begin(), relink.end());
    flush();
    // Linking asks for the frequency of every band and text hash of every
    // pending part, and reads the postings of its rarer anchors and bands.
    // Past a sixteenth of the parts (a first build, a rebuild, a large
    // import), reading all shared ones in one pass costs less than looking
    // them up: no posting list longer than a part's budget is read, and
    // anchors first, each read again for every part that has it.
    const bool bulk = pending.size() * kBulkDivisor >= db_.get_doccount();
    if (bulk)
        shared_terms_ = SharedTermIndex::read(db_,
                                              {{schema::kAnchor, kAnchorPostingBudget},
                                               {schema::kBand, kMaxBandPostings},
                                               {schema::kTextHash, 0}},
                                              kMaxHeldPostings);
    // Anchor weights do not change during a run, so a part prepared once
    // stays right for the whole run.
    if (bulk && !path_.empty()) prepared_ = PreparedFingerprintFile::create(path_, db_.get_lastdocid());
    const std::vector<Xapian::docid> pending_ids = order_for_locality(pending);
    // The pending parts' terms by docid, for the links made: reading them
    // back from each document's term list was a twentieth of detection.
    pending_terms_.assign(db_.get_lastdocid() + 1, {});
    for (std::size_t i = 0; i < pending.size(); ++i)
        if (pending_ids[i] != 0 && pending_ids[i] < pending_terms_.size()) pending_terms_[pending_ids[i]] = pending[i];
    // The other threads read what the checkpoints commit, and may not add
    // to the anchor frequencies: all of them are read first.
    if (bulk && threads_ > 1 && checkpoint && !path_.empty() && read_anchor_frequencies()) {
        while (readers_.size() < threads_) {
            Reader& r = readers_.emplace_back();
            r.db = Xapian::Database(path_);
            r.slots = readers_[0].slots;
        }
        known_.set_max_bytes(static_cast<std::size_t>(static_cast<double>(cache_bytes_) * kThreadedCacheShare));
    }

    // On threads, the parts between two checkpoints are verified by the
    // other threads while this one links those before them, and then by
    // this one too (links and records are made here, in order, so they do
    // not depend on the threads).
    const bool threaded = readers_.size() > 1;
    std::unique_ptr<Batch> batch;    // verifying the chunk after `ahead`
    std::vector<Precomputed> ahead;  // pending[i - i % chunk ...]
    auto verify_chunk = [&](std::size_t begin) {
        batch.reset();
        if (begin < pending.size())
            batch = std::make_unique<Batch>(*this, pending_ids, begin, std::min(pending.size(), begin + chunk));
    };
    if (threaded) verify_chunk(0);
    for (std::size_t i = 0; i < pending.size(); ++i) {
        const std::string& term = pending[i];
        if (threaded && i % chunk == 0) {
            ahead = batch->take();
            verify_chunk(i + chunk);
        }
        Precomputed p = threaded ? std::move(ahead[i % chunk]) : verify_pending(readers_[0], pending_ids[i]);
        if (p.did != 0) {
            ++summary.parts;
            std::vector<DuplicateLink> found = link(std::move(p), term, summary.candidates);
            std::stable_sort(found.begin(), found.end(), [](const DuplicateLink& a, const DuplicateLink& b) {
                return a.similarity > b.similarity;
            });
            std::size_t kept = 0;
            for (DuplicateLink& l : found) {
                GrowingRecord& mine = grow(term);
                if (mine.links_to(l.other)) continue;  // already linked from the other side
                // Among many copies of one text each part keeps a few links,
                // to parts that have few: one is enough for the cluster, and
                // records stay small however many copies there are.
                if (l.relation != Relation::Translation && kept > 0 && (kept >= kMaxCopyLinks || is_full(l.other)))
                    continue;
                ++kept;
                GrowingRecord& theirs = grow(l.other);
                touch(l.other, theirs.links.cluster);
                DuplicateLink back{term, l.relation, l.similarity, l.evidence};
                std::swap(back.evidence.coverage_a, back.evidence.coverage_b);
                std::swap(back.evidence.specific_a, back.evidence.specific_b);
                theirs.added.push_back(std::move(back));
                mine.added.push_back(std::move(l));
                ++summary.links;
            }
        }
        if ((i + 1) % chunk == 0) flush_growing();
    }
    flush_growing();

    // Candidate lists are not symmetric, so a part can have been linked as
    // the translation of several parts: keep only a clear best.
    auto docid_of = [&](const std::string& term) -> Xapian::docid {
        const auto did = find_part(db_, term);
        return did ? *did : 0;
    };
    // How many translation links a part has, read without evidence: most
    // touched parts have none.
    auto translations_of = [&](const std::string& term) -> std::size_t {
        const auto translation = [](const auto& l) { return l.relation == Relation::Translation; };
        if (const auto it = records.find(term); it != records.end())
            return static_cast<std::size_t>(std::count_if(it->second.links.begin(), it->second.links.end(), translation));
        const PartLinks stored = read_part_links(db_, term);
        return static_cast<std::size_t>(std::count_if(stored.links.begin(), stored.links.end(), translation));
    };
    for (const auto& term : touched) {
        // Records read whole here are written back and forgotten as the
        // linking does, or a large run holds them all at once.
        if (records.size() >= chunk) flush();
        if (translations_of(term) < 2) continue;
        PartDuplicates& r = record(term);
        const Xapian::docid self = docid_of(term);
        std::vector<DuplicateLink*> translations;
        for (auto& l : r.links)
            if (l.relation == Relation::Translation && !same_file(readers_[0], self, docid_of(l.other))) translations.push_back(&l);
        if (translations.size() < 2) continue;
        std::sort(translations.begin(), translations.end(),
                  [](const DuplicateLink* a, const DuplicateLink* b) { return a->similarity > b->similarity; });
        const bool clear = translations[0]->similarity >= judge_.translation_margin * translations[1]->similarity;
        std::set<std::string> dropped;
        for (std::size_t i = clear ? 1 : 0; i < translations.size(); ++i) dropped.insert(translations[i]->other);
        changed.insert(term);
        std::erase_if(r.links, [&](const DuplicateLink& l) { return dropped.count(l.other) > 0; });
        for (const auto& other : dropped) {
            std::erase_if(change(other).links, [&](const DuplicateLink& l) { return l.other == term; });
            summary.links -= std::min<std::size_t>(summary.links, 1);
        }
    }

    // Recompute the clusters of the touched parts. Walking a cluster needs
    // only who links to whom: its records are read without their evidence,
    // one cluster at a time, and a member whose cluster changed is read
    // whole only to be written back.
    flush();
    // What linking needed is not needed any more.
    known_.clear();
    prepared_.reset();
    best_.clear();
    pending_terms_.clear();
    pending_terms_.shrink_to_fit();
    frequencies_.clear();
    frequencies_complete_ = false;
    shared_terms_ = SharedTermIndex();
    summary.threads = readers_.size();
    readers_.resize(1);
    known_.set_max_bytes(cache_bytes_);
    return_free_memory();
    // Hashed: a touched part of the 100k runs corpus walks a group of
    // 91,340 parts, and ordered sets of their terms were a tenth of a
    // reindex of 1% of the files.
    std::unordered_set<std::string> done;
    std::set<std::string> old_ids, new_ids;
    // Written back every few thousand rewrites, even inside a cluster:
    // setting a value makes Xapian rewrite all of a document's values (its
    // text among them), held in memory until the commit, and one group of
    // linked parts walked on the 100k runs corpus held 91,340 (split into
    // clusters, it is still rewritten in one go; at 30k parts, peak RSS
    // 199 -> 127 MB). Each write-back is a commit, so not every thousand.
    constexpr std::size_t kRewriteChunk = 5000;
    std::size_t rewritten = 0;
    auto rewrote = [&] {
        if (++rewritten < kRewriteChunk) return;
        flush();
        rewritten = 0;
    };
    // Parts whose collapse value changes, and to what: written after the
    // walk, in docid order. Setting one rewrites all of a document's values
    // (Xapian 1.4), and in cluster order each went to another place in the
    // value streams: on a first build of the 100k runs corpus that was a
    // quarter of detection.
    std::vector<std::pair<Xapian::docid, std::string>> collapse_values;
    // Rewrites one cluster (members sorted, `id` "" for a lone part): each
    // member's record and the cluster's record, and notes the members'
    // collapse values. The caller counts it.
    auto rewrite_cluster = [&](const std::vector<std::string>& members, const std::string& id, auto& links_of) {
        ClusterRecord cluster;
        std::map<std::string, std::size_t> index;
        for (const auto& m : members) {
            const PartLinks& r = links_of(m);
            if (!r.cluster.empty()) old_ids.insert(r.cluster);
            if (r.cluster != id) {
                const std::string key = duplicates_key(m);
                db_.set_metadata(key, with_cluster(db_.get_metadata(key), id));
                rewrote();
            }
            const auto did = find_part(db_, m);
            if (!did) continue;
            const Xapian::Document doc = db_.get_document(*did);
            if (!id.empty()) {
                PartLabel label = decode_part_label(doc.get_value(schema::kLabelSlot));
                index[m] = cluster.members.size();
                cluster.members.push_back({m, std::move(label.id), std::move(label.lang)});
            }
            if (doc.get_value(schema::kClusterSlot) != id) collapse_values.emplace_back(*did, id);
        }
        if (!id.empty()) {
            for (const auto& m : members) {
                const auto a = index.find(m);
                if (a == index.end()) continue;
                for (const auto& l : links_of(m).links) {
                    const auto b = index.find(l.other);
                    if (l.other < m || b == index.end()) continue;  // each pair once
                    cluster.links.push_back({a->second, b->second, l.relation, l.similarity});
                }
            }
            write_cluster(db_, id, cluster);
        }
    };
    // A cluster none of whose members was touched, with the members its
    // record lists, is left as it stands: a part added to a group of
    // tens of thousands of linked parts rewrote every cluster of the group
    // (at 100k parts, 4 s of a reindex of 1% of the files).
    auto unchanged = [&](const std::vector<std::string>& parts, const std::string& id, auto& links_of) {
        for (const auto& m : parts)
            if (touched.count(m) || links_of(m).cluster != id) return false;
        if (id.empty()) return true;
        std::vector<std::string> stored = read_cluster(db_, id).parts();
        std::sort(stored.begin(), stored.end());
        return stored == parts;  // both sorted
    };
    for (const auto& start : touched) {
        if (done.count(start)) continue;
        std::unordered_map<std::string, PartLinks> brief;
        auto links_of = [&](const std::string& term) -> const PartLinks& {
            auto it = brief.find(term);
            if (it == brief.end()) it = brief.emplace(term, read_part_links(db_, term)).first;
            return it->second;
        };
        // Breadth first, each level's records read in key order: records
        // of neighbouring keys share Xapian's blocks, read once for all of
        // them (in the order links lead, a 91,340-part group read a block
        // per record).
        std::vector<std::string> members, level{start};
        done.insert(start);
        while (!level.empty()) {
            std::sort(level.begin(), level.end());
            std::vector<std::string> next;
            for (std::string& t : level) {
                for (const auto& l : links_of(t).links)
                    if (done.insert(l.other).second) next.push_back(l.other);
                members.push_back(std::move(t));
            }
            level = std::move(next);
        }
        std::sort(members.begin(), members.end());
        // One cluster, or several if the group is too large to be a story.
        // Every link of a member leads to another member (the walk
        // followed them all).
        std::unordered_map<std::string_view, std::size_t> index_of;
        index_of.reserve(members.size());
        for (std::size_t i = 0; i < members.size(); ++i) index_of.emplace(members[i], i);
        std::vector<ClusterEdge> edges;
        for (std::size_t i = 0; i < members.size(); ++i)
            for (const auto& l : links_of(members[i]).links) {
                const auto b = index_of.find(l.other);
                if (b != index_of.end() && b->second > i) edges.push_back({i, b->second, l.relation, l.similarity});
            }
        for (const auto& group : split_into_clusters(members.size(), edges, kMaxClusterSize)) {
            std::vector<std::string> parts;
            parts.reserve(group.size());
            for (std::size_t i : group) parts.push_back(members[i]);
            const std::string id = parts.size() > 1 ? cluster_id(parts) : std::string();
            if (!unchanged(parts, id, links_of)) rewrite_cluster(parts, id, links_of);
            if (!id.empty()) {
                new_ids.insert(id);
                ++summary.clusters;
            }
        }
    }
    for (const auto& id : old_ids)
        if (!new_ids.count(id)) write_cluster(db_, id, {});
    std::sort(collapse_values.begin(), collapse_values.end());
    for (const auto& [did, id] : collapse_values) {
        Xapian::Document doc = db_.get_document(did);
        if (id.empty())
            doc.remove_value(schema::kClusterSlot);
        else
            doc.add_value(schema::kClusterSlot, id);
        db_.replace_document(did, doc);
        rewrote();
    }
    for (const auto& term : pending) db_.set_metadata(duplicates_pending_key(term), "");
    flush();
    return summary;
}

}  // namespace aisearch

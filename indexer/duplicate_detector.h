// Finds exact, near and translated copies among the parts of a database
// and keeps the duplicate clusters up to date as parts come and go.
//
// The indexer marks every part it adds, changes or deletes as pending, in
// the same transaction as the change; update() then links each pending
// part: candidates come from the index itself (the exact-text hash term,
// the LSH band terms, the rarest anchor terms), a RelationJudge verifies
// each, and only the clusters the pending parts touch are recomputed. An
// interrupted run leaves the marks, so the next run finishes the work.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/duplicate_fingerprint.h"
#include "common/duplicate_store.h"
#include "indexer/fingerprint_cache.h"
#include "indexer/prepared_fingerprint_file.h"
#include "indexer/shared_term_index.h"

namespace aisearch {

// Decides from the evidence whether two parts are the same article.
// Thresholds were chosen for precision on tests/eval (docs/duplicates.md).
struct RelationJudge {
    struct Verdict {
        Relation relation;
        double similarity;  // 0..1, how sure: Jaccard for near, the translation score
    };

    // Same language.
    double near_shingles = 0.5;        // near by 3-shingles alone
    double near_edited_words = 0.35;    // an edited copy: many words and
    double near_edited_shingles = 0.25; // ... a quarter of the phrasing kept
    // A rewording of the same story: many words, a little phrasing and
    // the same specific figures (pages on one topic share words, not figures).
    double near_words = 0.3;
    double near_words_shingles = 0.04;
    std::size_t near_words_figures = 3;
    // Across languages.
    std::size_t translation_anchors = 3;  // at least this many shared anchors
    double translation_length = 0.45;     // weighted length ratio at least
    double translation_score = 0.12;      // score at least
    // The two language parts of one file are the same article by the
    // file's own account: the evidence only has to not contradict it.
    double sibling_translation_score = 0.06;
    // Each side must be the other's best match and beat its second best
    // by this factor: a tie means the evidence cannot tell two apart.
    double translation_margin = 1.05;

    // `siblings`: a and b are the parts of one bilingual file.
    std::optional<Verdict> judge(const DuplicateFingerprint& a, const DuplicateFingerprint& b,
                                 const PairEvidence& e, bool siblings = false) const;
    std::optional<Verdict> judge(const PreparedFingerprint& a, const PreparedFingerprint& b,
                                 const PairEvidence& e, bool siblings = false) const;
    static double translation_score_of(const PairEvidence& e);
    // A necessary condition of judge(), from the cheap parts of the
    // evidence (text hashes, sketches, lengths, the shared anchors and
    // their weight): when false, judge() rejects the pair whatever the
    // rest of the evidence, so compare_parts() need not run.
    bool may_accept(const PreparedFingerprint& a, const PreparedFingerprint& b, bool siblings = false) const;

private:
    std::optional<Verdict> judge(bool same_language, bool same_text, const PairEvidence& e, bool siblings) const;
};

struct DuplicateSummary {
    std::size_t parts = 0;        // pending parts processed
    std::size_t candidates = 0;   // pairs verified
    std::size_t links = 0;        // relations found
    std::size_t clusters = 0;     // clusters written
    std::size_t threads = 1;      // that verified candidates
};

class DuplicateDetector {
public:
    // Bounds memory on large runs: a prepared part of LibreOffice help pages
    // takes about 1.2 KB, so this holds about 87k of them, 58k on threads
    // (see below). A part missing from the cache costs a value read, a
    // decode and its anchor weights (about 8 µs at 100k parts), or in a
    // large run, once it was prepared, a read from PreparedFingerprintFile
    // (on the 100k control, 2 million misses: 27.5 s of detection against
    // 22.7 s). Sized so a full build of the 100k runs corpus stays
    // under 300 MB: 288 MB at 100 MB (67 on two threads; 283 MB with one),
    // once the scanned paths took 29 MB less.
    static constexpr std::size_t kDefaultCacheBytes = std::size_t{100} << 20;
    // Linking on several threads, the cache gets this share of the budget:
    // each thread's allocator arena keeps its own freed memory, and on the
    // 100k runs corpus two threads with the whole 72 MB peaked 20 MB
    // higher than one (308 MB; 283 MB with 48 MB, 7% slower than 72).
    static constexpr double kThreadedCacheShare = 2.0 / 3.0;

    // `cache_bytes`: the prepared fingerprints kept for comparing; only
    // speed depends on it.
    explicit DuplicateDetector(Xapian::WritableDatabase& db, RelationJudge judge = {},
                               std::size_t cache_bytes = kDefaultCacheBytes);

    // Verifies the candidates of a large run (a first build, a rebuild) on
    // `threads` threads, the others each reading the database at `path`
    // through its own handle: what update()'s checkpoints have committed.
    // The calling thread links the parts verified before meanwhile. Without
    // a checkpoint, or for a small run, update() uses one thread. Results
    // do not depend on it.
    void use_threads(unsigned threads, std::string path);
    // Parts linked between two checkpoints (default 1000): fewer hold less
    // in memory and commit more often.
    void checkpoint_every(std::size_t parts) { chunk_parts_ = std::max<std::size_t>(1, parts); }

    // Marks a part (its Q term) as added, changed or deleted.
    static void mark_pending(Xapian::WritableDatabase& db, const std::string& part_term);
    static bool has_pending(const Xapian::Database& db);

    // Brings the relations and clusters of every pending part up to date.
    // `checkpoint` is called every checkpoint_every() parts (the indexer
    // commits there, so memory stays bounded); the pending marks are
    // cleared last, so an interrupted update is finished by the next one.
    DuplicateSummary update(const std::function<void()>& checkpoint = {});

    // The candidate parts (Q terms) for one part, as update() gathers them.
    std::vector<std::string> candidates(const std::string& part_term);

private:
    struct Verified {
        Xapian::docid did;
        PairEvidence evidence;
        RelationJudge::Verdict verdict;
        bool siblings;
    };
    struct BestTranslation {
        double score = 0;
        double second = 0;  // the runner-up's score
        Xapian::docid did = 0;
    };
    // What detection keeps of each part: facts read once per run, and
    // candidate gathering's tally for the part being linked. One entry per
    // docid, so reading a posting touches one cache line (at 100k parts,
    // cache misses on three separate arrays were a sixth of detection).
    struct PartSlot {
        std::uint32_t length = 0;  // the fingerprint's
        std::uint32_t file = 0;    // one number per file, 0 if unknown
        float anchors = 0;         // tally: summed weight of the shared anchors read
        std::uint16_t bands = 0;   // tally: LSH bands shared
        bool korean : 1 = false;
        bool seen : 1 = false;     // tally: in touched
        bool sure : 1 = false;     // tally: same text or same file
    };
    // What one thread reads the database with while linking: its own
    // handle (Xapian's are not shared between threads) and its own tally,
    // the parts' facts copied in.
    // A candidate of the other, non-sure kind, ranked (candidate_ids).
    struct RankedCandidate {
        double weight;
        double length_gap;
        Xapian::docid did;
        bool operator<(const RankedCandidate& o) const {
            return weight != o.weight ? weight > o.weight : length_gap != o.length_gap ? length_gap < o.length_gap
                                                                                        : did < o.did;
        }
    };
    struct Reader {
        Xapian::Database db;
        std::vector<PartSlot> slots;          // by docid
        std::vector<Xapian::docid> touched;   // the slots with a tally
        std::vector<Xapian::docid> postings;  // one posting list, being tallied
        std::string bytes;                    // a prepared part read back from prepared_
        // Kept from part to part: thousands of parts can share a part's
        // common anchors, and growing new lists for each part was a sixth
        // of candidate gathering's own time at 100k parts.
        std::vector<RankedCandidate> ranked[2];  // same language, other
    };
    // One pending part's candidates verified, ahead of linking it.
    struct Precomputed {
        Xapian::docid did = 0;  // 0: the part is gone
        std::vector<Verified> found;
        BestTranslation best;  // of `found`, also in best_
        std::size_t verified = 0;
    };
    // What comparing a part needs, read and prepared once per run. Shared,
    // so a part in use survives the cache being emptied. `whole`: the
    // part's fingerprint, already read.
    std::shared_ptr<const PreparedFingerprint> known(Reader& r, Xapian::docid did, const DuplicateFingerprint& whole);
    // The same for several parts, in their order, read if the cache lacks
    // them: it is locked once to find them all and once to add those read
    // (two threads contended for it on every candidate).
    std::vector<std::shared_ptr<const PreparedFingerprint>> known(Reader& r, const std::vector<Xapian::docid>& ids);
    // The prepared part from prepared_, else prepared from `whole` (read
    // from the index if null) and written there.
    std::shared_ptr<const PreparedFingerprint> prepare(Reader& r, Xapian::docid did, const DuplicateFingerprint* whole);
    static DuplicateFingerprint fingerprint_of(Reader& r, Xapian::docid did);
    // The language, length and file of every part, by docid.
    void load_part_facts();
    // Reorders `pending`; returns their docids in the new order (0: gone).
    std::vector<Xapian::docid> order_for_locality(std::vector<std::string>& pending);
    static void return_free_memory();
    // Whether two parts come from one (bilingual) file.
    static bool same_file(const Reader& r, Xapian::docid a, Xapian::docid b);
    // How many parts have the anchor, and its weight (inverse document frequency).
    Xapian::doccount anchor_frequency(Reader& r, const std::string& anchor);
    double anchor_weight(Reader& r, const std::string& anchor);
    // Every anchor's frequency at once, for threads that must not add to
    // the table; false if there are too many to hold.
    bool read_anchor_frequencies();
    // How many parts have a band or text-hash term.
    Xapian::doccount candidate_term_frequency(Reader& r, const std::string& term) const;
    std::vector<Verified> verify(Reader& r, Xapian::docid did, std::size_t& verified);
    static BestTranslation best_of(const std::vector<Verified>& found);
    BestTranslation best_translation(Reader& r, Xapian::docid did, std::size_t& verified);
    bool holds_against(Xapian::docid did, double score, const BestTranslation& best) const;
    std::vector<Xapian::docid> candidate_ids(Reader& r, Xapian::docid did, const DuplicateFingerprint& f);
    // The first other part with the same text, the one exact copy a part
    // links to (0 if none): n copies make n links, not n * candidates.
    Xapian::docid first_exact_copy(Reader& r, Xapian::docid did, const DuplicateFingerprint& f) const;
    // Verifies pending[begin, end) on the other threads' readers
    // (readers_[1...]) in the background, and on this one's in take().
    class Batch {
    public:
        Batch(DuplicateDetector& detector, const std::vector<Xapian::docid>& pending, std::size_t begin,
              std::size_t end);
        ~Batch();  // stops early
        Batch(const Batch&) = delete;
        Batch& operator=(const Batch&) = delete;
        // Verifies what is left on this thread, then waits for the whole
        // batch; rethrows what a thread threw.
        std::vector<Precomputed> take();

    private:
        void work(Reader& r);
        void join();
        DuplicateDetector& detector_;
        const std::vector<Xapian::docid>& pending_;
        std::vector<Precomputed> out_;
        const std::size_t begin_;
        std::atomic<std::size_t> next_;
        const std::size_t end_;
        std::mutex failed_mutex_;
        std::exception_ptr failed_;
        std::vector<std::thread> threads_;
    };
    Precomputed verify_pending(Reader& r, Xapian::docid did);
    std::vector<DuplicateLink> link(Precomputed&& p, const std::string& term, std::size_t& verified);

    Xapian::WritableDatabase& db_;
    RelationJudge judge_;
    // Anchor frequencies by a 64-bit hash of the anchor, in one flat array:
    // at 100k parts, a map keyed by the strings spent a tenth of detection
    // hashing, chasing pointers and comparing.
    class FrequencyTable {
    public:
        const Xapian::doccount* find(std::uint64_t key) const;
        void insert(std::uint64_t key, Xapian::doccount frequency);
        void clear();
        std::size_t size() const { return used_; }

    private:
        std::size_t slot_of(std::uint64_t key) const;
        std::vector<std::pair<std::uint64_t, Xapian::doccount>> slots_;  // key 0: empty
        std::size_t used_ = 0;
    };
    FrequencyTable frequencies_;
    bool frequencies_complete_ = false;  // every anchor term read: a miss is a frequency of 0
    Xapian::doccount doccount_ = 0;      // for the whole update
    // Read when a run links many parts (see update()); otherwise empty, and
    // each frequency and posting list is looked up in the index.
    SharedTermIndex shared_terms_;
    std::unordered_map<Xapian::docid, BestTranslation> best_;  // per part, for this run
    std::vector<std::string_view> pending_terms_;  // by docid, into update()'s list, while linking
    std::mutex best_mutex_;
    // Prepared parts, the least recently used dropped first: a part
    // compared with many others stays.
    FingerprintCache known_;
    std::size_t cache_bytes_;
    std::mutex known_mutex_;
    // Every part prepared in a large run, for what the cache drops; null
    // otherwise, or if the database's directory cannot hold it.
    std::unique_ptr<PreparedFingerprintFile> prepared_;
    // readers_[0] is this thread's, on db_; update() opens the others
    // (see use_threads()) for a large run, and closes them after linking.
    std::vector<Reader> readers_;
    unsigned threads_ = 1;
    std::size_t chunk_parts_ = 1000;
    std::string path_;
    // The parts of each file, by file number: file_parts_[file_start_[n]]
    // up to file_parts_[file_start_[n + 1]].
    std::vector<std::uint32_t> file_start_;
    std::vector<Xapian::docid> file_parts_;
};

}  // namespace aisearch

// dups_bench: how well and how fast duplicate detection finds its
// candidates, on a database aisearch-index has already built (see
// dups_bench.sh and README.md).
//
//   dups_bench DB [--max-parts N] [--sample K [--all-candidates]] [--planted planted.tsv]
//              [--json FILE] [--pairs FILE] [--stats-only]
//
// (a) exhaustive: every pair of parts is compared (compare_parts with the
//     index's anchor idf) and judged by the default RelationJudge: the
//     pairs detection should find. Quadratic, so only when the database
//     has at most --max-parts parts (default 2,000: the 1k set); above
//     that, --sample K compares K random parts with every other part
//     instead (K x parts pairs), an estimate of the same recall, and
//     (b) then only runs for the parts that recall needs, unless
//     --all-candidates.
// (b) candidates: DuplicateDetector::candidates() for every part, the
//     pairs update() would verify. Candidate recall = accepted pairs that
//     are candidates / accepted pairs, "full build" when either part's
//     candidates may name the other (update() links every pending part),
//     "incremental" when the pair must be found from the new part's side
//     (every accepted pair counted once per direction).
// (c) the indexer's links (the dup: records): accepted pairs it linked.
// (d) with --planted (make_mixed_corpus.py's planted.tsv): per kind of
//     planted pair, how many are judged duplicates, are candidates and
//     were linked; works at any size.
// It also recounts the postings candidate gathering reads per part, to
// show where the time goes as the database grows (--stats-only: only
// that and (c), cheap on any size). --pairs FILE writes
// every accepted pair (a, b, relation, similarity, candidate, linked, and
// the evidence), to look at what is judged a duplicate and what is missed.
//
// The database is opened as a WritableDatabase, as DuplicateDetector
// requires, but nothing is written: candidates() only reads, and the
// revision is checked at the end.
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/duplicate_fingerprint.h"
#include "common/duplicate_store.h"
#include "common/part_document.h"
#include "common/schema.h"
#include "indexer/duplicate_detector.h"

namespace {

using aisearch::DuplicateFingerprint;
using aisearch::Relation;
using Clock = std::chrono::steady_clock;
using Pair = std::pair<std::uint32_t, std::uint32_t>;  // part indexes, first < second

// Mirrors the caps in indexer/duplicate_detector.cc (candidate_ids), to
// count the postings candidate gathering reads; keep them in step.
constexpr Xapian::doccount kMaxExactPostings = 100;
constexpr Xapian::doccount kMaxBandPostings = 500;
constexpr Xapian::doccount kMinAnchorCap = 200;  // max(this, parts / kAnchorCapDivisor)
constexpr Xapian::doccount kAnchorCapDivisor = 50;
constexpr Xapian::doccount kAnchorPostingBudget = 4000;
constexpr std::size_t kAnchorsQueried = 30;
constexpr std::size_t kMinAnchorsQueried = 8;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Stage names on stderr, so a long run on a large database shows where it is.
const Clock::time_point kStart = Clock::now();
void progress(const std::string& what) {
    std::fprintf(stderr, "dups_bench: %7.1f s: %s\n", seconds_since(kStart), what.c_str());
}

Pair ordered(std::uint32_t a, std::uint32_t b) { return a < b ? Pair{a, b} : Pair{b, a}; }

struct PairHash {
    std::size_t operator()(const Pair& p) const { return (std::size_t(p.first) << 32) ^ p.second; }
};

struct Part {
    Xapian::docid did;
    std::string term;
    DuplicateFingerprint fp;
    std::string document;  // its F term: the parts of one file are siblings
};

// A part's document term (F...), as the detector reads it; "" if none.
std::string document_term_of(const Xapian::Document& doc) {
    const std::string prefix(aisearch::schema::kDocumentId);
    auto it = doc.termlist_begin();
    it.skip_to(prefix);
    if (it == doc.termlist_end() || (*it).rfind(prefix, 0) != 0) return {};
    return *it;
}

int usage() {
    std::cerr << "usage: dups_bench DB [--max-parts N] [--sample K [--all-candidates]]\n"
                 "                  [--planted planted.tsv] [--json FILE] [--pairs FILE] [--stats-only]\n";
    return 2;
}

const char* kRelations[] = {"exact", "near", "translation"};
int rel_index(Relation r) { return r == Relation::Exact ? 0 : r == Relation::Near ? 1 : 2; }

double pct(std::size_t a, std::size_t b) { return b ? 100.0 * double(a) / double(b) : 0.0; }

struct Distribution {
    double mean = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
};
template <class T>
Distribution distribution(std::vector<T> v) {
    Distribution d;
    if (v.empty()) return d;
    std::sort(v.begin(), v.end());
    double sum = 0;
    for (auto x : v) sum += double(x);
    auto at = [&](double q) { return double(v[std::min(v.size() - 1, std::size_t(q * double(v.size())))]); };
    d.mean = sum / double(v.size());
    d.p50 = at(0.5);
    d.p90 = at(0.9);
    d.p99 = at(0.99);
    d.max = double(v.back());
    return d;
}
nlohmann::json to_json(const Distribution& d) {
    return {{"mean", d.mean}, {"p50", d.p50}, {"p90", d.p90}, {"p99", d.p99}, {"max", d.max}};
}
void print_distribution(const char* what, const Distribution& d, const char* unit = "") {
    std::printf("  %-34s mean %8.1f%s  p50 %7.0f  p90 %7.0f  p99 %7.0f  max %7.0f\n", what, d.mean, unit, d.p50,
                d.p90, d.p99, d.max);
}

}  // namespace

int main(int argc, char** argv) {
    std::string db_path, planted_path, json_path, pairs_path;
    std::size_t max_parts = 2000, sample = 0;
    bool all_candidates = false, stats_only = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::exit(usage());
            }
            return argv[++i];
        };
        if (a == "--max-parts") max_parts = std::stoul(value());
        else if (a == "--sample") sample = std::stoul(value());
        else if (a == "--all-candidates") all_candidates = true;
        else if (a == "--stats-only") stats_only = true;
        else if (a == "--planted") planted_path = value();
        else if (a == "--json") json_path = value();
        else if (a == "--pairs") pairs_path = value();
        else if (a == "-h" || a == "--help") return usage(), 0;
        else if (!a.empty() && a[0] == '-') return usage();
        else if (db_path.empty()) db_path = a;
        else return usage();
    }
    if (db_path.empty()) return usage();

    nlohmann::json out;
    try {
        Xapian::WritableDatabase db(db_path, Xapian::DB_OPEN);
        const Xapian::rev revision = db.get_revision();

        // Parts and their fingerprints.
        auto t0 = Clock::now();
        std::vector<Part> parts;
        std::unordered_map<std::string, std::uint32_t> index_of;  // part term -> index
        std::size_t unreadable = 0;
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            const Xapian::Document doc = db.get_document(*it);
            try {
                Part p{*it, aisearch::part_term_of(doc),
                       DuplicateFingerprint::decode(doc.get_value(aisearch::schema::kFingerprintSlot)),
                       document_term_of(doc)};
                index_of.emplace(p.term, std::uint32_t(parts.size()));
                parts.push_back(std::move(p));
            } catch (const Xapian::Error&) {
                ++unreadable;
            }
        }
        const double load_s = seconds_since(t0);
        const std::size_t n = parts.size();
        std::size_t n_ko = 0;
        for (const auto& p : parts) n_ko += p.fp.lang == "ko";
        std::printf("dups_bench %s\n", db_path.c_str());
        std::printf("parts: %zu (ko %zu, en %zu)%s; fingerprints read in %.2f s\n", n, n_ko, n - n_ko,
                    unreadable ? (", " + std::to_string(unreadable) + " without a fingerprint").c_str() : "",
                    load_s);
        out["db"] = db_path;
        out["parts"] = n;
        out["parts_ko"] = n_ko;
        out["parts_without_fingerprint"] = unreadable;

        // The anchor weight, as DuplicateDetector::anchor_weight computes it.
        std::unordered_map<std::string, double> weights;
        const double doccount = db.get_doccount();
        auto weight = [&](const std::string& anchor) {
            const auto it = weights.find(anchor);
            if (it != weights.end()) return it->second;
            const double tf = std::max<Xapian::doccount>(
                1, db.get_termfreq(aisearch::schema::boolean_term(aisearch::schema::kAnchor, anchor)));
            return weights.emplace(anchor, std::log((doccount + 1) / tf)).first->second;
        };
        const aisearch::RelationJudge judge;
        // The two language parts of one file, judged with the sibling
        // threshold, as the detector does.
        auto siblings = [](const Part& a, const Part& b) { return !a.document.empty() && a.document == b.document; };
        auto judged = [&](const Part& a, const Part& b) {
            return judge.judge(a.fp, b.fp, aisearch::compare_parts(a.fp, b.fp, weight), siblings(a, b));
        };

        // Planted pairs (make_mixed_corpus.py's planted.tsv), as part indexes.
        struct Planted {
            std::string kind;
            long a = -1, b = -1;  // -1: the file's part is not in the database
        };
        std::vector<Planted> planted;
        if (!planted_path.empty()) {
            std::ifstream in(planted_path);
            if (!in) throw std::runtime_error("cannot read " + planted_path);
            // A file's part: "Q" + path, or "Q" + path + "#" + lang when the
            // file has two languages.
            auto find = [&](const std::string& path, const std::string& lang) -> long {
                for (const std::string& t : {"Q" + path + "#" + lang, "Q" + path}) {
                    const auto it = index_of.find(t);
                    if (it != index_of.end() && parts[it->second].fp.lang == lang) return long(it->second);
                }
                return -1;
            };
            std::string line;
            while (std::getline(in, line)) {
                if (line.empty() || line[0] == '#') continue;
                std::vector<std::string> f;
                std::size_t s = 0;
                for (std::size_t e; (e = line.find('\t', s)) != std::string::npos; s = e + 1) f.push_back(line.substr(s, e - s));
                f.push_back(line.substr(s));
                if (f.size() != 5) continue;
                planted.push_back({f[0], find(f[1], f[2]), find(f[3], f[4])});
            }
        }

        progress("parts read; comparing pairs");
        // (a) Exhaustive pairs: all of them, or those of a sample of parts.
        std::unordered_map<Pair, Relation, PairHash> accepted;
        // Translations between parts of different files, with their score:
        // the indexer keeps only those that pair one to one.
        std::unordered_map<Pair, double, PairHash> translation_scores;
        std::vector<std::uint32_t> rows;  // the parts compared with every other part
        const bool all_pairs = !stats_only && n <= max_parts;
        if (all_pairs) {
            for (std::uint32_t i = 0; i < n; ++i) rows.push_back(i);
        } else if (!stats_only && sample > 0) {
            std::vector<std::uint32_t> order(n);
            for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
            std::mt19937 rng(12345);  // the same sample on the same database
            std::shuffle(order.begin(), order.end(), rng);
            order.resize(std::min(sample, n));
            std::sort(order.begin(), order.end());
            rows = std::move(order);
        }
        const bool exhaustive = !rows.empty();
        std::vector<bool> is_row(n, false);
        for (auto i : rows) is_row[i] = true;
        // A pair the exhaustive stage judged.
        auto in_scope = [&](const Pair& p) { return is_row[p.first] || is_row[p.second]; };
        std::size_t compared = 0, asymmetric = 0, pairs_judged = 0;
        std::size_t by_relation[3] = {0, 0, 0};
        if (exhaustive) {
            t0 = Clock::now();
            for (std::uint32_t i : rows) {
                for (std::uint32_t j = 0; j < n; ++j) {
                    if (j == i || (is_row[j] && j < i)) continue;  // each pair once
                    if (all_pairs && j < i) continue;
                    // Both directions: update() judges a pair from the side
                    // of the part it is linking, and the evidence need not
                    // be symmetric (anchor order, "in a's order").
                    const auto ab = judged(parts[i], parts[j]);
                    const auto ba = judged(parts[j], parts[i]);
                    compared += 2;
                    ++pairs_judged;
                    if (bool(ab) != bool(ba) || (ab && ba && ab->relation != ba->relation)) ++asymmetric;
                    const auto& v = ab ? ab : ba;
                    if (v) {
                        accepted.emplace(ordered(i, j), v->relation);
                        if (v->relation == Relation::Translation && !siblings(parts[i], parts[j]))
                            translation_scores.emplace(ordered(i, j), v->similarity);
                        ++by_relation[rel_index(v->relation)];
                    }
                }
            }
            const double s = seconds_since(t0);
            if (all_pairs)
                std::printf("\n(a) exhaustive: all %zu pairs, %zu comparisons (both directions) in %.2f s, %.2f us each\n",
                            pairs_judged, compared, s, compared ? 1e6 * s / double(compared) : 0.0);
            else
                std::printf("\n(a) sampled exhaustive: %zu random parts x all parts = %zu pairs, %zu comparisons"
                            " (both directions) in %.2f s, %.2f us each\n",
                            rows.size(), pairs_judged, compared, s, compared ? 1e6 * s / double(compared) : 0.0);
            std::printf("  accepted pairs: %zu  (exact %zu, near %zu, translation %zu)\n", accepted.size(),
                        by_relation[0], by_relation[1], by_relation[2]);
            std::printf("  judged differently in the two directions: %zu pairs\n", asymmetric);
            out["exhaustive"] = {{"mode", all_pairs ? "all" : "sample"},
                                 {"sampled_parts", all_pairs ? 0 : rows.size()},
                                 {"pairs", pairs_judged},
                                 {"comparisons", compared},
                                 {"seconds", s},
                                 {"us_per_comparison", compared ? 1e6 * s / double(compared) : 0.0},
                                 {"accepted", accepted.size()},
                                 {"accepted_by_relation",
                                  {{"exact", by_relation[0]}, {"near", by_relation[1]}, {"translation", by_relation[2]}}},
                                 {"asymmetric_pairs", asymmetric}};
        } else if (stats_only) {
            std::printf("\n(a), (b): skipped (--stats-only)\n");
            out["exhaustive"] = nullptr;
        } else {
            std::printf("\n(a) exhaustive: skipped, %zu parts > --max-parts %zu (quadratic: %zu pairs); "
                        "--sample K estimates it\n",
                        n, max_parts, n * (n - 1) / 2);
            out["exhaustive"] = nullptr;
        }

        // (b) Candidates, as update() gathers them: for every part, or with
        // a sample for the sampled parts, the other part of each accepted
        // pair and the planted parts (all recall needs).
        std::vector<bool> needed(n, !stats_only && (all_pairs || !exhaustive || all_candidates));
        if (!stats_only && !needed.empty() && !needed[0]) {
            for (auto i : rows) needed[i] = true;
            for (const auto& [p, r] : accepted) needed[p.first] = needed[p.second] = true;
            for (const auto& p : planted)
                if (p.a >= 0 && p.b >= 0) needed[std::size_t(p.a)] = needed[std::size_t(p.b)] = true;
        }
        std::size_t n_needed = 0;
        for (bool x : needed) n_needed += x;
        progress("candidates() for " + std::to_string(n_needed) + " parts");
        aisearch::DuplicateDetector detector(db);
        std::vector<std::vector<std::uint32_t>> cands(n);
        std::vector<std::size_t> cand_counts;
        std::vector<double> cand_us;
        cand_counts.reserve(n);
        cand_us.reserve(n);
        std::size_t unknown_candidates = 0;
        t0 = Clock::now();
        for (std::uint32_t i = 0; i < n; ++i) {
            if (!needed[i]) continue;
            const auto t = Clock::now();
            const auto terms = detector.candidates(parts[i].term);
            cand_us.push_back(1e6 * seconds_since(t));
            cand_counts.push_back(terms.size());
            for (const auto& c : terms) {
                const auto it = index_of.find(c);
                if (it == index_of.end()) ++unknown_candidates;
                else cands[i].push_back(it->second);
            }
            std::sort(cands[i].begin(), cands[i].end());
        }
        const double cand_s = seconds_since(t0);
        std::unordered_set<Pair, PairHash> cand_pairs;
        for (std::uint32_t i = 0; i < n; ++i)
            for (auto j : cands[i])
                if (j != i) cand_pairs.insert(ordered(i, j));
        const bool every_part = n_needed == n;
        auto is_candidate_of = [&](std::uint32_t a, std::uint32_t b) {
            return std::binary_search(cands[a].begin(), cands[a].end(), b);
        };
        const Distribution cd = distribution(cand_counts), cu = distribution(cand_us);
        if (n_needed > 0) {
            if (every_part)
                std::printf("\n(b) candidates() for every part: %.2f s, %.1f us per part\n", cand_s,
                            n ? 1e6 * cand_s / double(n) : 0.0);
            else
                std::printf("\n(b) candidates() for %zu parts (the sampled ones, their accepted partners, the planted):"
                            " %.2f s, %.1f us per part\n",
                            n_needed, cand_s, n_needed ? 1e6 * cand_s / double(n_needed) : 0.0);
            print_distribution("candidates per part", cd);
            print_distribution("time per part (us)", cu);
            std::printf("  distinct candidate pairs%s: %zu%s\n", every_part ? "" : " of these parts", cand_pairs.size(),
                        unknown_candidates ? (" (" + std::to_string(unknown_candidates) + " unknown terms)").c_str() : "");
            // Where the time of one part goes: candidates() is the gathering
            // plus a part-term lookup per candidate (which update() does only
            // for the accepted ones); update() then verifies every candidate:
            // reads its fingerprint, compare_parts, judge. Both replayed here
            // on the same candidates (warm caches; noisy on a busy machine).
            progress("replaying verification");
            std::size_t replayed = 0, replay_accepted = 0;
            t0 = Clock::now();
            for (std::uint32_t i = 0; i < n; ++i)
                for (auto c : cands[i]) {
                    const Xapian::Document doc = db.get_document(parts[c].did);
                    const auto other = DuplicateFingerprint::decode(doc.get_value(aisearch::schema::kFingerprintSlot));
                    const auto e = aisearch::compare_parts(parts[i].fp, other, weight);
                    replay_accepted += bool(judge.judge(parts[i].fp, other, e, siblings(parts[i], parts[c])));
                    ++replayed;
                }
            const double verify_s = seconds_since(t0);
            t0 = Clock::now();
            std::size_t term_bytes = 0;
            for (std::uint32_t i = 0; i < n; ++i)
                for (auto c : cands[i]) term_bytes += aisearch::part_term_of(db.get_document(parts[c].did)).size();
            const double term_s = seconds_since(t0);
            const double per = n_needed ? 1e6 / double(n_needed) : 0.0;
            std::printf("  time per part, replayed: verification %.0f us (%.1f us per candidate: document, fingerprint,\n"
                        "  compare_parts, judge); part-term lookups %.0f us (in candidates(), not in update())\n",
                        verify_s * per, replayed ? 1e6 * verify_s / double(replayed) : 0.0, term_s * per);
            out["time_per_part_us"] = {{"candidates_call", cand_s * per},
                                       {"term_lookups", term_s * per},
                                       {"verification", verify_s * per},
                                       {"verification_per_candidate", replayed ? 1e6 * verify_s / double(replayed) : 0.0},
                                       {"verified", replayed},
                                       {"verified_accepted", replay_accepted},
                                       {"term_bytes", term_bytes}};
            out["candidates"] = {{"parts", n_needed},
                                 {"seconds", cand_s},
                                 {"us_per_part", n_needed ? 1e6 * cand_s / double(n_needed) : 0.0},
                                 {"per_part", to_json(cd)},
                                 {"us_distribution", to_json(cu)},
                                 {"distinct_pairs", cand_pairs.size()}};
        }

        progress("counting postings");
        // Where gathering spends its reads: postings per part and kind,
        // recounted with the detector's caps.
        {
            std::vector<std::size_t> exact_p, band_p, anchor_p, total_p, anchors_n, anchor_lookups;
            std::size_t bands_over_cap = 0, bands_total = 0, anchors_over_cap = 0, anchors_unique = 0,
                        anchors_cut = 0;
            const Xapian::doccount anchor_cap =
                std::max<Xapian::doccount>(kMinAnchorCap, db.get_doccount() / kAnchorCapDivisor);
            for (const auto& p : parts) {
                const auto& f = p.fp;
                std::size_t e = 0, b = 0, a = 0;
                if (!f.text_hash.empty()) {
                    const auto tf = db.get_termfreq(aisearch::schema::boolean_term(aisearch::schema::kTextHash, f.text_hash));
                    if (tf <= kMaxExactPostings) e = tf;
                }
                for (std::size_t band = 0; band < f.band_keys.size(); ++band) {
                    const auto tf = db.get_termfreq(aisearch::band_term(band, f.band_keys[band]));
                    ++bands_total;
                    if (tf <= kMaxBandPostings) b += tf;
                    else ++bands_over_cap;
                }
                std::vector<Xapian::doccount> rare;
                for (const auto& x : f.anchors) {
                    const auto tf = db.get_termfreq(aisearch::schema::boolean_term(aisearch::schema::kAnchor, x));
                    if (tf <= 1) ++anchors_unique;
                    else rare.push_back(tf);
                }
                std::sort(rare.begin(), rare.end());
                // As candidate_ids reads them: rarest first, within the
                // budget, over the cap only among the rarest few.
                Xapian::doccount budget = kAnchorPostingBudget;
                std::size_t i = 0;
                for (; i < rare.size() && i < kAnchorsQueried && rare[i] <= budget; ++i) {
                    if (rare[i] > anchor_cap && i >= kMinAnchorsQueried) break;
                    budget -= rare[i];
                    a += rare[i];
                    anchors_over_cap += rare[i] > anchor_cap;
                }
                anchors_cut += rare.size() - i;
                exact_p.push_back(e);
                band_p.push_back(b);
                anchor_p.push_back(a);
                total_p.push_back(e + b + a);
                anchors_n.push_back(f.anchors.size());
                anchor_lookups.push_back(f.anchors.size() + f.band_keys.size() + 1);
            }
            std::printf("\n  postings read per part by candidate gathering (caps: XH %u, XB %u; XA: the %zu rarest anchors\n"
                        "  within %u postings, over %u parts only the rarest %zu):\n",
                        kMaxExactPostings, kMaxBandPostings, kAnchorsQueried, kAnchorPostingBudget, anchor_cap,
                        kMinAnchorsQueried);
            const Distribution de = distribution(exact_p), db_ = distribution(band_p), da = distribution(anchor_p),
                               dt = distribution(total_p), dn = distribution(anchors_n),
                               dl = distribution(anchor_lookups);
            print_distribution("XH exact-hash postings", de);
            print_distribution("XB band postings", db_);
            print_distribution("XA anchor postings", da);
            print_distribution("all postings", dt);
            print_distribution("anchors per part", dn);
            print_distribution("termfreq lookups per part", dl);
            std::printf("  bands over the cap: %zu of %zu; anchors: %zu unique, %zu read over the cap, %zu not read\n",
                        bands_over_cap, bands_total, anchors_unique, anchors_over_cap, anchors_cut);
            out["postings"] = {{"exact", to_json(de)},
                               {"band", to_json(db_)},
                               {"anchor", to_json(da)},
                               {"total", to_json(dt)},
                               {"anchors_per_part", to_json(dn)},
                               {"termfreq_lookups_per_part", to_json(dl)},
                               {"bands_over_cap", bands_over_cap},
                               {"bands", bands_total},
                               {"anchors_unique", anchors_unique},
                               {"anchor_cap", anchor_cap},
                               {"anchors_read_over_cap", anchors_over_cap},
                               {"anchors_not_read", anchors_cut}};
        }

        // The indexer's links, read from the dup: records; each pair should
        // be recorded on both sides.
        progress("reading the indexer's links");
        std::unordered_set<Pair, PairHash> linked;
        std::size_t links_by_relation[3] = {0, 0, 0}, one_sided_links = 0;
        {
            std::unordered_map<Pair, std::uint8_t, PairHash> sides;
            for (std::uint32_t i = 0; i < n; ++i) {
                for (const auto& l : aisearch::read_part_links(db, parts[i].term).links) {
                    const auto it = index_of.find(l.other);
                    if (it == index_of.end()) continue;
                    const Pair p = ordered(i, it->second);
                    if (++sides[p] == 1) ++links_by_relation[rel_index(l.relation)];
                }
            }
            linked.reserve(sides.size());
            for (const auto& [p, k] : sides) {
                linked.insert(p);
                one_sided_links += k == 1;
            }
        }
        std::printf("\n(c) indexer links (dup: records): %zu pairs (exact %zu, near %zu, translation %zu)%s\n",
                    linked.size(), links_by_relation[0], links_by_relation[1], links_by_relation[2],
                    one_sided_links ? (", " + std::to_string(one_sided_links) + " recorded on one side only").c_str() : "");
        out["links"] = {{"pairs", linked.size()},
                        {"by_relation",
                         {{"exact", links_by_relation[0]}, {"near", links_by_relation[1]}, {"translation", links_by_relation[2]}}},
                        {"one_sided", one_sided_links}};

        if (exhaustive) {
            std::size_t hit_full[3] = {0, 0, 0}, hit_incr[3] = {0, 0, 0}, hit_link[3] = {0, 0, 0};
            for (const auto& [p, r] : accepted) {
                const int k = rel_index(r);
                hit_full[k] += is_candidate_of(p.first, p.second) || is_candidate_of(p.second, p.first);
                hit_incr[k] += is_candidate_of(p.first, p.second) + is_candidate_of(p.second, p.first);
                hit_link[k] += linked.count(p);
            }
            // Precision: the share of the (part, candidate) pairs update()
            // verifies that are accepted, over the parts compared with all.
            std::size_t links_not_accepted = 0, cand_in_scope = 0, cand_accepted = 0;
            for (const auto& p : linked) links_not_accepted += in_scope(p) && !accepted.count(p);
            for (auto i : rows)
                for (auto c : cands[i]) {
                    ++cand_in_scope;
                    cand_accepted += accepted.count(ordered(i, c));
                }
            auto sum = [](const std::size_t* v) { return v[0] + v[1] + v[2]; };
            const std::size_t total = accepted.size();
            std::printf("\n  candidate recall = accepted pairs among the candidates / accepted pairs%s\n",
                        all_pairs ? "" : " (pairs of the sampled parts)");
            std::printf("  %-16s %9s %22s %26s %22s\n", "relation", "accepted", "full build (either side)",
                        "incremental (each side)", "linked by the indexer");
            auto row = [&](const char* name, std::size_t acc, std::size_t full, std::size_t incr, std::size_t link) {
                std::printf("  %-16s %9zu %14zu %6.1f%% %18zu %6.1f%% %14zu %6.1f%%\n", name, acc, full, pct(full, acc),
                            incr, pct(incr, 2 * acc), link, pct(link, acc));
            };
            nlohmann::json recall;
            for (int k = 0; k < 3; ++k) {
                row(kRelations[k], by_relation[k], hit_full[k], hit_incr[k], hit_link[k]);
                recall[kRelations[k]] = {{"accepted", by_relation[k]},
                                         {"candidate_recall", pct(hit_full[k], by_relation[k]) / 100},
                                         {"incremental_recall", pct(hit_incr[k], 2 * by_relation[k]) / 100},
                                         {"linked_recall", pct(hit_link[k], by_relation[k]) / 100}};
            }
            row("all", total, sum(hit_full), sum(hit_incr), sum(hit_link));
            recall["all"] = {{"accepted", total},
                             {"candidate_recall", pct(sum(hit_full), total) / 100},
                             {"incremental_recall", pct(sum(hit_incr), 2 * total) / 100},
                             {"linked_recall", pct(sum(hit_link), total) / 100}};
            // The judge alone accepts translations between unrelated pages
            // that share a few common names; the indexer then keeps a
            // translation only if each side is the other's clear best
            // (RelationJudge::translation_margin). Applied here to the
            // exhaustive comparison, that gives the translations a
            // detector that compared every pair would link: the recall
            // the candidates need. Only when every pair was compared.
            if (all_pairs) {
                struct Best {
                    double score = 0, second = 0;
                    std::uint32_t other = 0;
                };
                std::vector<Best> best(n);
                auto offer = [&](std::uint32_t a, std::uint32_t b, double s) {
                    Best& x = best[a];
                    if (s > x.score) {
                        x.second = x.score;
                        x.score = s;
                        x.other = b;
                    } else {
                        x.second = std::max(x.second, s);
                    }
                };
                for (const auto& [p, s] : translation_scores) {
                    offer(p.first, p.second, s);
                    offer(p.second, p.first, s);
                }
                auto clear_best = [&](std::uint32_t a, std::uint32_t b) {
                    return best[a].other == b && best[a].score >= judge.translation_margin * best[a].second;
                };
                std::size_t pairs = 0, full = 0, incr = 0, link = 0;
                for (const auto& [p, r] : accepted) {
                    if (r != Relation::Translation) continue;
                    if (translation_scores.count(p) && !(clear_best(p.first, p.second) && clear_best(p.second, p.first)))
                        continue;
                    ++pairs;
                    full += is_candidate_of(p.first, p.second) || is_candidate_of(p.second, p.first);
                    incr += is_candidate_of(p.first, p.second) + is_candidate_of(p.second, p.first);
                    link += linked.count(p);
                }
                row("translation 1:1", pairs, full, incr, link);
                const std::size_t same = by_relation[0] + by_relation[1];
                const std::size_t same_full = hit_full[0] + hit_full[1], same_incr = hit_incr[0] + hit_incr[1],
                                  same_link = hit_link[0] + hit_link[1];
                row("all, 1:1", same + pairs, same_full + full, same_incr + incr, same_link + link);
                recall["translation_one_to_one"] = {{"accepted", pairs},
                                                    {"candidate_recall", pct(full, pairs) / 100},
                                                    {"incremental_recall", pct(incr, 2 * pairs) / 100},
                                                    {"linked_recall", pct(link, pairs) / 100}};
                recall["all_one_to_one"] = {{"accepted", same + pairs},
                                            {"candidate_recall", pct(same_full + full, same + pairs) / 100},
                                            {"incremental_recall", pct(same_incr + incr, 2 * (same + pairs)) / 100},
                                            {"linked_recall", pct(same_link + link, same + pairs) / 100}};
                std::printf("  (1:1: translations between files kept only where each side is the other's best by %.0f%%,\n"
                            "   as the indexer pairs them; the translations of a file's own two parts all count)\n",
                            100 * (judge.translation_margin - 1));
            }
            std::printf("  candidates that are accepted: %zu of %zu verified (%.1f%%); links the exhaustive judge rejects: %zu\n",
                        cand_accepted, cand_in_scope, pct(cand_accepted, cand_in_scope), links_not_accepted);
            recall["candidate_precision"] = pct(cand_accepted, cand_in_scope) / 100;
            recall["links_not_accepted"] = links_not_accepted;

            // How many LSH bands the pairs share: candidates sharing one
            // band are mostly chance collisions of the 3-row bands, and
            // their number grows with the database.
            auto shared_bands = [&](std::uint32_t a, std::uint32_t b) {
                const auto& x = parts[a].fp.band_keys;
                const auto& y = parts[b].fp.band_keys;
                std::size_t k = 0;
                for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) k += x[i] == y[i];
                return k;
            };
            auto bucket = [](std::size_t k) { return k >= 6 ? 4 : k >= 3 ? 3 : int(k); };
            std::size_t rejected_h[5] = {}, accepted_h[5] = {}, same_lang_h[5] = {};
            for (auto i : rows)
                for (auto c : cands[i]) {
                    const int b = bucket(shared_bands(i, c));
                    ++(accepted.count(ordered(i, c)) ? accepted_h : rejected_h)[b];
                }
            for (const auto& [p, r] : accepted)
                if (r != Relation::Translation) ++same_lang_h[bucket(shared_bands(p.first, p.second))];
            std::printf("  LSH bands shared (of %zu)            0        1        2      3-5       6+\n",
                        DuplicateFingerprint::kBands);
            auto hrow = [](const char* name, const std::size_t* h) {
                std::printf("  %-30s %8zu %8zu %8zu %8zu %8zu\n", name, h[0], h[1], h[2], h[3], h[4]);
            };
            hrow("verified, rejected", rejected_h);
            hrow("verified, accepted", accepted_h);
            hrow("accepted exact/near pairs", same_lang_h);
            auto h = [](const std::size_t* v) { return nlohmann::json::array({v[0], v[1], v[2], v[3], v[4]}); };
            recall["shared_bands"] = {{"buckets", {"0", "1", "2", "3-5", "6+"}},
                                      {"verified_rejected", h(rejected_h)},
                                      {"verified_accepted", h(accepted_h)},
                                      {"accepted_same_language", h(same_lang_h)}};
            out["recall"] = recall;
        }

        if (!pairs_path.empty()) {
            std::ofstream f(pairs_path);
            f << "part_a\tpart_b\trelation\tsimilarity\tcandidate\tlinked\tshared_figures\tshared_names"
                 "\tcoverage_a\tcoverage_b\torder\tlength_ratio\tword_jaccard\tshingle_jaccard\n";
            std::vector<Pair> sorted;
            for (const auto& [p, r] : accepted) sorted.push_back(p);
            std::sort(sorted.begin(), sorted.end());
            auto join = [](const std::vector<std::string>& v) {
                std::string s;
                for (const auto& x : v) s += (s.empty() ? "" : " | ") + x;
                return s;
            };
            for (const auto& [i, j] : sorted) {
                const auto& a = parts[i];
                const auto& b = parts[j];
                auto e = aisearch::compare_parts(a.fp, b.fp, weight);
                auto v = judge.judge(a.fp, b.fp, e, siblings(a, b));
                if (!v) {
                    e = aisearch::compare_parts(b.fp, a.fp, weight);
                    v = judge.judge(b.fp, a.fp, e, siblings(a, b));
                }
                f << a.term << '\t' << b.term << '\t' << relation_name(v->relation) << '\t' << v->similarity << '\t'
                  << (is_candidate_of(i, j) || is_candidate_of(j, i)) << '\t' << linked.count({i, j}) << '\t'
                  << join(e.shared_figures) << '\t' << join(e.shared_names) << '\t' << e.coverage_a << '\t'
                  << e.coverage_b << '\t' << e.order << '\t' << e.length_ratio << '\t' << e.word_jaccard << '\t'
                  << e.shingle_jaccard << '\n';
            }
            if (!f) throw std::runtime_error("cannot write " + pairs_path);
        }

        // (d) Planted pairs.
        if (!planted_path.empty()) {
            struct Count {
                std::size_t pairs = 0, missing = 0, judged = 0, as_kind = 0, candidate = 0, incremental = 0, linked = 0;
            };
            std::map<std::string, Count> by_kind;
            for (const auto& p : planted) {
                Count& c = by_kind[p.kind];
                ++c.pairs;
                if (p.a < 0 || p.b < 0) {
                    ++c.missing;
                    continue;
                }
                const auto ia = std::uint32_t(p.a), ib = std::uint32_t(p.b);
                auto v = judged(parts[ia], parts[ib]);
                if (!v) v = judged(parts[ib], parts[ia]);
                if (v) {
                    ++c.judged;
                    c.as_kind += relation_name(v->relation) == p.kind;
                }
                c.candidate += is_candidate_of(ia, ib) || is_candidate_of(ib, ia);
                c.incremental += is_candidate_of(ia, ib) + is_candidate_of(ib, ia);
                c.linked += linked.count(ordered(ia, ib));
            }
            std::printf("\n(d) planted pairs (%s)%s\n", planted_path.c_str(),
                        stats_only ? "; no candidates with --stats-only" : "");
            std::printf("  %-12s %6s %8s %18s %16s %18s %16s\n", "kind", "pairs", "missing", "judged (as kind)",
                        "candidates", "incremental", "linked");
            nlohmann::json pj;
            for (const auto& [kind, c] : by_kind) {
                const std::size_t found = c.pairs - c.missing;
                std::printf("  %-12s %6zu %8zu %8zu (%5zu) %9zu %5.1f%% %11zu %5.1f%% %9zu %5.1f%%\n", kind.c_str(),
                            c.pairs, c.missing, c.judged, c.as_kind, c.candidate, pct(c.candidate, found),
                            c.incremental, pct(c.incremental, 2 * found), c.linked, pct(c.linked, found));
                pj[kind] = {{"pairs", c.pairs},      {"missing", c.missing},
                            {"judged", c.judged},    {"judged_as_kind", c.as_kind},
                            {"candidate", c.candidate}, {"candidate_recall", pct(c.candidate, found) / 100},
                            {"incremental_recall", pct(c.incremental, 2 * found) / 100},
                            {"linked", c.linked},    {"linked_recall", pct(c.linked, found) / 100}};
            }
            std::printf("  (missing: a file's part is not in the database; judged: the default RelationJudge accepts\n"
                        "   the pair in either direction, in parentheses as the planted kind)\n");
            out["planted"] = pj;
        }

        if (db.get_revision() != revision) {
            std::cerr << "dups_bench: the database revision changed: something was written\n";
            return 1;
        }
    } catch (const Xapian::Error& e) {
        std::cerr << "dups_bench: " << e.get_description() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "dups_bench: " << e.what() << "\n";
        return 1;
    }
    if (!json_path.empty()) {
        std::ofstream f(json_path);
        f << out.dump(1) << "\n";
        if (!f) {
            std::cerr << "dups_bench: cannot write " << json_path << "\n";
            return 1;
        }
    }
    return 0;
}

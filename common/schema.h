// Every term prefix and value slot aisearch writes, in one place, so the
// indexer and the searcher cannot disagree. Prefixes follow Xapian's
// conventions (Q unique id, Z stem, S title); all other terms are NFKC
// case-folded text and so never start with an ASCII capital.
#pragma once

#include <xapian/types.h>

#include "common/content_hash.h"

#include <string>
#include <string_view>

namespace aisearch::schema {

// Boolean terms.
// Keys are unique where ids may not be: two sources can both hold
// 2025/01.txt. A file's key is its absolute path; a JSON Lines record's is
// "record:" + its id.
inline constexpr std::string_view kPartId = "Q";    // Q<document key>[#lang]: one per Xapian document
inline constexpr std::string_view kDocumentId = "F";  // F<document key>: shared by a document's parts
inline constexpr std::string_view kLanguage = "L";  // Lko / Len
inline constexpr std::string_view kSourceFile = "XF";  // XF<file path>: every part read from one file
inline constexpr std::string_view kDate = "D";      // D<YYYY-MM-DD>: publication date
// Duplicate detection's candidate terms (see duplicate_fingerprint.h).
inline constexpr std::string_view kTextHash = "XH";  // XH<hash of the normalised words>
inline constexpr std::string_view kBand = "XB";      // XB<band><key>: MinHash LSH band
inline constexpr std::string_view kAnchor = "XA";    // XA<anchor> (figure or name)
// XT<a title's words, exact forms, space-separated>: the page whose whole
// title a query is (known-item search), whatever the page's length.
inline constexpr std::string_view kWholeTitle = "XT";

// Free-text fields. Body text uses the empty prefix.
inline constexpr std::string_view kBodyField = "";
inline constexpr std::string_view kTitleField = "S";
inline constexpr std::string_view kSourceField = "XS";  // the publisher: source:word
// A source name as words: "koreatimes.co.kr" -> "koreatimes co kr", so
// source:koreatimes finds it. Used for indexing and for source: queries.
inline std::string source_words(std::string_view source) {
    std::string words(source);
    for (char& c : words)
        if (c == '.' || c == '/' || c == '_' || c == '@' || c == ':') c = ' ';
    return words;
}

// Kinds of term made from a word, prepended to the field prefix.
inline constexpr std::string_view kStemKind = "Z";  // English stem, no positions
inline constexpr std::string_view kGramKind = "G";  // Hangul syllable bigram, positioned if not alone
inline constexpr std::string_view kKoreanStemKind = "K";  // Korean word without particle, positioned

// Words sit kPositionStride apart so the syllable bigrams of a Korean word
// can take the positions in between: phrases of words and phrases of
// bigrams then both work with plain OP_PHRASE windows.
inline constexpr unsigned kPositionStride = 16;

// Title words are also indexed as body words, this many times, so a title
// match outranks a passing mention (chosen by tests/eval measurements).
inline constexpr unsigned kTitleWdf = 8;

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;  // YYYY-MM-DD: date: ranges, --sort date
inline constexpr Xapian::valueno kFingerprintSlot = 1;  // DuplicateFingerprint::encode()
inline constexpr Xapian::valueno kClusterSlot = 2;      // duplicate cluster id: the collapse key
// The part's F term: duplicate detection reads it for many parts, and a
// value is far cheaper to read than a document's term list.
inline constexpr Xapian::valueno kDocumentSlot = 3;
// The fingerprint's weighted length (sortable_serialise): duplicate
// detection reads it for every part at once, to rank translation
// candidates of a plausible length first.
inline constexpr Xapian::valueno kLengthSlot = 4;
// The part's stored record with its text last (stored_part.h): all that a
// hit shows, in one read (record and text as two values took 16% more
// block reads per query). A value, not the document data: Xapian
// compresses data, and inflating it was a fifth of a query.
inline constexpr Xapian::valueno kRecordSlot = 5;
// The part's id and language alone (PartLabel): duplicate detection and
// the duplicate reports read them for many parts, without the text.
inline constexpr Xapian::valueno kLabelSlot = 6;

// Database metadata keys.
// The version of what aisearch stores (terms, values, records): the
// indexer rebuilds a database of another version, the searcher refuses it.
inline constexpr std::string_view kFormatKey = "format";
inline constexpr std::string_view kFormat = "8";
inline constexpr std::string_view kFileStateKey = "file:";     // + absolute file path -> FileState
inline constexpr std::string_view kLastUpdateKey = "last_update";  // ISO 8601 time of the last run
inline constexpr std::string_view kDuplicatesKey = "dup:";  // + part term -> PartDuplicates
// + cluster id -> ClusterRecord; for a cluster too large to list under a
// hit, a record of its size alone (duplicate_store.h).
inline constexpr std::string_view kClusterKey = "cluster:";
// + cluster id -> the ClusterRecord of such a large cluster (megabytes at
// 100k parts), which the reports read and a search does not.
inline constexpr std::string_view kLargeClusterKey = "large-cluster:";
// + part term: the part was added, changed or deleted and its duplicate
// relations are still to be brought up to date.
inline constexpr std::string_view kDuplicatesPendingKey = "dup-pending:";

inline std::string term(std::string_view kind, std::string_view field, std::string_view text) {
    std::string t;
    t.reserve(kind.size() + field.size() + text.size());
    t.append(kind).append(field).append(text);
    return t;
}

inline std::string boolean_term(std::string_view prefix, std::string_view value) {
    std::string t(prefix);
    t.append(value);
    return t;
}

// A term or metadata key naming something by a possibly long key (a file
// path): Xapian keys are limited to 245 bytes, so a long key keeps its
// start and ends in a hash of the whole.
inline std::string key_term(std::string_view prefix, std::string_view key) {
    constexpr std::size_t kMaxKey = 200;  // the same cut whatever the prefix
    if (key.size() <= kMaxKey) return boolean_term(prefix, key);
    std::string t(prefix);
    t.append(key.substr(0, kMaxKey - 17)).append("#").append(content_hash(key));
    return t;
}

// The whole-title term of analysed words (their exact forms, in order): of
// a title when indexing, of a query's words when searching.
template <typename Words>
std::string whole_title_term(const Words& words) {
    std::string key;
    for (const auto& w : words) {
        if (!key.empty()) key += ' ';
        key += w.exact;
    }
    return key_term(kWholeTitle, key);
}

}  // namespace aisearch::schema

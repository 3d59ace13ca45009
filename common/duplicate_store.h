// How duplicate relations and clusters are kept in the database, so the
// indexer that computes them and the searcher that shows them agree.
// Each part with relations has a metadata record "dup:<part term>" listing
// its links and its cluster; each cluster has "cluster:<id>" listing its
// members; each member carries the cluster id in kClusterSlot, the key
// search results are collapsed on.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/duplicate_fingerprint.h"

namespace aisearch {

enum class Relation { Exact, Near, Translation };

std::string_view relation_name(Relation r);
std::optional<Relation> relation_from_name(std::string_view name);

struct DuplicateLink {
    std::string other;  // the other part's term (Q...)
    Relation relation = Relation::Near;
    double similarity = 0;
    PairEvidence evidence;  // from this part's side (a = this part)
};

struct PartDuplicates {
    std::string cluster;  // "" if the part is in no cluster
    std::vector<DuplicateLink> links;
};

std::string encode(const PartDuplicates& d);
// Throws DatabaseError if `data` is not a stored record; "" gives an empty one.
// Without `evidence`, the links' evidence is skipped unread (a search
// needs only who, how and how similar).
PartDuplicates decode_part_duplicates(std::string_view data, bool evidence = true);

std::string encode_cluster_members(const std::vector<std::string>& part_terms);
std::vector<std::string> decode_cluster_members(std::string_view data);

// Metadata keys.
std::string duplicates_key(std::string_view part_term);
std::string cluster_key(std::string_view cluster_id);
std::string duplicates_pending_key(std::string_view part_term);

// A cluster's id: a hash of its smallest member term, so it is stable
// while that member stays.
std::string cluster_id(const std::vector<std::string>& part_terms);

// Reads a part's record; an empty one if it has none.
PartDuplicates read_part_duplicates(const Xapian::Database& db, std::string_view part_term, bool evidence = true);

// The document with this part term, if any.
std::optional<Xapian::docid> find_part(const Xapian::Database& db, const std::string& part_term);

// A document's term with this prefix, "" if it has none (each part has
// one Q and one F term).
std::string term_with_prefix(const Xapian::Document& doc, std::string_view prefix);

// The part term (Q...) of a document.
std::string part_term_of(const Xapian::Document& doc);

}  // namespace aisearch

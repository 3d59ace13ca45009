// How duplicate relations and clusters are kept in the database, so the
// indexer that computes them and the searcher that shows them agree.
// Each part with relations has a metadata record "dup:<part term>" listing
// its links, with their evidence, and its cluster; each cluster has
// "cluster:<id>", its members and the links between them, all a search
// shows of a hit's other versions in one read; each member carries the
// cluster id in kClusterSlot, the key search results are collapsed on.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <span>
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

// A part's record without the evidence: who it links to, how and how
// similar. Walking a cluster of tens of thousands of members needs no more.
struct PartLinks {
    struct Link {
        std::string other;
        Relation relation = Relation::Near;
        double similarity = 0;
    };
    std::string cluster;
    std::vector<Link> links;
};

std::string encode(const PartDuplicates& d);
// Both throw CorruptDatabaseError if `data` is not a stored record; "" gives an empty one.
PartDuplicates decode_part_duplicates(std::string_view data);
// Skips the evidence unread.
PartLinks decode_part_links(std::string_view data);
// A stored record (or "") with its cluster set to `cluster` and its links
// copied as they are: what encode() gives for the decoded record with that
// cluster ("" if it has no links and `cluster` is ""), without decoding
// and encoding the evidence again (on the 100k runs corpus, where clusters
// are rewritten by the ten thousand, that was a tenth of detection).
// Throws CorruptDatabaseError if `data` is not a stored record.
std::string with_cluster(std::string_view data, std::string_view cluster);
// A stored record (or "") with `added` after its links: what encode() gives
// for the decoded record with them appended, without decoding and encoding
// its links again. Throws CorruptDatabaseError if `data` is not a stored
// record.
std::string with_links_added(std::string_view data, std::span<const DuplicateLink> added);

struct ClusterRecord {
    struct Member {
        std::string part;  // part term (Q...)
        std::string id;    // part id, as search results show it
        std::string lang;
    };
    struct Link {
        std::size_t a = 0;  // indexes into members
        std::size_t b = 0;
        Relation relation = Relation::Near;
        double similarity = 0;
    };
    std::vector<Member> members;
    std::vector<Link> links;
    // Read from a cluster key of a cluster of more than kMaxClusterSize
    // members: its size, without members or links (read_cluster() reads
    // the whole record).
    std::size_t large_size = 0;

    std::vector<std::string> parts() const;
};

std::string encode(const ClusterRecord& c);
// Throws CorruptDatabaseError if `data` is not a stored cluster; "" gives an empty one.
ClusterRecord decode_cluster_record(std::string_view data);
// The most members a cluster has unless exact copies or translations alone
// make it larger: the indexer splits a larger group of linked parts along
// its strongest near links, and the searcher does not read a larger
// cluster's record for a hit.
inline constexpr std::size_t kMaxClusterSize = 256;
// A cluster's record under its cluster key, or, for a cluster of more
// than kMaxClusterSize members, its size there and the record under its
// large-cluster key: a hit's cluster is one read, and never megabytes.
// An empty record (no members) erases the cluster.
void write_cluster(Xapian::WritableDatabase& db, std::string_view cluster_id, const ClusterRecord& c);
// The whole record, following a large cluster's size to its record.
ClusterRecord read_cluster(const Xapian::Database& db, std::string_view cluster_id);

// Metadata keys.
std::string duplicates_key(std::string_view part_term);
std::string cluster_key(std::string_view cluster_id);
std::string large_cluster_key(std::string_view cluster_id);
std::string duplicates_pending_key(std::string_view part_term);

// A cluster's id: a hash of its smallest member term, so it is stable
// while that member stays.
std::string cluster_id(const std::vector<std::string>& part_terms);

// Read a part's record; an empty one if it has none.
PartDuplicates read_part_duplicates(const Xapian::Database& db, std::string_view part_term);
PartLinks read_part_links(const Xapian::Database& db, std::string_view part_term);

// The document with this part term, if any.
std::optional<Xapian::docid> find_part(const Xapian::Database& db, const std::string& part_term);

// A document's term with this prefix, "" if it has none (each part has
// one Q and one F term).
std::string term_with_prefix(const Xapian::Document& doc, std::string_view prefix);

// The part term (Q...) of a document.
std::string part_term_of(const Xapian::Document& doc);

}  // namespace aisearch

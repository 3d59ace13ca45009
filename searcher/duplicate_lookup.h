// Reads the duplicate relations and clusters the indexer stored (see
// common/duplicate_store.h) and turns them into the public structs: the
// versions listed under a search hit, the `aisearch dups` report.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aisearch/searcher.h"
#include "common/duplicate_store.h"

namespace aisearch {

class DuplicateLookup {
public:
    // `shards`: the databases searched together, in the order they were
    // added to the combined database.
    explicit DuplicateLookup(std::vector<Xapian::Database> shards);

    // The other members of a hit's cluster, each with its relation to the
    // hit: the direct one, or else one derived from the widest path of
    // links between them (translation if the languages differ, exact if
    // every link on it is, near otherwise; the path's lowest similarity).
    // `hit`: the hit's document (its combined docid, for the shard),
    // `cluster` its cluster id ("" for none), `part_id` its part id and
    // `lang` its language. The record of a cluster of more than
    // kMaxClusterSize members (duplicate_store.h) is not read: the hit
    // lists only the parts it links to itself, the closest
    // kMaxDirectVersions.
    static constexpr std::size_t kMaxDirectVersions = 20;
    std::vector<Duplicate> versions_of(Xapian::docid combined_docid, const Xapian::Document& hit,
                                       const std::string& cluster, const std::string& part_id,
                                       const std::string& lang);

    std::vector<DuplicateCluster> clusters(std::optional<Relation> only);

    std::vector<DuplicateRelation> relations_of(const std::string& id);

private:
    std::vector<Duplicate> direct_versions_of(const Xapian::Database& db, const Xapian::Document& hit);

    struct Member {
        std::string id;
        std::string lang;
    };
    Member member(const Xapian::Database& db, const std::string& part_term);
    // `known`: members already read, by part term.
    DuplicateRelation relation(const Xapian::Database& db, const std::string& a, const DuplicateLink& link,
                               const std::map<std::string, Member>& known = {});

    std::vector<Xapian::Database> shards_;
};

}  // namespace aisearch

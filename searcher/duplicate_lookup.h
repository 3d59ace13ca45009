// Reads the duplicate relations and clusters the indexer stored (see
// common/duplicate_store.h) and turns them into the public structs: the
// versions listed under a search hit, the `aisearch dups` report.
#pragma once

#include <xapian.h>

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

    // The other members of the cluster of a hit (by its combined docid),
    // each with its relation to the hit: the direct one, or else one
    // derived from the path between them (translation if the languages
    // differ, near otherwise, at the lowest similarity on the path).
    std::vector<Duplicate> versions_of(Xapian::docid combined_docid);

    std::vector<DuplicateCluster> clusters(std::optional<Relation> only);

    std::vector<DuplicateRelation> relations_of(const std::string& id);

private:
    struct Member {
        std::string id;
        std::string lang;
    };
    Member member(const Xapian::Database& db, const std::string& part_term);
    DuplicateRelation relation(const Xapian::Database& db, const std::string& a, const DuplicateLink& link);

    std::vector<Xapian::Database> shards_;
};

}  // namespace aisearch

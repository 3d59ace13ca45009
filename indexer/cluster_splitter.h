// Splits the parts linked into one connected group into clusters a reader
// can take for one story. Near links chain: on a corpus of overlapping
// passages, copies of copies link nearly every part to every other (the
// 100k runs corpus of the benchmarks made one group of 91,340 parts). A
// group larger than the limit is split along its strongest near links,
// raising the similarity a near link needs until every cluster fits; past
// the last level, near links join clusters strongest first while the
// joined cluster fits (exact and translation links always hold). A group
// within the limit is one cluster, as before. The result depends on the group's links alone,
// so incremental and full runs agree.
#pragma once

#include <cstddef>
#include <vector>

#include "common/duplicate_store.h"

namespace aisearch {

struct ClusterEdge {
    std::size_t a = 0;  // indexes of the group's members
    std::size_t b = 0;
    Relation relation = Relation::Near;
    double similarity = 0;
};

// The clusters of `members` parts joined by `edges`: each a list of member
// indexes in increasing order, the lists ordered by their first index.
std::vector<std::vector<std::size_t>> split_into_clusters(std::size_t members, const std::vector<ClusterEdge>& edges,
                                                          std::size_t max_cluster);

}  // namespace aisearch

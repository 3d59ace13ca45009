#include "indexer/cluster_splitter.h"

#include <algorithm>
#include <numeric>

namespace aisearch {
namespace {

// The near similarities a link needs, level by level, to hold a cluster
// together once its group is too large; above 1 no near link holds.
constexpr double kNearLevels[] = {0.6, 0.7, 0.8, 0.9, 1.1};

class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
        return x;
    }
    void unite(std::size_t a, std::size_t b) {
        a = find(a), b = find(b);
        if (a != b) parent_[std::max(a, b)] = std::min(a, b);
    }

private:
    std::vector<std::size_t> parent_;
};

}  // namespace

std::vector<std::vector<std::size_t>> split_into_clusters(std::size_t members, const std::vector<ClusterEdge>& edges,
                                                          std::size_t max_cluster) {
    // label[i]: the cluster member i is in so far, the smallest member
    // index of it; all of them connected at first.
    DisjointSets all(members);
    for (const auto& e : edges) all.unite(e.a, e.b);
    std::vector<std::size_t> label(members);
    for (std::size_t i = 0; i < members; ++i) label[i] = all.find(i);

    for (const double level : kNearLevels) {
        std::vector<std::size_t> size(members, 0);
        for (std::size_t l : label) ++size[l];
        std::vector<bool> too_large(members, false);
        bool any = false;
        for (std::size_t i = 0; i < members; ++i)
            if (size[label[i]] > max_cluster) too_large[i] = any = true;
        if (!any) break;
        DisjointSets split(members);
        for (const auto& e : edges) {
            if (!too_large[e.a] || label[e.a] != label[e.b]) continue;
            if (e.relation == Relation::Near && e.similarity < level) continue;
            split.unite(e.a, e.b);
        }
        for (std::size_t i = 0; i < members; ++i)
            if (too_large[i]) label[i] = split.find(i);
    }

    std::vector<std::vector<std::size_t>> clusters;
    std::vector<std::size_t> slot(members, members);
    for (std::size_t i = 0; i < members; ++i) {
        if (slot[label[i]] == members) {
            slot[label[i]] = clusters.size();
            clusters.emplace_back();
        }
        clusters[slot[label[i]]].push_back(i);
    }
    return clusters;
}

}  // namespace aisearch

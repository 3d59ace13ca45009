#include "indexer/cluster_splitter.h"

#include <algorithm>
#include <numeric>

namespace aisearch {
namespace {

// The near similarities a link needs, level by level, to hold a cluster
// together once its group is too large.
constexpr double kNearLevels[] = {0.6, 0.7, 0.8, 0.9};

class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : parent_(n), size_(n, 1) { std::iota(parent_.begin(), parent_.end(), 0); }
    std::size_t find(std::size_t x) {
        while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
        return x;
    }
    void unite(std::size_t a, std::size_t b) {
        a = find(a), b = find(b);
        if (a == b) return;
        parent_[std::max(a, b)] = std::min(a, b);
        size_[std::min(a, b)] += size_[std::max(a, b)];
    }
    std::size_t size(std::size_t x) { return size_[find(x)]; }

private:
    std::vector<std::size_t> parent_;
    std::vector<std::size_t> size_;  // of each set, at its root
};

// Which members are in a cluster of more than `max_cluster` (clusters by
// label); empty if none is.
std::vector<bool> in_too_large_cluster(const std::vector<std::size_t>& label, std::size_t max_cluster) {
    std::vector<std::size_t> size(label.size(), 0);
    for (std::size_t l : label) ++size[l];
    std::vector<bool> out(label.size(), false);
    bool any = false;
    for (std::size_t i = 0; i < label.size(); ++i)
        if (size[label[i]] > max_cluster) out[i] = any = true;
    if (!any) out.clear();
    return out;
}

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
        const std::vector<bool> too_large = in_too_large_cluster(label, max_cluster);
        if (too_large.empty()) break;
        DisjointSets split(members);
        for (const auto& e : edges) {
            if (!too_large[e.a] || label[e.a] != label[e.b]) continue;
            if (e.relation == Relation::Near && e.similarity < level) continue;
            split.unite(e.a, e.b);
        }
        for (std::size_t i = 0; i < members; ++i)
            if (too_large[i]) label[i] = split.find(i);
    }

    // Still too large: near copies whose links all pass the last level.
    // Exact and translation links hold; near links join clusters strongest
    // first, as long as the joined cluster fits. Dropping every near link
    // instead left 300 editions of one article in no cluster at all.
    if (const std::vector<bool> too_large = in_too_large_cluster(label, max_cluster); !too_large.empty()) {
        DisjointSets split(members);
        std::vector<const ClusterEdge*> near;
        for (const auto& e : edges) {
            if (!too_large[e.a] || label[e.a] != label[e.b]) continue;
            if (e.relation == Relation::Near)
                near.push_back(&e);
            else
                split.unite(e.a, e.b);
        }
        // Ties by member, so the result does not depend on the links' order.
        std::sort(near.begin(), near.end(), [](const ClusterEdge* x, const ClusterEdge* y) {
            if (x->similarity != y->similarity) return x->similarity > y->similarity;
            return x->a != y->a ? x->a < y->a : x->b < y->b;
        });
        for (const ClusterEdge* e : near)
            if (split.find(e->a) != split.find(e->b) && split.size(e->a) + split.size(e->b) <= max_cluster)
                split.unite(e->a, e->b);
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

// split_into_clusters: a group of linked parts stays one cluster within the
// size limit; a larger one splits along its strongest near links.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "indexer/cluster_splitter.h"

using namespace aisearch;

namespace {

constexpr Relation E = Relation::Exact, N = Relation::Near, T = Relation::Translation;

struct Case {
    const char* name;
    std::size_t members;
    std::vector<ClusterEdge> edges;
    std::size_t max_cluster;
    std::string expected;  // clusters as "0 1 2 | 3 4"
};

std::string render(const std::vector<std::vector<std::size_t>>& clusters) {
    std::string out;
    for (const auto& c : clusters) {
        if (!out.empty()) out += " | ";
        for (std::size_t i = 0; i < c.size(); ++i) {
            if (i) out += ' ';
            out += std::to_string(c[i]);
        }
    }
    return out;
}

const Case kCases[] = {
    {"no parts", 0, {}, 4, ""},
    {"one part", 1, {}, 4, "0"},
    {"within the limit, weak links hold", 3, {{0, 1, N, 0.3}, {1, 2, N, 0.4}}, 3, "0 1 2"},
    {"a chain splits at its weakest link", 4, {{0, 1, N, 0.95}, {1, 2, N, 0.5}, {2, 3, N, 0.65}}, 2, "0 1 | 2 3"},
    {"levels until every cluster fits", 5, {{0, 1, N, 0.65}, {1, 2, N, 0.75}, {2, 3, N, 0.62}, {3, 4, N, 0.95}}, 3,
     "0 | 1 2 | 3 4"},
    {"a split part keeps its strong side", 6,
     {{0, 1, N, 0.9}, {1, 2, N, 0.9}, {2, 3, N, 0.55}, {3, 4, N, 0.9}, {4, 5, N, 0.9}}, 4, "0 1 2 | 3 4 5"},
    {"exact copies do not split", 3, {{0, 1, E, 1.0}, {0, 2, E, 1.0}}, 2, "0 1 2"},
    {"translations hold when near links go", 4, {{0, 1, T, 0.2}, {1, 2, N, 0.95}, {2, 3, T, 0.3}}, 2, "0 1 | 2 3"},
    {"near copies past every level fill clusters, strongest links first", 5,
     {{0, 1, N, 0.95}, {1, 2, N, 0.97}, {2, 3, N, 0.95}, {3, 4, N, 0.99}}, 2, "0 | 1 2 | 3 4"},
    {"the same links in another order, the same clusters", 5,
     {{3, 4, N, 0.99}, {2, 3, N, 0.95}, {1, 2, N, 0.97}, {0, 1, N, 0.95}}, 2, "0 | 1 2 | 3 4"},
    {"equal links join in member order", 5, {{0, 1, N, 1.0}, {1, 2, N, 1.0}, {2, 3, N, 1.0}, {3, 4, N, 1.0}}, 3,
     "0 1 2 | 3 4"},
    {"exact copies hold first, near links join what fits", 5,
     {{0, 1, E, 1.0}, {1, 2, N, 0.95}, {2, 3, N, 0.96}, {3, 4, E, 1.0}}, 3, "0 1 | 2 3 4"},
    {"two groups at once, only the large one splits", 6,
     {{0, 1, N, 0.3}, {2, 3, N, 0.9}, {3, 4, N, 0.4}, {4, 5, N, 0.9}}, 2, "0 1 | 2 3 | 4 5"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(cluster_splitter)

BOOST_AUTO_TEST_CASE(split_table) {
    for (const auto& c : kCases)
        BOOST_TEST_CONTEXT(c.name) {
            BOOST_TEST(render(split_into_clusters(c.members, c.edges, c.max_cluster)) == c.expected);
        }
}

BOOST_AUTO_TEST_SUITE_END()

#include "searcher/duplicate_lookup.h"

#include <algorithm>
#include <map>
#include <queue>
#include <set>

#include "common/schema.h"
#include "common/stored_part.h"

namespace aisearch {
namespace {

DuplicateEvidence public_evidence(const PairEvidence& e) {
    DuplicateEvidence d;
    d.shared_figures = e.shared_figures;
    d.shared_names = e.shared_names;
    d.coverage_a = e.coverage_a;
    d.coverage_b = e.coverage_b;
    d.order = e.order;
    d.length_ratio = e.length_ratio;
    d.word_jaccard = e.word_jaccard;
    d.shingle_jaccard = e.shingle_jaccard;
    return d;
}

// The document id of a part id: "a.txt#ko" -> "a.txt".
std::string document_of(const std::string& part_id) {
    const auto hash = part_id.rfind('#');
    if (hash != std::string::npos && part_id.size() - hash == 3) return part_id.substr(0, hash);
    return part_id;
}

}  // namespace

DuplicateLookup::DuplicateLookup(std::vector<Xapian::Database> shards) : shards_(std::move(shards)) {}

DuplicateLookup::Member DuplicateLookup::member(const Xapian::Database& db, const std::string& part_term) {
    const auto did = find_part(db, part_term);
    if (!did) return {};
    PartLabel p = decode_part_label(db.get_document(*did).get_value(schema::kLabelSlot));
    return {std::move(p.id), std::move(p.lang)};
}

DuplicateRelation DuplicateLookup::relation(const Xapian::Database& db, const std::string& a,
                                            const DuplicateLink& link, const std::map<std::string, Member>& known) {
    auto id_of = [&](const std::string& term) {
        const auto it = known.find(term);
        return it != known.end() ? it->second.id : member(db, term).id;
    };
    DuplicateRelation r;
    r.a = id_of(a);
    r.b = id_of(link.other);
    r.relation = std::string(relation_name(link.relation));
    r.similarity = link.similarity;
    r.evidence = public_evidence(link.evidence);
    return r;
}

std::vector<Duplicate> DuplicateLookup::versions_of(Xapian::docid combined_docid, const Xapian::Document& hit,
                                                    const std::string& cluster_id, const std::string& part_id,
                                                    const std::string& lang) {
    if (cluster_id.empty()) return {};
    const Xapian::Database& db = shards_[(combined_docid - 1) % shards_.size()];
    const ClusterRecord cluster = decode_cluster_record(db.get_metadata(cluster_key(cluster_id)));
    if (cluster.large_size > 0) return direct_versions_of(db, hit);
    const auto& members = cluster.members;

    // The hit among the members: by id and language, or by part term if
    // both repeat (one file in two source trees). Ids alone repeat often
    // (a Korean and an English tree with the same file names), and reading
    // the part term means decoding the hit's whole term list.
    std::size_t self = members.size();
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (members[i].id != part_id || members[i].lang != lang) continue;
        if (self != members.size()) {
            const std::string term = part_term_of(hit);
            self = members.size();
            for (std::size_t k = 0; k < members.size(); ++k)
                if (members[k].part == term) self = k;
            break;
        }
        self = i;
    }
    if (self == members.size()) return {};

    // Widest path from the hit to every member: the chain of links whose
    // weakest link is strongest.
    struct Reach {
        double similarity = -1;
        bool exact_only = true;
        const ClusterRecord::Link* direct = nullptr;
    };
    std::vector<std::vector<const ClusterRecord::Link*>> adjacent(members.size());
    for (const auto& l : cluster.links) {
        adjacent[l.a].push_back(&l);
        adjacent[l.b].push_back(&l);
    }
    std::vector<Reach> reach(members.size());
    std::vector<bool> settled(members.size(), false);
    reach[self].similarity = 2;  // above any link
    using Item = std::pair<double, std::size_t>;
    std::priority_queue<Item> queue;
    queue.push({reach[self].similarity, self});
    while (!queue.empty()) {
        const auto [similarity, at] = queue.top();
        queue.pop();
        if (settled[at]) continue;
        settled[at] = true;
        for (const ClusterRecord::Link* l : adjacent[at]) {
            const std::size_t other = l->a == at ? l->b : l->a;
            if (settled[other]) continue;
            if (at == self) reach[other].direct = l;
            const double through = std::min(similarity, l->similarity);
            if (through > reach[other].similarity) {
                reach[other].similarity = through;
                reach[other].exact_only = reach[at].exact_only && l->relation == Relation::Exact;
                queue.push({through, other});
            }
        }
    }

    const std::string& self_lang = members[self].lang;
    std::vector<Duplicate> out;
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (i == self) continue;
        const Reach& r = reach[i];
        Duplicate d;
        d.id = members[i].id;
        d.lang = members[i].lang;
        if (r.direct) {
            d.relation = std::string(relation_name(r.direct->relation));
            d.similarity = r.direct->similarity;
        } else {
            d.relation = d.lang != self_lang ? "translation" : r.similarity >= 0 && r.exact_only ? "exact" : "near";
            d.similarity = std::max(0.0, r.similarity);
        }
        out.push_back(std::move(d));
    }
    std::sort(out.begin(), out.end(), [](const Duplicate& a, const Duplicate& b) {
        return a.similarity != b.similarity ? a.similarity > b.similarity : a.id < b.id;
    });
    return out;
}

std::vector<Duplicate> DuplicateLookup::direct_versions_of(const Xapian::Database& db, const Xapian::Document& hit) {
    PartLinks own = read_part_links(db, part_term_of(hit));
    std::sort(own.links.begin(), own.links.end(), [](const PartLinks::Link& a, const PartLinks::Link& b) {
        return a.similarity != b.similarity ? a.similarity > b.similarity : a.other < b.other;
    });
    std::vector<Duplicate> out;
    for (const auto& l : own.links) {
        if (out.size() == kMaxDirectVersions) break;
        Member m = member(db, l.other);
        if (m.id.empty()) continue;
        out.push_back({std::move(m.id), std::move(m.lang), std::string(relation_name(l.relation)), l.similarity});
    }
    return out;
}

std::vector<DuplicateCluster> DuplicateLookup::clusters(std::optional<Relation> only) {
    std::vector<DuplicateCluster> out;
    const std::string prefix(schema::kClusterKey);
    for (const auto& db : shards_) {
        for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
            DuplicateCluster c;
            c.id = (*it).substr(prefix.size());
            const ClusterRecord record = read_cluster(db, c.id);
            std::map<std::string, Member> known;
            for (const auto& m : record.members) known[m.part] = {m.id, m.lang};
            for (const auto& m : record.members) {
                c.members.push_back({m.id, m.lang});
                // The report shows each relation's evidence, kept in the
                // members' own records.
                for (const auto& l : read_part_duplicates(db, m.part).links) {
                    // Each pair once, and only inside the cluster: a weak
                    // near link may join two clusters split apart.
                    if (l.other < m.part || !known.count(l.other)) continue;
                    if (only && l.relation != *only) continue;
                    c.relations.push_back(relation(db, m.part, l, known));
                }
            }
            if (c.members.empty() || (only && c.relations.empty())) continue;
            std::sort(c.members.begin(), c.members.end(),
                      [](const DuplicateMember& a, const DuplicateMember& b) { return a.id < b.id; });
            out.push_back(std::move(c));
        }
    }
    std::sort(out.begin(), out.end(), [](const DuplicateCluster& a, const DuplicateCluster& b) {
        return a.members.front().id < b.members.front().id;
    });
    return out;
}

std::vector<DuplicateRelation> DuplicateLookup::relations_of(const std::string& id) {
    // Exact part or document ids first; else a unique prefix of one.
    struct Found {
        std::size_t shard;
        std::string term;
        std::string id;
    };
    std::vector<Found> exact, prefixed;
    std::set<std::string> prefixed_documents;
    for (std::size_t s = 0; s < shards_.size(); ++s) {
        const auto& db = shards_[s];
        const std::string all;
        for (auto it = db.postlist_begin(all); it != db.postlist_end(all); ++it) {
            const Xapian::Document doc = db.get_document(*it);
            const PartLabel p = decode_part_label(doc.get_value(schema::kLabelSlot));
            const std::string document = document_of(p.id);
            if (p.id == id || document == id) {
                exact.push_back({s, part_term_of(doc), p.id});
            } else if (document.rfind(id, 0) == 0) {
                prefixed.push_back({s, part_term_of(doc), p.id});
                prefixed_documents.insert(document);
            }
        }
    }
    if (exact.empty()) {
        if (prefixed.empty()) throw QuerySyntaxError("no document with id '" + id + "'");
        if (prefixed_documents.size() > 1)
            throw QuerySyntaxError("id '" + id + "' matches " + std::to_string(prefixed_documents.size()) +
                                   " documents; give more of it");
        exact = std::move(prefixed);
    }
    std::vector<DuplicateRelation> out;
    for (const auto& f : exact)
        for (const auto& l : read_part_duplicates(shards_[f.shard], f.term).links)
            out.push_back(relation(shards_[f.shard], f.term, l));
    return out;
}

}  // namespace aisearch

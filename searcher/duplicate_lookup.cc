#include "searcher/duplicate_lookup.h"

#include <algorithm>
#include <deque>
#include <map>
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
    PartLabel p = decode_part_label(db.get_document(*did).get_data());
    return {std::move(p.id), std::move(p.lang)};
}

DuplicateRelation DuplicateLookup::relation(const Xapian::Database& db, const std::string& a,
                                            const DuplicateLink& link) {
    DuplicateRelation r;
    r.a = member(db, a).id;
    r.b = member(db, link.other).id;
    r.relation = std::string(relation_name(link.relation));
    r.similarity = link.similarity;
    r.evidence = public_evidence(link.evidence);
    return r;
}

std::vector<Duplicate> DuplicateLookup::versions_of(Xapian::docid combined_docid) {
    const std::size_t n = shards_.size();
    const Xapian::Database& db = shards_[(combined_docid - 1) % n];
    const Xapian::docid did = (combined_docid - 1) / n + 1;
    const Xapian::Document doc = db.get_document(did);
    const std::string cluster = doc.get_value(schema::kClusterSlot);
    if (cluster.empty()) return {};
    const std::string self = part_term_of(doc);

    // Widest path from the hit to every member: the best chain of links.
    struct Reach {
        double similarity;
        bool exact_only;
        Relation direct;
        bool is_direct;
    };
    std::map<std::string, Reach> reach;
    std::deque<std::string> queue{self};
    reach[self] = {1.0, true, Relation::Exact, false};
    while (!queue.empty()) {
        const std::string t = queue.front();
        queue.pop_front();
        for (const auto& l : read_part_duplicates(db, t, /*evidence=*/false).links) {
            if (reach.count(l.other)) continue;
            const Reach& from = reach[t];
            const bool direct = t == self;
            reach[l.other] = {std::min(from.similarity, l.similarity),
                              from.exact_only && l.relation == Relation::Exact, l.relation, direct};
            queue.push_back(l.other);
        }
    }
    const std::string self_lang = member(db, self).lang;
    std::vector<Duplicate> out;
    for (const auto& m : decode_cluster_members(db.get_metadata(cluster_key(cluster)))) {
        if (m == self) continue;
        const Member who = member(db, m);
        if (who.id.empty()) continue;
        Duplicate d;
        d.id = who.id;
        d.lang = who.lang;
        const auto it = reach.find(m);
        if (it != reach.end() && it->second.is_direct) {
            d.relation = std::string(relation_name(it->second.direct));
        } else if (who.lang != self_lang) {
            d.relation = "translation";
        } else {
            d.relation = it != reach.end() && it->second.exact_only ? "exact" : "near";
        }
        d.similarity = it != reach.end() ? it->second.similarity : 0.0;
        out.push_back(std::move(d));
    }
    std::sort(out.begin(), out.end(), [](const Duplicate& a, const Duplicate& b) {
        return a.similarity != b.similarity ? a.similarity > b.similarity : a.id < b.id;
    });
    return out;
}

std::vector<DuplicateCluster> DuplicateLookup::clusters(std::optional<Relation> only) {
    std::vector<DuplicateCluster> out;
    const std::string prefix(schema::kClusterKey);
    for (const auto& db : shards_) {
        for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
            DuplicateCluster c;
            c.id = (*it).substr(prefix.size());
            const auto members = decode_cluster_members(db.get_metadata(*it));
            for (const auto& m : members) {
                const Member who = member(db, m);
                c.members.push_back({who.id, who.lang});
                for (const auto& l : read_part_duplicates(db, m).links) {
                    if (l.other < m) continue;  // each pair once
                    if (only && l.relation != *only) continue;
                    c.relations.push_back(relation(db, m, l));
                }
            }
            if (only && c.relations.empty()) continue;
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
            const PartLabel p = decode_part_label(doc.get_data());
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

#include "common/duplicate_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "aisearch/error.h"
#include "common/content_hash.h"
#include "common/schema.h"

namespace aisearch {
namespace {

using nlohmann::json;

json evidence_json(const PairEvidence& e) {
    return {{"shared_figures", e.shared_figures},
            {"shared_names", e.shared_names},
            {"specific", {e.specific_a, e.specific_b, e.specific_shared}},
            {"coverage", {e.coverage_a, e.coverage_b}},
            {"order", e.order},
            {"length_ratio", e.length_ratio},
            {"structure", e.structure},
            {"paragraph_ratio", e.paragraph_ratio},
            {"position", e.position},
            {"word_jaccard", e.word_jaccard},
            {"shingle_jaccard", e.shingle_jaccard}};
}

PairEvidence evidence_from(const json& j) {
    PairEvidence e;
    e.shared_figures = j.at("shared_figures").get<std::vector<std::string>>();
    e.shared_names = j.at("shared_names").get<std::vector<std::string>>();
    e.shared_figure_count = e.shared_figures.size();
    e.shared_name_count = e.shared_names.size();
    const auto& s = j.at("specific");
    e.specific_a = s.at(0).get<std::size_t>();
    e.specific_b = s.at(1).get<std::size_t>();
    e.specific_shared = s.at(2).get<std::size_t>();
    e.coverage_a = j.at("coverage").at(0).get<double>();
    e.coverage_b = j.at("coverage").at(1).get<double>();
    e.order = j.at("order").get<double>();
    e.length_ratio = j.at("length_ratio").get<double>();
    e.structure = j.at("structure").get<double>();
    e.paragraph_ratio = j.at("paragraph_ratio").get<double>();
    e.position = j.at("position").get<double>();
    e.word_jaccard = j.at("word_jaccard").get<double>();
    e.shingle_jaccard = j.at("shingle_jaccard").get<double>();
    return e;
}

}  // namespace

std::string_view relation_name(Relation r) {
    switch (r) {
    case Relation::Exact: return "exact";
    case Relation::Near: return "near";
    case Relation::Translation: return "translation";
    }
    return "near";
}

std::optional<Relation> relation_from_name(std::string_view name) {
    for (Relation r : {Relation::Exact, Relation::Near, Relation::Translation})
        if (relation_name(r) == name) return r;
    return std::nullopt;
}

std::string encode(const PartDuplicates& d) {
    json links = json::array();
    for (const auto& l : d.links)
        links.push_back({{"other", l.other},
                         {"relation", relation_name(l.relation)},
                         {"similarity", l.similarity},
                         {"evidence", evidence_json(l.evidence)}});
    return json{{"cluster", d.cluster}, {"links", links}}.dump();
}

PartDuplicates decode_part_duplicates(std::string_view data, bool evidence) {
    PartDuplicates d;
    if (data.empty()) return d;
    try {
        const json::parser_callback_t skip_evidence = [](int depth, json::parse_event_t event, json& parsed) {
            return !(depth == 3 && event == json::parse_event_t::key && parsed == "evidence");
        };
        const json j = evidence ? json::parse(data) : json::parse(data, skip_evidence);
        d.cluster = j.at("cluster").get<std::string>();
        for (const auto& l : j.at("links")) {
            DuplicateLink link;
            link.other = l.at("other").get<std::string>();
            const auto r = relation_from_name(l.at("relation").get<std::string>());
            if (!r) throw DatabaseError("unknown duplicate relation");
            link.relation = *r;
            link.similarity = l.at("similarity").get<double>();
            if (evidence) link.evidence = evidence_from(l.at("evidence"));
            d.links.push_back(std::move(link));
        }
    } catch (const json::exception& e) {
        throw DatabaseError(std::string("stored duplicate record is corrupt: ") + e.what());
    }
    return d;
}

std::string encode_cluster_members(const std::vector<std::string>& part_terms) {
    return json(part_terms).dump();
}

std::vector<std::string> decode_cluster_members(std::string_view data) {
    if (data.empty()) return {};
    try {
        return json::parse(data).get<std::vector<std::string>>();
    } catch (const json::exception& e) {
        throw DatabaseError(std::string("stored duplicate cluster is corrupt: ") + e.what());
    }
}

std::string duplicates_key(std::string_view part_term) {
    return std::string(schema::kDuplicatesKey).append(part_term);
}

std::string cluster_key(std::string_view cluster_id) {
    return std::string(schema::kClusterKey).append(cluster_id);
}

std::string duplicates_pending_key(std::string_view part_term) {
    return std::string(schema::kDuplicatesPendingKey).append(part_term);
}

std::string cluster_id(const std::vector<std::string>& part_terms) {
    if (part_terms.empty()) return {};
    return content_hash(*std::min_element(part_terms.begin(), part_terms.end()));
}

PartDuplicates read_part_duplicates(const Xapian::Database& db, std::string_view part_term, bool evidence) {
    return decode_part_duplicates(db.get_metadata(duplicates_key(part_term)), evidence);
}

std::optional<Xapian::docid> find_part(const Xapian::Database& db, const std::string& part_term) {
    auto it = db.postlist_begin(part_term);
    if (it == db.postlist_end(part_term)) return std::nullopt;
    return *it;
}

std::string term_with_prefix(const Xapian::Document& doc, std::string_view prefix) {
    auto it = doc.termlist_begin();
    it.skip_to(std::string(prefix));
    if (it == doc.termlist_end()) return {};
    std::string t = *it;
    return t.rfind(prefix, 0) == 0 ? t : std::string();
}

std::string part_term_of(const Xapian::Document& doc) { return term_with_prefix(doc, schema::kPartId); }

}  // namespace aisearch

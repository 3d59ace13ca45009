#include "searcher/results_format.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace aisearch {

std::string results_to_json(const Results& r) {
    nlohmann::ordered_json hits = nlohmann::ordered_json::array();
    for (const Hit& h : r.hits) {
        nlohmann::ordered_json highlights = nlohmann::ordered_json::array();
        for (const auto& hl : h.highlights) highlights.push_back({hl.start, hl.end});
        nlohmann::ordered_json duplicates = nlohmann::ordered_json::array();
        for (const auto& d : h.duplicates)
            duplicates.push_back({{"id", d.id}, {"lang", d.lang}, {"relation", d.relation}, {"similarity", d.similarity}});
        auto or_null = [](const std::string& v) { return v.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v); };
        hits.push_back({{"rank", h.rank}, {"id", h.id}, {"path", h.path}, {"title", h.title},
                        {"lang", h.lang}, {"date", or_null(h.date)}, {"source", or_null(h.source)},
                        {"score", h.score}, {"snippet", h.snippet},
                        {"highlights", highlights}, {"duplicates", duplicates}});
    }
    nlohmann::ordered_json out = {{"query", r.query}, {"estimated_matches", r.estimated_matches},
                                  {"relaxed", r.relaxed}, {"hits", hits}};
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string mark_highlights(const Hit& h, std::string_view open, std::string_view close) {
    std::string out;
    std::size_t cp = 0, next = 0;
    const auto& hl = h.highlights;
    bool inside = false;
    for (std::size_t i = 0; i <= h.snippet.size(); ++i) {
        const bool starts_char = i == h.snippet.size() || (static_cast<unsigned char>(h.snippet[i]) & 0xC0) != 0x80;
        if (starts_char) {
            if (inside && cp == hl[next].end) {
                out += close;
                inside = false;
                ++next;
            }
            if (!inside && next < hl.size() && cp == hl[next].start) {
                out += open;
                inside = true;
            }
            ++cp;
        }
        if (i < h.snippet.size()) out += h.snippet[i];
    }
    if (inside) out += close;
    return out;
}

std::string results_to_text(const Results& r, bool terminal) {
    const std::string_view open = terminal ? "\033[1m" : "**";
    const std::string_view close = terminal ? "\033[0m" : "**";
    std::string out;
    for (const Hit& h : r.hits) {
        std::string about = h.id;
        if (!h.date.empty()) about += "  " + h.date;
        if (!h.source.empty()) about += "  " + h.source;
        out += fmt::format("{}. {}  [{}]  {:.3f}\n   {}\n   {}\n", h.rank, h.title, h.lang, h.score, about,
                           mark_highlights(h, open, close));
        for (const auto& d : h.duplicates)
            out += fmt::format("   = {} [{}] {} {:.2f}\n", d.id, d.lang, d.relation, d.similarity);
    }
    return out;
}

std::string stats_to_json(const DatabaseStats& st) {
    const nlohmann::ordered_json j = {
        {"documents", st.documents},
        {"parts", {{"total", st.parts}, {"ko", st.korean_parts}, {"en", st.english_parts}}},
        {"size_bytes", st.size_bytes},
        {"last_update", st.last_update.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(st.last_update)}};
    return j.dump(2) + "\n";
}

std::string stats_to_text(const DatabaseStats& st) {
    return fmt::format("documents    {}\nparts        {} ({} ko, {} en)\nsize         {:.1f} MB\nlast update  {}\n",
                       st.documents, st.parts, st.korean_parts, st.english_parts,
                       static_cast<double>(st.size_bytes) / 1e6, st.last_update.empty() ? "never" : st.last_update);
}

namespace {

nlohmann::ordered_json relation_json(const DuplicateRelation& r, bool evidence) {
    nlohmann::ordered_json j = {{"a", r.a}, {"b", r.b}, {"relation", r.relation}, {"similarity", r.similarity}};
    if (evidence) {
        const DuplicateEvidence& e = r.evidence;
        j["evidence"] = {{"shared_figures", e.shared_figures},
                         {"shared_names", e.shared_names},
                         {"coverage", {e.coverage_a, e.coverage_b}},
                         {"order", e.order},
                         {"length_ratio", e.length_ratio},
                         {"word_jaccard", e.word_jaccard},
                         {"shingle_jaccard", e.shingle_jaccard}};
    }
    return j;
}

std::string dump(const nlohmann::ordered_json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string list(const std::vector<std::string>& items, std::size_t most) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < most; ++i) out += (i ? ", " : "") + items[i];
    if (items.size() > most) out += fmt::format(" (+{} more)", items.size() - most);
    return out.empty() ? "none" : out;
}

}  // namespace

std::string clusters_to_json(const std::vector<DuplicateCluster>& clusters) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& c : clusters) {
        nlohmann::ordered_json members = nlohmann::ordered_json::array();
        for (const auto& m : c.members) members.push_back({{"id", m.id}, {"lang", m.lang}});
        nlohmann::ordered_json relations = nlohmann::ordered_json::array();
        for (const auto& r : c.relations) relations.push_back(relation_json(r, false));
        list.push_back({{"id", c.id}, {"members", members}, {"relations", relations}});
    }
    return dump({{"clusters", list}});
}

std::string clusters_to_text(const std::vector<DuplicateCluster>& clusters) {
    std::string out;
    for (const auto& c : clusters) {
        out += fmt::format("cluster {} ({} parts)\n", c.id, c.members.size());
        for (const auto& m : c.members) out += fmt::format("  {} [{}]\n", m.id, m.lang);
        for (const auto& r : c.relations)
            out += fmt::format("  {} = {}  {} {:.2f}\n", r.a, r.b, r.relation, r.similarity);
    }
    return out;
}

std::string relations_to_json(const std::string& id, const std::vector<DuplicateRelation>& relations) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& r : relations) list.push_back(relation_json(r, true));
    return dump({{"id", id}, {"relations", list}});
}

std::string relations_to_text(const std::vector<DuplicateRelation>& relations) {
    std::string out;
    for (const auto& r : relations) {
        const DuplicateEvidence& e = r.evidence;
        out += fmt::format("{} = {}  {} {:.2f}\n", r.a, r.b, r.relation, r.similarity);
        out += fmt::format("  shared figures  {}\n", list(e.shared_figures, 12));
        out += fmt::format("  shared names    {}\n", list(e.shared_names, 12));
        out += fmt::format("  coverage        {:.2f} / {:.2f}   order {:.2f}   length ratio {:.2f}\n", e.coverage_a,
                           e.coverage_b, e.order, e.length_ratio);
        out += fmt::format("  word overlap    {:.2f}   phrase overlap {:.2f}\n", e.word_jaccard, e.shingle_jaccard);
    }
    return out;
}

}  // namespace aisearch

#include "common/duplicate_store.h"

#include <algorithm>
#include <charconv>
#include <span>

#include "aisearch/error.h"
#include "common/content_hash.h"
#include "common/record_fields.h"
#include "common/schema.h"

namespace aisearch {
namespace {

constexpr std::string_view kClusterKind = "aisearch-cluster";
constexpr std::string_view kDuplicatesKind = "aisearch-dup";

constexpr char kPartSeparator = '\0';  // between the parts of a link or a member
constexpr char kListSeparator = '\x1f';  // between the figures or names of a list

std::string number(double x) {
    char buffer[32];
    return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, x).ptr);
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += kListSeparator;
        out += i;
    }
    return out;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> out;
    for (std::size_t at = 0;;) {
        const auto next = s.find(separator, at);
        out.push_back(s.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
        if (next == std::string_view::npos) return out;
        at = next + 1;
    }
}

template <typename T>
bool parse(std::string_view s, T& out) {
    return !s.empty() && std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc();
}

CorruptDatabaseError corrupt_record(std::string_view record, const char* why) {
    return CorruptDatabaseError("stored duplicate " + std::string(record) + " is corrupt: " + why);
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

namespace {

void add_links(FieldWriter& out, std::span<const DuplicateLink> links) {
    for (const auto& l : links) {
        const PairEvidence& e = l.evidence;
        std::string value = l.other;
        for (const std::string& part :
             {std::string(relation_name(l.relation)), number(l.similarity), joined(e.shared_figures),
              joined(e.shared_names),
              std::to_string(e.specific_a) + " " + std::to_string(e.specific_b) + " " + std::to_string(e.specific_shared),
              number(e.coverage_a) + " " + number(e.coverage_b) + " " + number(e.order) + " " + number(e.length_ratio) +
                  " " + number(e.structure) + " " + number(e.paragraph_ratio) + " " + number(e.position) + " " +
                  number(e.word_jaccard) + " " + number(e.shingle_jaccard)})
            value.append(1, kPartSeparator).append(part);
        out.add("link", value);
    }
}

std::string encode_record(std::string_view cluster, std::span<const DuplicateLink> links) {
    FieldWriter out(kDuplicatesKind);
    out.add("cluster", cluster);
    add_links(out, links);
    return out.take();
}

}  // namespace

std::string encode(const PartDuplicates& d) { return encode_record(d.cluster, d.links); }

std::string with_links_added(std::string_view data, std::span<const DuplicateLink> added) {
    if (data.empty()) return encode_record("", added);
    if (!is_record_of(data, kDuplicatesKind)) throw corrupt_record("record", "wrong kind");
    FieldWriter out = FieldWriter::continuing(std::string(data));
    add_links(out, added);
    return out.take();
}

namespace {

// Calls on_link(link, its evidence fields) for each link of a stored part
// record and returns the record's cluster.
template <typename OnLink>
std::string read_links(std::string_view data, OnLink&& on_link) {
    std::string cluster;
    if (data.empty()) return cluster;
    read_fields(data, kDuplicatesKind, [&](std::string_view name, std::string_view value) {
        if (name == "cluster") {
            cluster.assign(value);
            return true;
        }
        if (name != "link") return true;
        const auto parts = split(value, kPartSeparator);
        if (parts.size() != 7) throw corrupt_record("record", "bad link");
        PartLinks::Link link;
        link.other.assign(parts[0]);
        const auto r = relation_from_name(parts[1]);
        if (!r || !parse(parts[2], link.similarity)) throw corrupt_record("record", "bad link");
        link.relation = *r;
        on_link(std::move(link), std::span(parts).subspan(3));
        return true;
    });
    return cluster;
}

}  // namespace

PartDuplicates decode_part_duplicates(std::string_view data) {
    PartDuplicates d;
    d.cluster = read_links(data, [&](PartLinks::Link link, std::span<const std::string_view> fields) {
        PairEvidence e;
        for (auto [list, out] : {std::pair{fields[0], &e.shared_figures}, std::pair{fields[1], &e.shared_names}})
            if (!list.empty())
                for (auto item : split(list, kListSeparator)) out->emplace_back(item);
        e.shared_figure_count = e.shared_figures.size();
        e.shared_name_count = e.shared_names.size();
        const auto specific = split(fields[2], ' ');
        const auto numbers = split(fields[3], ' ');
        double* const doubles[] = {&e.coverage_a,      &e.coverage_b, &e.order,        &e.length_ratio,
                                   &e.structure,       &e.paragraph_ratio, &e.position, &e.word_jaccard,
                                   &e.shingle_jaccard};
        bool ok = specific.size() == 3 && numbers.size() == std::size(doubles) && parse(specific[0], e.specific_a) &&
                  parse(specific[1], e.specific_b) && parse(specific[2], e.specific_shared);
        for (std::size_t i = 0; ok && i < std::size(doubles); ++i) ok = parse(numbers[i], *doubles[i]);
        if (!ok) throw corrupt_record("record", "bad evidence");
        d.links.push_back({std::move(link.other), link.relation, link.similarity, std::move(e)});
    });
    return d;
}

PartLinks decode_part_links(std::string_view data) {
    PartLinks d;
    d.cluster = read_links(data, [&](PartLinks::Link link, auto) { d.links.push_back(std::move(link)); });
    return d;
}

std::string with_cluster(std::string_view data, std::string_view cluster) {
    FieldWriter out(kDuplicatesKind);
    out.reserve(data.size() + cluster.size() + 16);
    out.add("cluster", cluster);
    bool links = false;
    if (!data.empty())
        read_fields(data, kDuplicatesKind, [&](std::string_view name, std::string_view value) {
            if (name == "link") {
                out.add(name, value);
                links = true;
            }
            return true;
        });
    return links || !cluster.empty() ? out.take() : std::string();
}

std::vector<std::string> ClusterRecord::parts() const {
    std::vector<std::string> out;
    out.reserve(members.size());
    for (const auto& m : members) out.push_back(m.part);
    return out;
}

std::string encode(const ClusterRecord& c) {
    FieldWriter out(kClusterKind);
    if (c.large_size > 0) out.add("size", std::to_string(c.large_size));
    for (const auto& m : c.members) {
        std::string value = m.part;
        value.append(1, kPartSeparator).append(m.id).append(1, kPartSeparator).append(m.lang);
        out.add("member", value);
    }
    for (const auto& l : c.links) {
        out.add("link", std::to_string(l.a) + " " + std::to_string(l.b) + " " + std::string(relation_name(l.relation)) +
                            " " + number(l.similarity));
    }
    return out.take();
}

ClusterRecord decode_cluster_record(std::string_view data) {
    ClusterRecord c;
    if (data.empty()) return c;
    read_fields(data, kClusterKind, [&](std::string_view name, std::string_view value) {
        if (name == "member") {
            const auto parts = split(value, kPartSeparator);
            if (parts.size() != 3) throw corrupt_record("cluster", "bad member");
            c.members.push_back({std::string(parts[0]), std::string(parts[1]), std::string(parts[2])});
        } else if (name == "size") {
            if (!parse(value, c.large_size)) throw corrupt_record("cluster", "bad size");
        } else if (name == "link") {
            ClusterRecord::Link link;
            const auto fields = split(value, ' ');
            const auto r = fields.size() == 4 ? relation_from_name(fields[2]) : std::nullopt;
            if (!r || !parse(fields[0], link.a) || !parse(fields[1], link.b) || !parse(fields[3], link.similarity) ||
                link.a >= c.members.size() || link.b >= c.members.size())
                throw corrupt_record("cluster", "bad link");
            link.relation = *r;
            c.links.push_back(link);
        }
        return true;
    });
    return c;
}

void write_cluster(Xapian::WritableDatabase& db, std::string_view cluster_id, const ClusterRecord& c) {
    const bool large = c.members.size() > kMaxClusterSize;
    ClusterRecord size_only;
    size_only.large_size = c.members.size();
    db.set_metadata(cluster_key(cluster_id), c.members.empty() ? std::string() : encode(large ? size_only : c));
    db.set_metadata(large_cluster_key(cluster_id), large ? encode(c) : std::string());
}

ClusterRecord read_cluster(const Xapian::Database& db, std::string_view cluster_id) {
    ClusterRecord c = decode_cluster_record(db.get_metadata(cluster_key(cluster_id)));
    if (c.large_size == 0) return c;
    return decode_cluster_record(db.get_metadata(large_cluster_key(cluster_id)));
}

std::string duplicates_key(std::string_view part_term) {
    return std::string(schema::kDuplicatesKey).append(part_term);
}

std::string cluster_key(std::string_view cluster_id) {
    return std::string(schema::kClusterKey).append(cluster_id);
}

std::string large_cluster_key(std::string_view cluster_id) {
    return std::string(schema::kLargeClusterKey).append(cluster_id);
}

std::string duplicates_pending_key(std::string_view part_term) {
    return std::string(schema::kDuplicatesPendingKey).append(part_term);
}

std::string cluster_id(const std::vector<std::string>& part_terms) {
    if (part_terms.empty()) return {};
    return content_hash(*std::min_element(part_terms.begin(), part_terms.end()));
}

PartDuplicates read_part_duplicates(const Xapian::Database& db, std::string_view part_term) {
    return decode_part_duplicates(db.get_metadata(duplicates_key(part_term)));
}

PartLinks read_part_links(const Xapian::Database& db, std::string_view part_term) {
    return decode_part_links(db.get_metadata(duplicates_key(part_term)));
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

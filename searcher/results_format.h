// How the aisearch CLI prints results: the stable JSON schema of --json
// (docs/json-schema.md) and the human-readable text form.
#pragma once

#include <string>

#include "aisearch/searcher.h"

namespace aisearch {

std::string results_to_json(const Results& results);

// `terminal`: highlight in bold with ANSI escapes; otherwise with the plain
// markers ** ... **.
std::string results_to_text(const Results& results, bool terminal);

std::string stats_to_json(const DatabaseStats& stats);
std::string stats_to_text(const DatabaseStats& stats);

// aisearch dups: every cluster (docs/json-schema.md).
std::string clusters_to_json(const std::vector<DuplicateCluster>& clusters);
std::string clusters_to_text(const std::vector<DuplicateCluster>& clusters);
// aisearch dups ID: one document's relations with their evidence.
std::string relations_to_json(const std::string& id, const std::vector<DuplicateRelation>& relations);
std::string relations_to_text(const std::vector<DuplicateRelation>& relations);

// The snippet with its highlights marked by `open` and `close`.
std::string mark_highlights(const Hit& hit, std::string_view open, std::string_view close);

}  // namespace aisearch

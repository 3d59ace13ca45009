// Text the aisearch-index CLI prints: the progress line on a terminal, the
// final summary, and the summary as one JSON object for monitoring.
#pragma once

#include <string>

#include "indexer/indexer.h"

namespace aisearch {

// "[#####     ] 1,234/3,384 files  5.6/12.3 MB  2.3 MB/s  ETA 0:03"
std::string progress_line(const IndexProgress& p);

// "added 3, updated 1, deleted 0, unchanged 120, skipped 2; 1.2 MB in 0.8 s"
std::string summary_line(const IndexSummary& s);

// {"added":…, "updated":…, "deleted":…, "unchanged":…, "skipped":…, "bytes":…, "seconds":…}
std::string summary_json(const IndexSummary& s);

}  // namespace aisearch

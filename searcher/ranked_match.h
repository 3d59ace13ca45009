// How aisearch runs a parsed query: BM25 ranking, and the relaxed query
// when the strict one matches nothing. The searcher and the evaluation
// programs share it, so what is measured is what users get.
#pragma once

#include <xapian.h>

#include "searcher/query_parser.h"

namespace aisearch {

struct RankedMatches {
    Xapian::MSet mset;
    bool relaxed = false;  // the strict query matched nothing
};

// Sets the weighting scheme and the query on `enquire` (its sort order is
// the caller's) and returns the hits from `offset`, at most `limit`.
RankedMatches rank_matches(Xapian::Enquire& enquire, const ParsedQuery& query, Xapian::doccount offset,
                           Xapian::doccount limit);

}  // namespace aisearch

#include "searcher/ranked_match.h"

namespace aisearch {

RankedMatches rank_matches(Xapian::Enquire& enquire, const ParsedQuery& query, Xapian::doccount offset,
                           Xapian::doccount limit) {
    // BM25 with the usual k1/b and no minimum length normalisation: on
    // short pages this ranks known items far better than Xapian's defaults
    // (docs/analyzer.md).
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.75, 0));
    enquire.set_query(query.query);
    RankedMatches r;
    r.mset = enquire.get_mset(offset, limit);
    if (r.mset.get_matches_upper_bound() == 0 && query.can_relax) {
        enquire.set_query(query.relaxed);
        r.mset = enquire.get_mset(offset, limit);
        r.relaxed = true;
    }
    return r;
}

}  // namespace aisearch

// Query text -> Xapian::Query, through the shared Analyzer so that queries
// are tokenised exactly as documents were. Syntax (docs/query-syntax.md):
// words (all required), "phrases", OR (binds tighter than the implicit
// AND), -word / NOT word, ( ), lang:ko, title:word, title:"phrase", deep*.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/analyzer.h"
#include "common/bilingual_lexicon.h"

namespace aisearch {

// What a snippet should highlight: the positive words of a query and
// their translations.
struct HighlightTerms {
    std::unordered_set<std::string> latin_stems;  // English words, by stem
    std::unordered_set<std::string> exact;        // numbers, Korean words and stems
    std::vector<std::string> hangul_parts;        // Korean words found inside compounds
    // A one-syllable Korean noun with a particle kept on it -> the noun (칩이 -> 칩)
    std::unordered_map<std::string, std::string> noun_forms;
    std::vector<std::string> prefixes;            // wildcards
};

struct ParsedQuery {
    Xapian::Query query;    // every top-level clause required
    Xapian::Query relaxed;  // any clause may match; equals query if only one
    bool can_relax = false;
    HighlightTerms highlight;
};

class QueryParser {
public:
    QueryParser(Analyzer& analyzer, const BilingualLexicon& lexicon);

    // Throws QuerySyntaxError naming the problem.
    ParsedQuery parse(const std::string& text, const std::string& lang_filter = "");

private:
    Analyzer& analyzer_;
    const BilingualLexicon& lexicon_;
};

}  // namespace aisearch

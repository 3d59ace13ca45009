// Our own snippets: Xapian's MSet::snippet() re-tokenises with its own
// splitter and cannot highlight Korean stems, compound parts or lexicon
// translations. This re-analyses a hit's stored text with the shared
// Analyzer, picks the window with the most distinct query words, and
// records highlights as code-point ranges of the snippet.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "aisearch/searcher.h"
#include "common/analyzer.h"
#include "searcher/query_parser.h"

namespace aisearch {

struct Snippet {
    std::string text;
    std::vector<Highlight> highlights;
};

class SnippetMaker {
public:
    explicit SnippetMaker(Analyzer& analyzer) : analyzer_(analyzer) {}

    // `text` must be valid UTF-8; `length` is in code points.
    Snippet make(std::string_view text, const HighlightTerms& terms, std::size_t length);

private:
    Analyzer& analyzer_;
};

}  // namespace aisearch

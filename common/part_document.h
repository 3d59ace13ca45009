// One language part -> one Xapian document: the terms of its title and
// body, its boolean terms and its stored data. The indexer and the
// evaluation programs share it so they index identically.
#pragma once

#include <xapian.h>

#include <string>

#include "common/analyzer.h"
#include "common/document_parser.h"
#include "common/duplicate_fingerprint.h"
#include "common/metadata_extractor.h"

namespace aisearch {

// Where a part comes from and what is known about its article.
struct PartContext {
    std::string part_id;  // shown id: document id, plus #ko/#en for a bilingual document
    std::string doc_key;  // unique key of the document (see schema.h)
    std::string part_suffix;  // "#ko"/"#en" for a part of a bilingual document, else ""
    std::string path;     // source file
    std::string hash;     // content hash of the source file
    std::string indexed;  // ISO 8601 time of indexing
    ArticleMetadata metadata;
    std::string url;
};

Xapian::Document make_part_document(Analyzer& analyzer, const LanguagePart& part, const PartContext& context);
// The same with the part's words already analysed (analyze_part).
Xapian::Document make_part_document(Analyzer& analyzer, const LanguagePart& part, const AnalyzedPart& words,
                                    const PartContext& context);

// The words of a part's title and paragraphs (valid UTF-8, as the
// DocumentParser makes them).
AnalyzedPart analyze_part(Analyzer& analyzer, const LanguagePart& part);

// Stores a part's duplicate fingerprint and the terms duplicate detection
// finds candidates by (exact hash, LSH bands, anchors).
void add_duplicate_evidence(Xapian::Document& doc, const DuplicateFingerprint& fingerprint);

// The term of one LSH band key (XB...).
std::string band_term(std::size_t band, std::uint32_t key);

// The unique term of the part's Xapian document (Q...).
std::string part_key_term(const PartContext& context);

}  // namespace aisearch

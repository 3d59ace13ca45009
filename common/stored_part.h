// What the indexer stores with each language part and the searcher reads
// back to show a hit: an "aisearch-part" record (common/record_fields.h)
// in value slot kRecordSlot, the text last; and the part's label, a record
// of the same kind with the id and language alone, in kLabelSlot.
#pragma once

#include <string>
#include <string_view>

namespace aisearch {

struct StoredPart {
    std::string id;     // part id: document id, plus #ko/#en for a bilingual document
    std::string path;   // source file
    std::string title;
    std::string lang;
    std::string date;   // publication date, YYYY-MM-DD, or ""
    std::string source;
    std::string author;
    std::string url;
    std::string hash;     // content hash of the source file when indexed
    std::string indexed;  // when it was indexed, ISO 8601 UTC
    std::string text;     // paragraphs separated by '\n', for snippets
};

std::string encode(const StoredPart& part);

// Just the id and language of a stored part, without reading the rest
// (both are stored first).
struct PartLabel {
    std::string id;
    std::string lang;
};

std::string encode(const PartLabel& label);
// Reads a label or a whole stored part.
// Throws CorruptDatabaseError if `data` has no id.
PartLabel decode_part_label(std::string_view data);
// Throws CorruptDatabaseError if `data` is not a stored part.
StoredPart decode_stored_part(std::string_view data);

}  // namespace aisearch

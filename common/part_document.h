// One language part -> one Xapian document: the terms of its title and
// body, its boolean terms and its stored data. The indexer and the
// evaluation programs share it so they index identically.
#pragma once

#include <xapian.h>

#include <string>

#include "common/analyzer.h"
#include "common/document_parser.h"

namespace aisearch {

struct PartIdentity {
    std::string part_id;  // document id, plus #ko/#en for a bilingual document
    std::string doc_id;
    std::string path;     // source file
};

Xapian::Document make_part_document(Analyzer& analyzer, const LanguagePart& part, const PartIdentity& identity);

}  // namespace aisearch

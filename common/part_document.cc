#include "common/part_document.h"

#include "common/schema.h"
#include "common/stored_part.h"

namespace aisearch {

Xapian::Document make_part_document(Analyzer& analyzer, const LanguagePart& part, const PartIdentity& identity) {
    StoredPart stored;
    stored.id = identity.part_id;
    stored.path = identity.path;
    stored.title = part.title;
    stored.lang = part.lang;
    for (const auto& p : part.paragraphs) {
        if (!stored.text.empty()) stored.text += '\n';
        stored.text += p;
    }

    Xapian::Document doc;
    Xapian::termpos pos = 0;
    analyzer.index_text(doc, part.title, schema::kTitleField, 1, pos);
    pos = 0;
    analyzer.index_text(doc, part.title, schema::kBodyField, schema::kTitleWdf, pos);
    pos += schema::kPositionStride;  // no phrase spans title and body
    for (const auto& p : part.paragraphs) analyzer.index_text(doc, p, schema::kBodyField, 1, pos);
    doc.add_boolean_term(schema::boolean_term(schema::kPartId, identity.part_id));
    doc.add_boolean_term(schema::boolean_term(schema::kDocumentId, identity.doc_id));
    doc.add_boolean_term(schema::boolean_term(schema::kLanguage, part.lang));
    doc.set_data(encode(stored));
    return doc;
}

}  // namespace aisearch

#include "common/part_document.h"

#include <cstdio>

#include "common/schema.h"
#include "common/stored_part.h"

namespace aisearch {

std::string part_key_term(const PartContext& context) {
    return schema::key_term(schema::kPartId, context.doc_key + context.part_suffix);
}

AnalyzedPart analyze_part(Analyzer& analyzer, const LanguagePart& part) {
    AnalyzedPart words;
    words.title = analyzer.analyze(part.title);
    words.paragraphs.reserve(part.paragraphs.size());
    for (const auto& p : part.paragraphs) words.paragraphs.push_back(analyzer.analyze(p));
    return words;
}

Xapian::Document make_part_document(Analyzer& analyzer, const LanguagePart& part, const PartContext& context) {
    return make_part_document(analyzer, part, analyze_part(analyzer, part), context);
}

Xapian::Document make_part_document(Analyzer& analyzer, const LanguagePart& part, const AnalyzedPart& words,
                                    const PartContext& context) {
    StoredPart stored;
    stored.id = context.part_id;
    stored.path = context.path;
    stored.title = part.title;
    stored.lang = part.lang;
    stored.date = context.metadata.date;
    stored.source = context.metadata.source;
    stored.author = context.metadata.author;
    stored.url = context.url;
    stored.hash = context.hash;
    stored.indexed = context.indexed;
    for (const auto& p : part.paragraphs) {
        if (!stored.text.empty()) stored.text += '\n';
        stored.text += p;
    }

    Xapian::Document doc;
    Xapian::termpos pos = 0;
    analyzer.index_words(doc, words.title, schema::kTitleField, 1, pos);
    pos = 0;
    analyzer.index_words(doc, words.title, schema::kBodyField, schema::kTitleWdf, pos);
    if (!words.title.empty()) doc.add_boolean_term(schema::whole_title_term(words.title));
    pos += schema::kPositionStride;  // no phrase spans title and body
    for (const auto& p : words.paragraphs) analyzer.index_words(doc, p, schema::kBodyField, 1, pos);
    if (!stored.source.empty()) {
        Xapian::termpos source_pos = 0;
        analyzer.index_text(doc, schema::source_words(stored.source), schema::kSourceField, 1, source_pos);
    }
    if (!stored.date.empty()) {
        doc.add_value(schema::kDateSlot, stored.date);
        doc.add_boolean_term(schema::boolean_term(schema::kDate, stored.date));
    }
    doc.add_boolean_term(part_key_term(context));
    doc.add_boolean_term(schema::key_term(schema::kDocumentId, context.doc_key));
    doc.add_value(schema::kDocumentSlot, schema::key_term(schema::kDocumentId, context.doc_key));
    doc.add_boolean_term(schema::key_term(schema::kSourceFile, context.path));
    doc.add_boolean_term(schema::boolean_term(schema::kLanguage, part.lang));
    doc.add_value(schema::kLabelSlot, encode(PartLabel{stored.id, stored.lang}));
    doc.add_value(schema::kRecordSlot, encode(stored));
    return doc;
}

std::string band_term(std::size_t band, std::uint32_t key) {
    char text[32];
    std::snprintf(text, sizeof text, "%02zx%08x", band, static_cast<unsigned>(key));
    return schema::boolean_term(schema::kBand, text);
}

void add_duplicate_evidence(Xapian::Document& doc, const DuplicateFingerprint& fingerprint) {
    constexpr std::size_t kMaxAnchor = 120;  // longer ones are sentences, not names
    doc.add_value(schema::kFingerprintSlot, fingerprint.encode());
    doc.add_value(schema::kLengthSlot, Xapian::sortable_serialise(fingerprint.length));
    if (!fingerprint.text_hash.empty())
        doc.add_boolean_term(schema::boolean_term(schema::kTextHash, fingerprint.text_hash));
    for (std::size_t band = 0; band < fingerprint.band_keys.size(); ++band) {
        doc.add_boolean_term(band_term(band, fingerprint.band_keys[band]));
    }
    for (const auto& anchor : fingerprint.anchors)
        if (anchor.size() <= kMaxAnchor) doc.add_boolean_term(schema::boolean_term(schema::kAnchor, anchor));
}

}  // namespace aisearch

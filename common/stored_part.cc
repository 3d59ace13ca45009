#include "common/stored_part.h"

#include "aisearch/error.h"
#include "common/record_fields.h"

namespace aisearch {
namespace {

constexpr std::string_view kKind = "aisearch-part";

}  // namespace

std::string encode(const StoredPart& p) {
    FieldWriter out(kKind);
    out.reserve(p.title.size() + p.path.size() + p.text.size() + 256);
    // The id and language first, so a reader that wants only those stops
    // early.
    out.add("id", p.id);
    out.add("lang", p.lang);
    out.add("title", p.title);
    out.add("path", p.path);
    out.add("date", p.date);
    out.add("source", p.source);
    out.add("author", p.author);
    out.add("url", p.url);
    out.add("hash", p.hash);
    out.add("indexed", p.indexed);
    out.add("text", p.text);
    return out.take();
}

std::string encode(const PartLabel& label) {
    FieldWriter out(kKind);
    out.add("id", label.id);
    out.add("lang", label.lang);
    return out.take();
}

StoredPart decode_stored_part(std::string_view data) {
    StoredPart p;
    bool has_id = false;
    read_fields(data, kKind, [&](std::string_view name, std::string_view value) {
        std::string* field = name == "id"        ? (has_id = true, &p.id)
                             : name == "lang"    ? &p.lang
                             : name == "title"   ? &p.title
                             : name == "path"    ? &p.path
                             : name == "date"    ? &p.date
                             : name == "source"  ? &p.source
                             : name == "author"  ? &p.author
                             : name == "url"     ? &p.url
                             : name == "hash"    ? &p.hash
                             : name == "indexed" ? &p.indexed
                             : name == "text"    ? &p.text
                                                 : nullptr;
        if (field) field->assign(value);
        return true;
    });
    if (!has_id) throw CorruptDatabaseError("stored data is not an aisearch-part record: no id");
    return p;
}

PartLabel decode_part_label(std::string_view data) {
    PartLabel label;
    bool has_id = false, has_lang = false;
    read_fields(data, kKind, [&](std::string_view name, std::string_view value) {
        if (name == "id") label.id.assign(value), has_id = true;
        else if (name == "lang") label.lang.assign(value), has_lang = true;
        return !(has_id && has_lang);
    });
    if (!has_id) throw CorruptDatabaseError("stored data is not an aisearch-part record: no id");
    return label;
}

}  // namespace aisearch

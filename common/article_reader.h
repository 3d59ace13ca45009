// Reads the articles of one input file, whatever its format: plain text
// and Markdown (.txt, .md), HTML (.html, .htm) and JSON Lines (.jsonl, one
// article per line). Decoding (UTF-8, UTF-16 with BOM), furniture removal,
// language parts and metadata (date, source, author) happen here, so every
// format reaches the index in the same shape.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/document_parser.h"
#include "common/metadata_extractor.h"

namespace aisearch {

struct Article {
    std::string id;         // document id
    ParsedDocument parsed;  // one part per language
    ArticleMetadata metadata;
    std::string url;
};

struct FileReport {
    std::size_t articles = 0;           // delivered to the caller
    std::vector<std::string> warnings;  // the file was indexed, but ...
    std::vector<std::string> skipped;   // records left out ("line 3: missing \"body\"")
    std::string skip_reason;            // non-empty: nothing of the file is indexed
};

class ArticleReader {
public:
    explicit ArticleReader(DocumentParser parser);

    // One article's text may be at most this large; a larger record is
    // skipped, so memory stays bounded whatever the input.
    static constexpr std::size_t kMaxArticleBytes = 4u << 20;

    static bool can_read(const std::filesystem::path& file);
    // True for formats with many articles per file (JSON Lines).
    static bool holds_records(const std::filesystem::path& file);

    // Calls `on_article` for each article as it is read. `file_id` is the
    // document id of a file that holds one article.
    FileReport read(const std::filesystem::path& file, std::string_view bytes, const std::string& file_id,
                    const std::function<void(Article&&)>& on_article) const;

private:
    Article make_article(std::string id, std::vector<std::string> paragraphs) const;

    DocumentParser parser_;
};

}  // namespace aisearch

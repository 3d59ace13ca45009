#include "common/article_reader.h"

#include "aisearch/error.h"
#include "common/html_reader.h"
#include "common/jsonl_reader.h"
#include "common/text_decoder.h"

namespace aisearch {
namespace {

enum class Format { Text, Html, JsonLines, Unknown };

Format format_of(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (ext == ".txt" || ext == ".md") return Format::Text;
    if (ext == ".html" || ext == ".htm") return Format::Html;
    if (ext == ".jsonl") return Format::JsonLines;
    return Format::Unknown;
}

}  // namespace

ArticleReader::ArticleReader(DocumentParser parser) : parser_(std::move(parser)) {}

bool ArticleReader::can_read(const std::filesystem::path& file) { return format_of(file) != Format::Unknown; }

bool ArticleReader::holds_records(const std::filesystem::path& file) { return format_of(file) == Format::JsonLines; }

Article ArticleReader::make_article(std::string id, std::vector<std::string> paragraphs) const {
    Article a;
    a.id = std::move(id);
    a.parsed = parser_.parse_paragraphs(paragraphs);
    a.metadata = extract_metadata(paragraphs);
    return a;
}

FileReport ArticleReader::read(const std::filesystem::path& file, std::string_view bytes, const std::string& file_id,
                              const std::function<void(Article&&)>& on_article) const {
    FileReport out;
    const Format format = format_of(file);
    if (bytes.empty()) {
        out.skip_reason = "empty file";
        return out;
    }
    if (looks_binary(bytes)) {
        out.skip_reason = "binary file, not text";
        return out;
    }
    if (format != Format::JsonLines && bytes.size() > kMaxArticleBytes) {
        out.skip_reason = "too large for one article (" + std::to_string(bytes.size() >> 20) + " MiB; the limit is " +
                          std::to_string(kMaxArticleBytes >> 20) + " MiB)";
        return out;
    }
    auto deliver = [&](Article&& a) {
        ++out.articles;
        on_article(std::move(a));
    };
    if (format == Format::Html) {
        HtmlContent html = read_html(bytes);
        std::vector<std::string> paragraphs;
        if (!html.title.empty()) paragraphs.push_back(std::move(html.title));
        for (auto& p : html.paragraphs) paragraphs.push_back(std::move(p));
        Article a = make_article(file_id, std::move(paragraphs));
        if (!a.parsed.parts.empty()) deliver(std::move(a));
    } else {
        const DecodedText text = decode_text(bytes);
        if (text.invalid_sequences > 0)
            out.warnings.push_back("invalid UTF-8 (" + std::to_string(text.invalid_sequences) +
                                   " sequences replaced by U+FFFD)");
        if (format == Format::JsonLines) {
            read_jsonl(
                text.utf8,
                [&](JsonlRecord&& r) {
                    const std::string where = "line " + std::to_string(r.line) + ": ";
                    if (r.body.size() + r.title.size() > kMaxArticleBytes) {
                        out.skipped.push_back(where + "record too large for one article (limit " +
                                              std::to_string(kMaxArticleBytes >> 20) + " MiB)");
                        return;
                    }
                    std::vector<std::string> paragraphs;
                    if (!r.title.empty()) paragraphs.push_back(r.title);
                    for (auto& l : split_lines(r.body)) paragraphs.push_back(std::move(l));
                    Article a = make_article(r.id, std::move(paragraphs));
                    if (!r.date.empty()) a.metadata.date = normalize_date(r.date);
                    if (!r.source.empty()) a.metadata.source = r.source;
                    if (!r.lang.empty() && a.parsed.parts.size() == 1) a.parsed.parts.front().lang = r.lang;
                    a.url = r.url;
                    if (a.parsed.parts.empty())
                        out.skipped.push_back(where + "no text to index");
                    else
                        deliver(std::move(a));
                },
                [&](const JsonlProblem& p) {
                    out.skipped.push_back("line " + std::to_string(p.line) + ": " + p.reason);
                });
        } else {
            Article a = make_article(file_id, split_lines(text.utf8));
            if (!a.parsed.parts.empty()) deliver(std::move(a));
        }
    }
    if (format != Format::JsonLines && out.articles == 0) out.skip_reason = "no text to index";
    return out;
}

}  // namespace aisearch

#include "common/html_reader.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>
#include <optional>
#include <unordered_set>

#include "aisearch/error.h"
#include "common/text_decoder.h"
#include "common/utf8.h"

namespace aisearch {
namespace {

// Where browsers look for a <meta charset>: we look a little further, as
// scraped pages put large scripts first.
constexpr std::size_t kCharsetScanBytes = 64 * 1024;

// Elements whose whole content is not article text.
const std::unordered_set<std::string_view> kDropped = {
    "script", "style", "noscript", "template", "iframe", "svg",    "nav", "header",
    "footer", "aside", "form",     "button",   "select"};

// Elements that start and end a paragraph. Beyond the usual text blocks,
// containers (body, ul, table, tr, ...) end one too, so text loose between
// two blocks does not run into them.
const std::unordered_set<std::string_view> kBlocks = {
    "p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt",
    "figcaption", "section", "article", "main", "body", "ul", "ol", "dl", "table", "tr", "caption",
    "figure", "address", "hr", "center", "details", "summary", "fieldset", "legend"};

std::string_view name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

bool is_dropped(const xmlNode* n) { return kDropped.contains(name_of(n)); }

bool is_space(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF; }

// Valid UTF-8 with runs of white space (any Unicode space, &nbsp; too) as
// one ASCII space and none at the ends.
std::string collapse_space(std::string_view raw) {
    const std::string s = sanitize_utf8(raw);
    std::string out;
    out.reserve(s.size());
    bool space = false;
    const auto* p = reinterpret_cast<const uint8_t*>(s.data());
    const auto n = static_cast<int32_t>(s.size());
    for (int32_t i = 0; i < n;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (is_space(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out.append(s, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
    }
    return out;
}

// All text under a node, as displayed: dropped elements skipped, <br> and
// block boundaries as spaces.
void append_text(const xmlNode* n, std::string& out) {
    for (; n != nullptr; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) out += reinterpret_cast<const char*>(n->content);
        } else if (n->type == XML_ELEMENT_NODE && !is_dropped(n)) {
            const bool block = name_of(n) == "br" || kBlocks.contains(name_of(n));
            if (block) out += ' ';
            append_text(n->children, out);
            if (block) out += ' ';
        }
    }
}

// Walks the whole tree, <head> included: libxml2 2.9 does not know HTML5
// elements and leaves <header>, <article>, ... inside <head> when a page
// has no <body> tag.
class Collector {
public:
    void walk(const xmlNode* n) {
        for (; n != nullptr; n = n->next) {
            if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
                if (n->content) current_ += reinterpret_cast<const char*>(n->content);
                continue;
            }
            if (n->type != XML_ELEMENT_NODE) continue;
            const std::string_view name = name_of(n);
            if (name == "title") {
                // Not shown on the page; the fallback title.
                if (title_.empty()) title_ = text_of(n->children);
                continue;
            }
            if (is_dropped(n)) continue;
            if (name == "br") {
                current_ += ' ';
                continue;
            }
            const bool block = kBlocks.contains(name);
            if (block) flush();
            if (h1_.empty() && name == "h1") h1_ = text_of(n->children);
            walk(n->children);
            if (block) flush();
        }
    }

    HtmlContent finish() {
        flush();
        return {h1_.empty() ? std::move(title_) : std::move(h1_), std::move(paragraphs_)};
    }

private:
    static std::string text_of(const xmlNode* children) {
        std::string raw;
        append_text(children, raw);
        return collapse_space(raw);
    }

    void flush() {
        std::string p = collapse_space(current_);
        current_.clear();
        if (!p.empty()) paragraphs_.push_back(std::move(p));
    }

    std::string current_;
    std::string h1_;
    std::string title_;
    std::vector<std::string> paragraphs_;
};

bool ascii_iequal(char a, char b) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(a) == lower(b);
}

std::size_t ifind(std::string_view hay, std::string_view needle, std::size_t from) {
    for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && ascii_iequal(hay[i + k], needle[k])) ++k;
        if (k == needle.size()) return i;
    }
    return std::string_view::npos;
}

// The label of the first <meta charset=...> or <meta http-equiv
// content="text/html; charset=..."> near the start of the page.
std::optional<std::string> declared_charset(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, kCharsetScanBytes);
    for (std::size_t meta = ifind(head, "<meta", 0); meta != std::string_view::npos;
         meta = ifind(head, "<meta", meta + 5)) {
        const std::size_t end = std::min(head.find('>', meta), head.size());
        const std::string_view tag = head.substr(meta, end - meta);
        std::size_t i = ifind(tag, "charset", 0);
        if (i == std::string_view::npos) continue;
        i += 7;
        while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n' || tag[i] == '\r')) ++i;
        if (i >= tag.size() || tag[i] != '=') continue;
        ++i;
        while (i < tag.size() && (tag[i] == ' ' || tag[i] == '"' || tag[i] == '\'')) ++i;
        std::size_t j = i;
        while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' ||
                                  tag[j] == '_' || tag[j] == '.' || tag[j] == ':'))
            ++j;
        if (j > i) return std::string(tag.substr(i, j - i));
    }
    return std::nullopt;
}

bool is_utf8_label(std::string_view label) {
    // A page cannot declare UTF-16 in its own ASCII bytes; browsers read
    // such a label as UTF-8, and so do we.
    return ifind(label, "utf-8", 0) == 0 || ifind(label, "utf8", 0) == 0 || ifind(label, "utf-16", 0) == 0 ||
           ifind(label, "unicode", 0) == 0;
}

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

}  // namespace

HtmlContent read_html(std::string_view bytes) {
    static const bool initialised = (xmlInitParser(), true);
    (void)initialised;

    // libxml2 2.9 switches a whole page to Latin-1 at the first invalid
    // UTF-8 byte, and stops (with output on stderr) at the first invalid
    // byte of a declared EUC-KR page. So the page becomes valid UTF-8 here,
    // by its BOM or declared charset, and libxml2 is told it is UTF-8;
    // only a charset ICU does not know is left to libxml2's own detection.
    std::string utf8;
    const char* encoding = "UTF-8";
    if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
        utf8 = decode_text(bytes).utf8;
    } else if (const auto label = declared_charset(bytes); label && !is_utf8_label(*label)) {
        if (auto decoded = decode_as(bytes, *label)) {
            utf8 = std::move(decoded->utf8);
        } else {
            utf8 = std::string(bytes);
            encoding = nullptr;
        }
    } else {
        utf8 = sanitize_utf8(bytes);
    }
    if (utf8.size() > static_cast<std::size_t>(INT_MAX)) throw InputError("HTML page too large");

    const std::unique_ptr<xmlDoc, DocFree> doc(
        htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, encoding,
                       HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
    if (!doc) throw InputError("not an HTML document (libxml2 could not parse it)");
    Collector collector;
    collector.walk(xmlDocGetRootElement(doc.get()));
    return collector.finish();
}

}  // namespace aisearch

#include "common/metadata_extractor.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace aisearch {
namespace {

using icu::RegexMatcher;
using icu::RegexPattern;
using icu::UnicodeString;

constexpr std::size_t kEdgeParagraphs = 15;  // looked at, at each end
constexpr int32_t kMaxByline = 150;          // UTF-16 units: a byline is not a sentence
constexpr int32_t kMaxSource = 60;           // UTF-16 units: a name, not a paragraph

// --- Dates -----------------------------------------------------------------

// The time of day that may follow a date: "10:09", ", 10:09 AM",
// "T10:09:00+09:00", "오전 10:09", "10시 9분", with an optional zone.
constexpr std::string_view kTimeOfDay =
    R"((?:(?:T|\s*,\s*|\s+)(?:at\s+)?(?:(?:오전|오후|AM|PM)\s*)?(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
    R"((?:\s*(?:AM|PM|a\.m\.|p\.m\.))?|\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?))"
    R"((?:\s*(?:Z|[+-]\d{2}:?\d{2}|\(?(?:KST|UTC|GMT|EST|EDT|PST|PDT|CET|JST)\)?))?)?)";
constexpr std::string_view kKoreanWeekday = R"((?:\s*\(\s*[월화수목금토일](?:요일)?\s*\)|\s+[월화수목금토일]요일)?)";
constexpr std::string_view kEnglishWeekday =
    R"((?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?)";
constexpr std::string_view kMonthName =
    R"((jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?)"
    R"(|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b)";

struct DateForm {
    std::string pattern;
    int year, month, day;  // capture groups
    bool month_name;
};

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string s;
    for (std::string_view p : parts) s.append(p);
    return s;
}

const std::vector<DateForm>& date_forms() {
    static const std::vector<DateForm> forms = {
        // 2025-01-31, 2025.01.31, 2025/01/31, 2025. 1. 31.
        {cat({R"((\d{4})\s*([-./])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)\.?)", kKoreanWeekday, kTimeOfDay}), 1, 3, 4,
         false},
        // 2025년 1월 31일
        {cat({R"((\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일)", kKoreanWeekday, kTimeOfDay}), 1, 2, 3, false},
        // 31 Jan. 2025
        {cat({kEnglishWeekday, R"((\d{1,2})(?:st|nd|rd|th)?\s+)", kMonthName, R"(\.?,?\s+(\d{4})(?!\d))", kTimeOfDay}),
         3, 2, 1, true},
        // January 31, 2025; Jan. 31 2025
        {cat({kEnglishWeekday, kMonthName, R"(\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d),?\s+(\d{4})(?!\d))", kTimeOfDay}),
         3, 1, 2, true},
    };
    return forms;
}

constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};

std::unique_ptr<RegexPattern> compile(std::string_view pattern, uint32_t flags) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError where;
    std::unique_ptr<RegexPattern> p(RegexPattern::compile(
        UnicodeString::fromUTF8(icu::StringPiece(pattern.data(), static_cast<int32_t>(pattern.size()))), flags,
        where, status));
    if (U_FAILURE(status))
        throw std::logic_error("metadata pattern does not compile: " + std::string(u_errorName(status)) + ": " +
                               std::string(pattern));
    return p;
}

const std::vector<std::unique_ptr<RegexPattern>>& date_patterns() {
    static const auto patterns = [] {
        std::vector<std::unique_ptr<RegexPattern>> v;
        for (const auto& form : date_forms()) v.push_back(compile(form.pattern, UREGEX_CASE_INSENSITIVE));
        return v;
    }();
    return patterns;
}

int number(const UnicodeString& digits) {
    int n = 0;
    for (int32_t i = 0; i < digits.length(); ++i) n = n * 10 + u_charDigitValue(digits.charAt(i));
    return n;
}

int month_number(const UnicodeString& name) {
    std::string s;
    UnicodeString(name).toLower().tempSubString(0, 3).toUTF8String(s);
    for (int m = 0; m < 12; ++m)
        if (s == kMonths[m]) return m + 1;
    return 0;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::string format_date(int y, int m, int d) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return "";
    if (d > kDays[m - 1] + (m == 2 && is_leap(y) ? 1 : 0)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

// The date that `text` is (whole) or starts with (!whole), as YYYY-MM-DD.
std::string match_date(const UnicodeString& text, bool whole) {
    const auto& patterns = date_patterns();
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<RegexMatcher> m(patterns[i]->matcher(text, status));
        const bool found = U_SUCCESS(status) && (whole ? m->matches(status) : m->lookingAt(status));
        if (!found || U_FAILURE(status)) continue;
        const DateForm& form = date_forms()[i];
        const UnicodeString month_text = m->group(form.month, status);
        const int month = form.month_name ? month_number(month_text) : number(month_text);
        const std::string date =
            format_date(number(m->group(form.year, status)), month, number(m->group(form.day, status)));
        if (U_SUCCESS(status) && !date.empty()) return date;
    }
    return "";
}

// --- Paragraph patterns ----------------------------------------------------

// A label that introduces the publication date, at the start of a
// paragraph or after a separator ("홍길동 기자 | 입력 2025.01.31").
constexpr std::string_view kDateLabel =
    R"((?:^|[|·•ㆍ/]\s*)[\[<(]?\s*(?:published|updated|posted|modified|last\s+(?:updated|modified)|date|released|)"
    R"(기사\s*입력|입력|최종\s*수정|수정|기사\s*승인|승인|등록|발행|게재|송고|업데이트)(?:일시|일|시간)?(?!\p{L}))"
    R"(\s*(?:(?:on|at)\s+)?[:：]?\s*[\]>)]?\s*)";

// "© The Asia Business Daily(...)", "Copyright © 2025 Yonhap News Agency",
// "ⓒ 중앙일보", "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>". Groups: the
// copyright marks, a year, the holder and what follows.
constexpr std::string_view kCopyright =
    R"(^[\[<(]?\s*(?:저작권자\s*)?((?:(?:copyright|©|ⓒ|Ⓒ|\(c\))\s*)+)(?:(\d{4})(?:\s*[-–]\s*\d{4})?[.,]?\s*)?(?:by\s+)?(.*)$)";
// "Source: koreatimes.co.kr", "출처: 연합뉴스".
constexpr std::string_view kSourceLabel = R"(^(?:source|기사\s*출처|출처)\s*[:：]\s*(.+)$)";
// Where the holder's name ends: "(www.asiae.co.kr)", ", 무단 전재", ". All rights reserved".
constexpr std::string_view kSourceEnd = R"([(（,|<\[{]|\s[-–—]\s|all\s+rights|무단|재배포)";

// "By Nam Hyun-woo", "By Kim Jae-won and Lee Min-ho", "By John Smith, staff
// reporter": names of two to five capitalised words. Case-sensitive, so
// "By the end of ..." is not a byline.
constexpr std::string_view kEnglishName = R"(\p{Lu}[\p{L}\p{M}'’.\-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.\-]*){1,4})";
constexpr std::string_view kEnglishByline =
    R"(^[Bb][Yy]\s+(NAME(?:(?:\s+and\s+|\s*&\s*)NAME)*)(?:\s*$|\s*[,|/(\[<—–·•]|\s+-\s))";
// "홍길동 기자", "홍길동 선임기자 hong@example.com", "[홍길동·김철수 기자]".
constexpr std::string_view kKoreanByline =
    R"(^[\[<(]?\s*([가-힣]{2,4}(?:\s*[·,]\s*[가-힣]{2,4})*)\s*(?:(?:선임|수석|객원|인턴|전문|사진|영상|취재)\s*)?)"
    R"((?:기자|특파원)\s*[\]>)]?(?:\s*[<(\[]?\s*[\w.+-]+@[\w.-]+\s*[>)\]]?)?\s*$)";
// A wire-service dateline: "(서울=연합뉴스) 홍길동 기자 = ...".
constexpr std::string_view kKoreanDateline = R"(^\([^()=]{1,30}=[^()]{1,30}\)\s*([가-힣]{2,4})\s*(?:기자|특파원)\s*=)";

// kEnglishByline with each NAME spelled out.
std::string with_names(std::string_view pattern) {
    std::string s(pattern);
    for (std::size_t at = s.find("NAME"); at != std::string::npos; at = s.find("NAME", at + kEnglishName.size()))
        s.replace(at, 4, kEnglishName);
    return s;
}

struct ParagraphPatterns {
    std::unique_ptr<RegexPattern> date_label = compile(kDateLabel, UREGEX_CASE_INSENSITIVE);
    std::unique_ptr<RegexPattern> copyright = compile(kCopyright, UREGEX_CASE_INSENSITIVE);
    std::unique_ptr<RegexPattern> source_label = compile(kSourceLabel, UREGEX_CASE_INSENSITIVE);
    std::unique_ptr<RegexPattern> source_end = compile(kSourceEnd, UREGEX_CASE_INSENSITIVE);
    std::unique_ptr<RegexPattern> english_byline = compile(with_names(kEnglishByline), 0);
    std::unique_ptr<RegexPattern> korean_byline = compile(kKoreanByline, 0);
    std::unique_ptr<RegexPattern> korean_dateline = compile(kKoreanDateline, 0);
};

const ParagraphPatterns& patterns() {
    static const ParagraphPatterns p;
    return p;
}

// A matcher positioned on the match of `pattern` at the start of `text`,
// or null.
std::unique_ptr<RegexMatcher> looking_at(const RegexPattern& pattern, const UnicodeString& text) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<RegexMatcher> m(pattern.matcher(text, status));
    if (U_FAILURE(status) || !m->lookingAt(status) || U_FAILURE(status)) return nullptr;
    return m;
}

UnicodeString group(RegexMatcher& m, int32_t n) {
    UErrorCode status = U_ZERO_ERROR;
    UnicodeString g = m.group(n, status);
    return U_SUCCESS(status) ? g : UnicodeString();
}

std::string utf8(const UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

// Necessary conditions of the patterns, checked before any matcher is
// made: the edge paragraphs are mostly body text that no pattern matches,
// and each pattern tried cost a matcher (an allocation and ICU's set-up).
// For the help corpus (3,385 pages) the metadata took 225 ms of a one-thread
// build's 4.6 s.

// Every date form has a year of four digits (ICU's \d: any Nd digit).
bool has_four_digits(const UnicodeString& p) {
    const char16_t* text = p.getBuffer();
    const int32_t n = p.length();
    int run = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(text, i, n, c);
        run = (c < 0x80 ? c >= '0' && c <= '9' : u_isdigit(c)) ? run + 1 : 0;
        if (run == 4) return true;
    }
    return false;
}

// Whether `p` holds `lower` (ASCII: lower-case letters and punctuation),
// letters compared without regard to case. ICU's case-insensitive matching
// folds case, and no character outside ASCII folds to an ASCII letter of
// "copyright" alone (U+0130 folds to "i" and a combining dot), so for these
// words this is the same.
bool has_ascii_nocase(const UnicodeString& p, std::u16string_view lower) {
    const auto n = static_cast<int32_t>(lower.size());
    for (int32_t i = 0; i + n <= p.length(); ++i) {
        int32_t k = 0;
        for (; k < n; ++k) {
            char16_t c = p[i + k];
            if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c - u'A' + u'a');
            if (c != lower[static_cast<std::size_t>(k)]) break;
        }
        if (k == n) return true;
    }
    return false;
}

// A copyright notice has a mark or the word (kCopyright).
bool may_be_copyright(const UnicodeString& p) {
    if (p.indexOf(u'©') >= 0 || p.indexOf(u'ⓒ') >= 0 || p.indexOf(u'Ⓒ') >= 0) return true;
    return has_ascii_nocase(p, u"copyright") || has_ascii_nocase(p, u"(c)");
}

// The Korean bylines and datelines name a 기자 or 특파원; the English one
// starts with "By", "by", "BY" or "bY" (kEnglishByline).
bool may_name_author(const UnicodeString& p) {
    if (p.indexOf(u"기자") >= 0 || p.indexOf(u"특파원") >= 0) return true;
    return p.length() > 2 && (p[0] == u'B' || p[0] == u'b') && (p[1] == u'Y' || p[1] == u'y');
}

std::string date_of(const UnicodeString& p) {
    if (!has_four_digits(p)) return "";
    const std::string whole = match_date(UnicodeString(p).trim(), true);
    if (!whole.empty()) return whole;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<RegexMatcher> m(patterns().date_label->matcher(p, status));
    while (U_SUCCESS(status) && m->find(status) && U_SUCCESS(status)) {
        const std::string date = match_date(p.tempSubString(m->end(status)), false);
        if (!date.empty()) return date;
    }
    return "";
}

bool has_letter(const UnicodeString& s) {
    for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1))
        if (u_isalpha(s.char32At(i))) return true;
    return false;
}

// The publisher's name at the start of `rest`, without what follows it.
std::string holder(UnicodeString rest) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<RegexMatcher> end(patterns().source_end->matcher(rest, status));
    if (U_SUCCESS(status) && end->find(status) && U_SUCCESS(status)) rest.truncate(end->start(status));
    rest.trim();
    while (!rest.isEmpty() && (rest.endsWith(UnicodeString(u".")) || rest.endsWith(UnicodeString(u"。")))) {
        rest.truncate(rest.length() - 1);
        rest.trim();
    }
    if (rest.isEmpty() || rest.length() > kMaxSource || !has_letter(rest)) return "";
    return utf8(rest);
}

std::string source_of(const UnicodeString& p) {
    if (may_be_copyright(p)) {
        if (const auto m = looking_at(*patterns().copyright, p)) {
            // "Copyright" alone starts ordinary sentences; a mark or a year makes it a notice.
            UErrorCode status = U_ZERO_ERROR;
            const bool notice =
                group(*m, 1).toLower().trim() != UnicodeString(u"copyright") || m->start(2, status) >= 0;
            if (notice) return holder(group(*m, 3));
        }
    }
    const bool colon = p.indexOf(u':') >= 0 || p.indexOf(u'：') >= 0;  // kSourceLabel has one
    if (colon)
        if (const auto m = looking_at(*patterns().source_label, p)) return holder(group(*m, 1));
    return "";
}

std::string author_of(const UnicodeString& p) {
    if (!may_name_author(p)) return "";
    // Only a wire dateline opens a long paragraph with the reporter's name.
    if (const auto m = looking_at(*patterns().korean_dateline, p)) return utf8(group(*m, 1));
    if (p.length() > kMaxByline) return "";
    for (const RegexPattern* pattern : {patterns().english_byline.get(), patterns().korean_byline.get()})
        if (const auto m = looking_at(*pattern, p)) return utf8(group(*m, 1));
    return "";
}

}  // namespace

std::string normalize_date(std::string_view text) {
    UnicodeString u = UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    return match_date(u.trim(), true);
}

ArticleMetadata extract_metadata(const std::vector<std::string>& paragraphs) {
    ArticleMetadata meta;
    const std::size_t n = paragraphs.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i >= kEdgeParagraphs && i + kEdgeParagraphs < n) continue;  // the middle of the article
        const std::string& raw = paragraphs[i];
        const UnicodeString p =
            UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size()))).trim();
        if (meta.date.empty()) meta.date = date_of(p);
        if (meta.source.empty()) meta.source = source_of(p);
        if (meta.author.empty()) meta.author = author_of(p);
        if (!meta.date.empty() && !meta.source.empty() && !meta.author.empty()) break;
    }
    return meta;
}

}  // namespace aisearch

#include "common/figure_extractor.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstddef>
#include <optional>
#include <utility>

#include "common/utf8.h"

namespace aisearch {
namespace {

constexpr std::size_t npos = std::string_view::npos;

struct Scale {
    std::string_view word;
    int power;  // of ten
};

// Korean numerals group by 10^4: 11조5000억 is 11*10^12 + 5000*10^8.
constexpr Scale kKoreanScales[] = {{"조", 12}, {"억", 8}, {"만", 4}};
// 천 and 백 multiply the digits before them: 3천억, 5천만, 2천.
constexpr Scale kKoreanMultipliers[] = {{"천", 3}, {"백", 2}};
// After a space or glued: 8 billion, 8bn.
constexpr Scale kEnglishScales[] = {{"thousand", 3}, {"million", 6}, {"billion", 9}, {"trillion", 12},
                                    {"bn", 9},       {"mn", 6},      {"tn", 12}};
// Only glued to an amount after a currency sign ($8B, £5m): elsewhere 8M or
// 5m is a name or a length.
constexpr Scale kSymbolScales[] = {{"bn", 9}, {"mn", 6}, {"tn", 12}, {"B", 9},
                                   {"M", 6},  {"m", 6},  {"K", 3},   {"k", 3}};

struct Currency {
    std::string_view word;
    std::string_view code;
    bool needs_scale = false;  // "won", "pound": also a verb and a weight
};

// Before the amount. ¥ is the yen unless "yuan" follows.
constexpr Currency kCurrencySigns[] = {{"$", "usd"}, {"＄", "usd"}, {"₩", "krw"}, {"￦", "krw"}, {"€", "eur"},
                                       {"£", "gbp"}, {"￡", "gbp"}, {"¥", "jpy"}, {"￥", "jpy"}};
constexpr Currency kCurrencyCodes[] = {{"USD", "usd"}, {"KRW", "krw"}, {"CNY", "cny"}, {"RMB", "cny"},
                                       {"EUR", "eur"}, {"JPY", "jpy"}, {"GBP", "gbp"}};
struct KoreanCurrency {
    std::string_view word;
    std::string_view code;
    // Syllables that make the word part of another one: 원칙, 원전,
    // 엔비디아, 파운드리, 유로존, 위안부, and 10위안에 for 10위 안에.
    std::u32string_view not_before;
};

// After the amount.
constexpr KoreanCurrency kKoreanCurrencies[] = {
    {"달러", "usd", U""},           {"원", "krw", U"칙자전소장리형래작론하료숭"},
    {"위안", "cny", U"부에으"},     {"유로", "eur", U"존파"},
    {"엔", "jpy", U"비진터지트"}, {"파운드", "gbp", U"리"}};
constexpr Currency kEnglishCurrencies[] = {
    {"U.S. dollars", "usd"}, {"US dollars", "usd"},   {"dollars", "usd"}, {"dollar", "usd"},
    {"USD", "usd"},          {"won", "krw", true},    {"KRW", "krw"},     {"yuan", "cny"},
    {"renminbi", "cny"},     {"RMB", "cny"},          {"CNY", "cny"},     {"euros", "eur"},
    {"euro", "eur", true},   {"EUR", "eur"},          {"yen", "jpy"},     {"JPY", "jpy"},
    {"pounds", "gbp", true}, {"pound", "gbp", true}, {"GBP", "gbp"}};

struct Month {
    std::string_view name;  // lower case
    int number;
    bool abbreviation;  // may take a dot: Jan. 22
    bool capitalised;   // "may", "march" and "mar" are also verbs
};

constexpr Month kMonths[] = {
    {"january", 1, false, false},  {"jan", 1, true, false},  {"february", 2, false, false},
    {"feb", 2, true, false},       {"march", 3, false, true}, {"mar", 3, true, true},
    {"april", 4, false, false},    {"apr", 4, true, false},  {"may", 5, false, true},
    {"june", 6, false, false},     {"jun", 6, true, false},  {"july", 7, false, false},
    {"jul", 7, true, false},       {"august", 8, false, false}, {"aug", 8, true, false},
    {"september", 9, false, false}, {"sept", 9, true, false}, {"sep", 9, true, false},
    {"october", 10, false, false}, {"oct", 10, true, false}, {"november", 11, false, false},
    {"nov", 11, true, false},      {"december", 12, false, false}, {"dec", 12, true, false}};

constexpr int kDaysInMonth[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

// Between the two ends of a range (6~7위, 20-30%); a hyphen only when glued.
constexpr std::string_view kRangeSigns[] = {"~", "∼", "～", "〜", "–"};

// An exact decimal, mantissa * 10^exponent, kept normalised (no trailing
// zeros in the mantissa), so that 11조5000억 and $5.6 million come out exact.
struct Decimal {
    std::uint64_t mantissa = 0;
    int exponent = 0;
};

constexpr std::uint64_t kMaxMantissa = 999'999'999'999'999'999ULL;
// Larger values are not figures of news text but digit noise.
constexpr int kMaxDigits = 24;

Decimal normalised(Decimal d) {
    if (d.mantissa == 0) return {};
    while (d.mantissa % 10 == 0) {
        d.mantissa /= 10;
        ++d.exponent;
    }
    return d;
}

bool add(Decimal& a, Decimal b) {
    if (b.mantissa == 0) return true;
    if (a.mantissa == 0) {
        a = b;
        return true;
    }
    const int target = std::min(a.exponent, b.exponent);
    for (Decimal* x : {&a, &b})
        while (x->exponent > target) {
            if (x->mantissa > kMaxMantissa / 10) return false;
            x->mantissa *= 10;
            --x->exponent;
        }
    if (a.mantissa > kMaxMantissa - b.mantissa) return false;
    a.mantissa += b.mantissa;
    a = normalised(a);
    return true;
}

// Digits before the decimal point (0 for 0 and 0.5).
int integer_digits(const Decimal& d) {
    if (d.mantissa == 0) return 0;
    return std::max(0, static_cast<int>(std::to_string(d.mantissa).size()) + d.exponent);
}

std::string render(const Decimal& d) {
    std::string digits = std::to_string(d.mantissa);
    if (d.exponent >= 0) return digits + std::string(static_cast<std::size_t>(d.exponent), '0');
    const auto fraction = static_cast<std::size_t>(-d.exponent);
    if (digits.size() <= fraction) digits.insert(0, fraction - digits.size() + 1, '0');
    digits.insert(digits.size() - fraction, 1, '.');
    return digits;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool year_like(std::uint64_t v) { return v >= 1900 && v <= 2100; }
bool valid_date(int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= kDaysInMonth[month - 1];
}

std::string two_digits(int v) { return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)}; }

// A numeral as written: 2,048 or 17.7 or 1,234.5.
struct Numeral {
    std::size_t begin = 0;
    std::size_t end = 0;
    Decimal value;
    std::uint64_t whole = 0;    // the value when plain
    int digits = 0;             // before the decimal point
    bool grouped = false;       // 2,048
    bool fraction = false;      // 17.7
    bool leading_zero = false;  // 007, 05: a code or part of a date
    bool valid = false;         // false for 1.2.3, 1,2345 and more than 18 digits
    bool plain() const { return valid && !grouped && !fraction; }
};

// A numeral with its scale and unit: 11조5000억 원, $8 billion, 17.7%.
struct Quantity {
    Numeral numeral;
    std::size_t begin = 0;
    std::size_t end = 0;
    Decimal value;
    int scale = 0;  // power of ten of the first scale word, 0 if none
    std::string_view currency;
    bool prefixed = false;  // by a currency sign or code
    bool percent = false;
    bool valid = true;
};

class Scanner {
public:
    explicit Scanner(std::string_view text) : t_(text) {}

    std::vector<Figure> run() {
        std::size_t i = 0;
        while (i < t_.size()) {
            const char c = t_[i];
            std::size_t next = npos;
            if (is_digit(c))
                next = scan_number(i);
            else if (is_alpha(c))
                next = scan_word(i);
            else
                next = scan_sign(i);
            if (next == npos || next <= i) {
                std::size_t len = 1;
                code_point(i, &len);
                next = i + std::max<std::size_t>(len, 1);
            }
            i = next;
        }
        return std::move(out_);
    }

private:
    char byte(std::size_t i) const { return i < t_.size() ? t_[i] : '\0'; }
    bool at(std::size_t i, std::string_view w) const { return i <= t_.size() && t_.substr(i, w.size()) == w; }

    // Invalid UTF-8 decodes as U+FFFD of length 1.
    char32_t code_point(std::size_t i, std::size_t* len = nullptr) const {
        if (len) *len = 0;
        if (i >= t_.size()) return 0;
        const auto* s = reinterpret_cast<const std::uint8_t*>(t_.data());
        auto j = static_cast<std::int32_t>(i);
        UChar32 c;
        U8_NEXT(s, j, static_cast<std::int32_t>(t_.size()), c);
        if (len) *len = static_cast<std::size_t>(j) - i;
        return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
    }

    char32_t code_point_before(std::size_t i) const {
        if (i == 0 || i > t_.size()) return 0;
        const auto* s = reinterpret_cast<const std::uint8_t*>(t_.data());
        auto j = static_cast<std::int32_t>(i);
        UChar32 c;
        U8_PREV(s, 0, j, c);
        return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
    }

    // End of the ASCII word w at i (any case), or npos.
    std::size_t word(std::size_t i, std::string_view w) const {
        if (i > t_.size() || t_.size() - i < w.size()) return npos;
        for (std::size_t k = 0; k < w.size(); ++k)
            if (lower(t_[i + k]) != lower(w[k])) return npos;
        return is_alpha(byte(i + w.size())) ? npos : i + w.size();
    }

    // Spaces within a line, no-break spaces included.
    std::size_t skip_space(std::size_t i) const {
        while (true) {
            if (byte(i) == ' ' || byte(i) == '\t')
                ++i;
            else if (at(i, "\u00A0"))
                i += 2;
            else if (at(i, "\u202F"))
                i += 3;
            else
                return i;
        }
    }

    // Nothing glued after a numeral ends at i: not 5G, not 2,0 or 10:09.
    bool number_ends(std::size_t i) const {
        const char c = byte(i);
        return !is_alnum(c) && !((c == '.' || c == ',' || c == ':') && is_digit(byte(i + 1)));
    }

    // Digits glued to a name: H800, R1, GPT-4, COVID-19, but not 6-7 or
    // mid-2023.
    bool glued_to_name(std::size_t i) const {
        if (i == 0) return false;
        const char p = t_[i - 1];
        if (is_alnum(p) || p == '_' || p == '.') return true;
        if (p != '-') return false;
        bool letter = false, marked = false;
        for (std::size_t b = i - 1; b > 0 && is_alnum(t_[b - 1]); --b) {
            const char c = t_[b - 1];
            letter = letter || is_alpha(c);
            marked = marked || is_digit(c) || (c >= 'A' && c <= 'Z');
        }
        return letter && marked;
    }

    // Past a name or code such as H800-2 or 1.2.3.
    std::size_t skip_name(std::size_t i) const {
        while (i < t_.size()) {
            const char c = t_[i];
            if (is_alnum(c))
                ++i;
            else if ((c == '.' || c == ',' || c == '-' || c == '_') && is_alnum(byte(i + 1)))
                ++i;
            else
                break;
        }
        return i;
    }

    // End of 1 to max_digits plain digits at i (value in *value), or npos.
    std::size_t read_small(std::size_t i, std::size_t max_digits, int* value) const {
        std::size_t e = i;
        int v = 0;
        while (is_digit(byte(e)) && e - i <= max_digits) v = v * 10 + (t_[e++] - '0');
        if (e == i || e - i > max_digits) return npos;
        *value = v;
        return e;
    }

    Numeral read_numeral(std::size_t i) const {
        Numeral n;
        n.begin = i;
        std::size_t e = i;
        while (e < t_.size()) {
            if (is_digit(t_[e]) || ((t_[e] == '.' || t_[e] == ',') && is_digit(byte(e + 1))))
                ++e;
            else
                break;
        }
        n.end = e;
        const std::string_view s = t_.substr(i, e - i);
        const std::size_t point = s.find('.');
        if (point != npos && s.find('.', point + 1) != npos) return n;
        const std::string_view whole = s.substr(0, point);
        if (s.find(',') != npos) {
            if (point != npos && s.find(',', point) != npos) return n;
            // Thousands separators only: 1,234,567, not 1,2345 or 3,5.
            std::size_t start = 0;
            for (bool first = true;; first = false) {
                const std::size_t comma = whole.find(',', start);
                const std::size_t len = (comma == npos ? whole.size() : comma) - start;
                if (first ? len < 1 || len > 3 : len != 3) return n;
                if (comma == npos) break;
                start = comma + 1;
            }
            n.grouped = true;
        }
        int significant = 0;
        bool after_point = false;
        for (const char c : s) {
            if (c == ',') continue;
            if (c == '.') {
                after_point = true;
                continue;
            }
            const int d = c - '0';
            if (!after_point && ++n.digits <= 18) n.whole = n.whole * 10 + static_cast<std::uint64_t>(d);
            if (after_point) --n.value.exponent;
            if (n.value.mantissa == 0 && d == 0) continue;
            if (++significant > 18) return n;
            n.value.mantissa = n.value.mantissa * 10 + static_cast<std::uint64_t>(d);
        }
        n.value = normalised(n.value);
        n.fraction = after_point;
        n.leading_zero = s[0] == '0' && n.digits > 1;
        n.valid = true;
        return n;
    }

    // A month name at i and the end of it (with its dot), or nullopt.
    std::optional<std::pair<int, std::size_t>> month_at(std::size_t i) const {
        if (i > 0 && is_alpha(t_[i - 1])) return std::nullopt;
        for (const Month& m : kMonths) {
            std::size_t e = word(i, m.name);
            if (e == npos || (m.capitalised && !(t_[i] >= 'A' && t_[i] <= 'Z'))) continue;
            if (m.abbreviation && byte(e) == '.') ++e;
            return std::pair{m.number, e};
        }
        return std::nullopt;
    }

    // A year after a day: ", 2025" or " 2025". Returns its end or npos.
    std::size_t year_after(std::size_t i, int* year) const {
        if (byte(i) == ',') ++i;
        const std::size_t y = skip_space(i);
        if (y == i) return npos;
        const std::size_t e = read_small(y, 4, year);
        return e != npos && e - y == 4 && year_like(static_cast<std::uint64_t>(*year)) && number_ends(e)
                   ? e
                   : npos;
    }

    // 22nd, 31st.
    std::size_t ordinal(std::size_t i) const {
        for (const std::string_view s : {"st", "nd", "rd", "th"})
            if (const std::size_t e = word(i, s); e != npos) return e;
        return i;
    }

    std::size_t scan_word(std::size_t i) {
        std::size_t end = i;
        while (is_alpha(byte(end))) ++end;
        if (i > 0 && is_alpha(t_[i - 1])) return end;
        const std::size_t j = skip_space(end);
        if (end == i + 3 && j > end && is_digit(byte(j)))
            for (const Currency& c : kCurrencyCodes)
                if (at(i, c.word)) return scan_prefixed(i, j, c.code);
        if (const auto month = month_at(i))
            if (const std::size_t e = month_first_date(i, month->first, month->second); e != npos) return e;
        return end;
    }

    // Jan. 22, January 31, 2025, May 2023.
    std::size_t month_first_date(std::size_t begin, int month, std::size_t after) {
        const std::size_t j = skip_space(after);
        if ((j == after && t_[after - 1] != '.') || !is_digit(byte(j))) return npos;
        int v = 0;
        const std::size_t e = read_small(j, 4, &v);
        if (e == npos) return npos;
        if (e - j <= 2) {
            const std::size_t day_end = ordinal(e);
            if (!number_ends(day_end) || !valid_date(month, v)) return npos;
            int year = 0;
            if (const std::size_t y = year_after(day_end, &year); y != npos) {
                emit_date(year, month, v, begin, y);
                return y;
            }
            emit_date(0, month, v, begin, day_end);
            return day_end;
        }
        if (e - j == 4 && year_like(static_cast<std::uint64_t>(v)) && number_ends(e)) {
            emit_date(v, month, 0, begin, e);
            return e;
        }
        return npos;
    }

    std::size_t scan_sign(std::size_t i) {
        for (const Currency& s : kCurrencySigns) {
            if (!at(i, s.word)) continue;
            std::string_view code = s.code;
            std::size_t begin = i;
            if (s.word == "$") {
                // US$ is the dollar; HK$, C$, A$ are other currencies.
                std::size_t b = i;
                while (b > 0 && is_alpha(t_[b - 1])) --b;
                if (b < i && t_.substr(b, i - b) != "US") code = {};
                begin = b;
            }
            const std::size_t j = skip_space(i + s.word.size());
            return is_digit(byte(j)) ? scan_prefixed(begin, j, code) : npos;
        }
        return npos;
    }

    std::size_t scan_prefixed(std::size_t begin, std::size_t digits, std::string_view code) {
        const Numeral n = read_numeral(digits);
        if (!n.valid || (n.leading_zero && !n.fraction)) return skip_name(digits);
        return finish(quantity(n, begin, code, true));
    }

    std::size_t scan_number(std::size_t i) {
        if (glued_to_name(i)) return skip_name(i);
        std::size_t end = 0;
        if (numeric_date(i, &end)) return end;
        const Numeral n = read_numeral(i);
        if (!n.valid) return skip_name(i);
        // Times and scores: 10:09, 3:1.
        if (byte(n.end) == ':' && is_digit(byte(n.end + 1))) {
            std::size_t e = n.end;
            while (byte(e) == ':' && is_digit(byte(e + 1)))
                for (++e; is_digit(byte(e));) ++e;
            return e;
        }
        // Three or more parts are a telephone number or a code: 02-1234-5678.
        if (const char sep = byte(n.end); (sep == '-' || sep == '/') && is_digit(byte(n.end + 1))) {
            std::size_t e = n.end;
            int parts = 1;
            for (; byte(e) == sep && is_digit(byte(e + 1)); ++parts)
                for (++e; is_digit(byte(e));) ++e;
            if (parts >= 3) return e;
        }
        if (n.leading_zero && !n.fraction) return skip_name(i);
        if (korean_date(n, &end) || day_first_date(n, &end)) return end;
        Quantity q = quantity(n, i, {}, false);
        if (i == carry_at_ && q.currency.empty() && !q.percent) q.currency = carry_currency_;
        carry_at_ = npos;
        return finish(q);
    }

    // 2025-01-31, 2025/01/31, 2025.01.31 and the Korean 2025. 1. 31.
    bool numeric_date(std::size_t i, std::size_t* end) {
        int year = 0, month = 0, day = 0;
        const std::size_t y = read_small(i, 4, &year);
        if (y == npos || y - i != 4 || !year_like(static_cast<std::uint64_t>(year))) return false;
        const char sep = byte(y);
        if (sep != '-' && sep != '/' && sep != '.') return false;
        const bool spaced = sep == '.' && byte(y + 1) == ' ';
        const std::size_t m = read_small(y + 1 + spaced, 2, &month);
        if (m == npos || byte(m) != sep || (spaced && byte(m + 1) != ' ')) return false;
        const std::size_t d = read_small(m + 1 + spaced, 2, &day);
        if (d == npos || !valid_date(month, day) || !number_ends(d) || (byte(d) == sep && is_digit(byte(d + 1))))
            return false;
        emit_date(year, month, day, i, d);
        *end = d;
        return true;
    }

    // <digits><unit> for 월 and 일 at i: its end, or npos.
    std::size_t korean_unit(std::size_t i, std::string_view unit, int* value) const {
        const std::size_t e = read_small(i, 2, value);
        return e != npos && at(e, unit) ? e + unit.size() : npos;
    }

    // 2015년, 2023년 5월, 2025년 1월 31일, 1월 22일; a month alone (5월)
    // is consumed without a figure.
    bool korean_date(const Numeral& n, std::size_t* end) {
        if (!n.plain()) return false;
        int month = 0, day = 0;
        if (at(n.end, "년")) {
            const std::size_t e = n.end + std::string_view("년").size();
            if (at(e, "대")) {  // 1990년대: a decade
                *end = e + std::string_view("대").size();
                return true;
            }
            if (n.digits != 4 || !year_like(n.whole)) return false;
            const int year = static_cast<int>(n.whole);
            const std::size_t m = korean_unit(skip_space(e), "월", &month);
            if (m == npos || month < 1 || month > 12) {
                emit(FigureKind::Year, "y:" + std::to_string(year), false, n.begin, e);
                *end = e;
                return true;
            }
            const std::size_t d = korean_unit(skip_space(m), "일", &day);
            if (d == npos || !valid_date(month, day)) {
                day = 0;
                *end = m;
            } else {
                *end = d;
            }
            emit_date(year, month, day, n.begin, *end);
            return true;
        }
        if (n.digits <= 2 && at(n.end, "월") && n.whole >= 1 && n.whole <= 12) {
            month = static_cast<int>(n.whole);
            *end = n.end + std::string_view("월").size();
            const std::size_t d = korean_unit(skip_space(*end), "일", &day);
            if (d != npos && valid_date(month, day)) {
                emit_date(0, month, day, n.begin, d);
                *end = d;
            }
            return true;
        }
        return false;
    }

    // 31 Jan. 2025, 22 January, 22nd of January.
    bool day_first_date(const Numeral& n, std::size_t* end) {
        if (!n.plain() || n.digits > 2) return false;
        const std::size_t e = ordinal(n.end);
        std::size_t j = skip_space(e);
        if (j == e) return false;
        if (const std::size_t of = word(j, "of"); of != npos && e > n.end) j = skip_space(of);
        const auto month = month_at(j);
        const int day = static_cast<int>(n.whole);
        if (!month || !valid_date(month->first, day)) return false;
        int year = 0;
        const std::size_t y = year_after(month->second, &year);
        *end = y != npos ? y : month->second;
        emit_date(y != npos ? year : 0, month->first, day, n.begin, *end);
        return true;
    }

    Quantity quantity(const Numeral& n, std::size_t begin, std::string_view currency, bool prefixed) const {
        Quantity q;
        q.numeral = n;
        q.begin = begin;
        q.value = n.value;
        q.currency = currency;
        q.prefixed = prefixed;
        std::size_t i = n.end;
        if (code_point_before(n.begin) != U'제') i = korean_scales(q, i);  // 제3조: article 3
        if (q.scale == 0) i = english_scale(q, i);
        q.end = i;
        if (prefixed) {
            if (currency == "jpy") {
                const std::size_t j = skip_space(i);
                if (const std::size_t e = word(j, "yuan"); e != npos) {
                    q.currency = "cny";
                    q.end = e;
                } else if (at(j, "위안")) {
                    q.currency = "cny";
                    q.end = j + std::string_view("위안").size();
                }
            }
        } else {
            q.end = currency_word(q, i);
            if (q.scale == 0 && q.currency.empty())
                if (const std::size_t e = percent_sign(i); e != npos) {
                    q.percent = true;
                    q.end = e;
                }
        }
        return q;
    }

    // 천/백 and 만/억/조 after the digits at i: the sum of their powers of
    // ten (0 if none), *end past them, *big if 만/억/조 was there.
    int korean_power(std::size_t i, std::size_t* end, bool* big) const {
        int power = 0;
        *big = false;
        for (const Scale& m : kKoreanMultipliers)
            if (at(i, m.word)) {
                power += m.power;
                i += m.word.size();
                break;
            }
        for (const Scale& s : kKoreanScales)
            if (at(i, s.word)) {
                power += s.power;
                i += s.word.size();
                *big = true;
                break;
            }
        *end = i;
        return power;
    }

    // 80억, 11조5000억, 1조 5000억, 3천억, 1만2000, 1만 2000명.
    std::size_t korean_scales(Quantity& q, std::size_t i) const {
        Decimal total;
        Decimal group = q.value;
        int last = 13;  // each group's power must be below the previous one
        std::size_t end = i;
        while (true) {
            std::size_t j = i;
            bool big = false;
            const int power = korean_power(i, &j, &big);
            if (power == 0 || power >= last) break;
            group.exponent += power;
            if (!add(total, group)) {
                q.valid = false;
                return j;
            }
            if (q.scale == 0) q.scale = power;
            last = power;
            i = end = j;
            if (!big) break;  // 5천: 천 ends the numeral
            std::size_t k = i;
            const bool spaced = byte(k) == ' ';
            if (spaced) ++k;
            if (!is_digit(byte(k))) break;
            const Numeral next = read_numeral(k);
            if (!next.valid || next.fraction || next.leading_zero) break;
            std::size_t unused = 0;
            const int next_power = korean_power(next.end, &unused, &big);
            if (next_power > 0) {
                if (next_power >= last) break;
                group = next.value;
                i = next.end;
                continue;
            }
            // A remainder without a scale word: 1만2000, 1만 2000명 (but not
            // 1만 2024년).
            const bool counted = is_hangul(code_point(next.end)) && !at(next.end, "년") &&
                                 !at(next.end, "월") && !at(next.end, "일");
            if ((spaced ? counted : number_ends(next.end)) && integer_digits(next.value) <= last) {
                if (!add(total, next.value)) q.valid = false;
                end = next.end;
            }
            break;
        }
        if (q.scale > 0) q.value = total;
        return end;
    }

    // million, billion, 8bn; $8B, £5m after a currency sign.
    std::size_t english_scale(Quantity& q, std::size_t i) const {
        if (q.prefixed)
            for (const Scale& s : kSymbolScales)
                if (at(i, s.word) && !is_alpha(byte(i + s.word.size()))) {
                    q.value.exponent += s.power;
                    q.scale = s.power;
                    return i + s.word.size();
                }
        const std::size_t j = skip_space(i);
        for (const Scale& s : kEnglishScales)
            if (const std::size_t e = word(j, s.word); e != npos) {
                q.value.exponent += s.power;
                q.scale = s.power;
                return e;
            }
        return i;
    }

    // 원, 달러, dollars, won after the amount: sets q.currency, returns the
    // end (i if none).
    std::size_t currency_word(Quantity& q, std::size_t i) const {
        const std::size_t j = skip_space(i);
        for (const KoreanCurrency& c : kKoreanCurrencies) {
            if (!at(j, c.word) || c.not_before.find(code_point(j + c.word.size())) != npos) continue;
            q.currency = c.code;
            return j + c.word.size();
        }
        for (const Currency& c : kEnglishCurrencies) {
            const std::size_t e = word(j, c.word);
            if (e == npos || (c.needs_scale && q.scale == 0 && !q.numeral.grouped)) continue;
            q.currency = c.code;
            return e;
        }
        return i;
    }

    // 17.7%, 17.7 percent, per cent, 퍼센트, 3%포인트, 3%p, 3 percentage
    // points, a 3-percentage-point rise: the end, or npos.
    std::size_t percent_sign(std::size_t i) const {
        const std::size_t j = byte(i) == '-' && is_alpha(byte(i + 1)) ? i + 1 : skip_space(i);
        std::size_t e = npos;
        bool sign = false;
        if (at(j, "%") || at(j, "％")) {
            e = j + (t_[j] == '%' ? 1 : std::string_view("％").size());
            sign = true;
        } else if (at(j, "퍼센트")) {
            e = j + std::string_view("퍼센트").size();
        } else if (const std::size_t p = word(j, "percentage"); p != npos) {
            const std::size_t k = byte(p) == ' ' || byte(p) == '-' ? p + 1 : p;
            const std::size_t points = word(k, "points");
            return points != npos ? points : word(k, "point");
        } else if ((e = word(j, "percent")) == npos && (e = word(j, "pct")) == npos) {
            const std::size_t per = word(j, "per");
            if (per != npos && skip_space(per) > per) e = word(skip_space(per), "cent");
        }
        if (e == npos) return npos;
        if (at(e, "포인트")) return e + std::string_view("포인트").size();
        if (sign && (byte(e) == 'p' || byte(e) == 'P') && !is_alpha(byte(e + 1))) return e + 1;
        return e;
    }

    // The first digit of the second half of a range after i, or npos.
    std::size_t range_partner(std::size_t i) const {
        std::size_t k = npos;
        if (byte(i) == '-') {
            k = i + 1;
        } else {
            const std::size_t j = skip_space(i);
            for (const std::string_view s : kRangeSigns)
                if (at(j, s)) {
                    k = skip_space(j + s.size());
                    break;
                }
        }
        return k != npos && is_digit(byte(k)) ? k : npos;
    }

    std::size_t finish(Quantity q) {
        if (!q.valid) return q.end;
        if (q.end == q.numeral.end && is_alnum(byte(q.end))) return skip_name(q.numeral.begin);  // 5G, 3nm
        // A range shares the unit of its second half: 3~4억 원, 20-30%,
        // $5-6 billion.
        const bool needs_unit = q.currency.empty() && !q.percent;
        const bool needs_scale = q.scale == 0 && !q.percent;
        const std::size_t k = needs_unit || needs_scale ? range_partner(q.end) : npos;
        if (k != npos) {
            const Numeral n = read_numeral(k);
            const Quantity second = n.valid && !n.leading_zero ? quantity(n, k, {}, false) : Quantity{};
            if (n.valid && second.valid && !(second.end == n.end && is_alnum(byte(n.end)))) {
                if (needs_scale && second.scale > 0) {
                    q.value.exponent += second.scale;
                    q.scale = second.scale;
                }
                if (needs_unit) {
                    q.currency = second.currency;
                    q.percent = second.percent;
                }
                if (!q.currency.empty() && second.currency.empty()) {
                    carry_at_ = k;
                    carry_currency_ = q.currency;
                }
            }
        }
        emit_quantity(q);
        return q.end;
    }

    void emit_quantity(const Quantity& q) {
        const int digits = integer_digits(q.value);
        if (digits > kMaxDigits || q.value.exponent < -kMaxDigits) return;
        const std::string value = render(q.value);
        const Numeral& n = q.numeral;
        if (!q.currency.empty())
            emit(FigureKind::Money, "m:" + std::string(q.currency) + ":" + value, true, q.begin, q.end);
        else if (q.percent)
            emit(FigureKind::Percent, "p:" + value, true, q.begin, q.end);
        else if (!q.prefixed && q.scale == 0 && n.plain() && n.digits == 4 && year_like(n.whole) &&
                 !is_hangul(code_point(q.end)))
            emit(FigureKind::Year, "y:" + value, false, q.begin, q.end);  // 2000명 is a count
        else
            emit(FigureKind::Number, "n:" + value, q.value.exponent < 0 || digits >= 4, q.begin, q.end);
    }

    // year 0: --MM-DD; day 0: YYYY-MM.
    void emit_date(int year, int month, int day, std::size_t begin, std::size_t end) {
        std::string key = "d:";
        key += year > 0 ? std::to_string(year) : "-";
        key.append("-").append(two_digits(month));
        if (day > 0) key.append("-").append(two_digits(day));
        emit(FigureKind::Date, std::move(key), true, begin, end);
    }

    void emit(FigureKind kind, std::string key, bool specific, std::size_t begin, std::size_t end) {
        out_.push_back({kind, std::move(key), specific, static_cast<std::uint32_t>(begin),
                        static_cast<std::uint32_t>(end)});
    }

    std::string_view t_;
    std::vector<Figure> out_;
    // The second half of a range that starts with a currency sign, $5-6
    // billion, takes the currency of the first.
    std::size_t carry_at_ = npos;
    std::string_view carry_currency_;
};

}  // namespace

std::vector<Figure> extract_figures(std::string_view text) {
    // U8_NEXT indexes with int32_t; no article comes near 2 GiB.
    return Scanner(text.substr(0, std::min<std::size_t>(text.size(), INT32_MAX))).run();
}

}  // namespace aisearch

#include "common/text_decoder.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/unistr.h>

#include <climits>
#include <memory>

#include "aisearch/error.h"
#include "common/utf8.h"

namespace aisearch {
namespace {

constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";
constexpr std::size_t kBinaryProbeBytes = 8192;

bool has_utf16_bom(std::string_view bytes) {
    return bytes.starts_with(kUtf16LeBom) || bytes.starts_with(kUtf16BeBom);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The character set the web means by a label, where that differs from
// ICU's reading: pages labelled EUC-KR contain windows-949 extensions (똠),
// which ICU's strict EUC-KR turns into U+001A.
std::string web_charset(std::string_view label) {
    const std::string l = ascii_lower(label);
    static constexpr std::string_view kKorean[] = {"euc-kr", "euckr", "ks_c_5601-1987", "ks_c_5601-1989",
                                                   "ksc5601", "ksc_5601", "csksc56011987", "iso-ir-149",
                                                   "korean", "cseuckr", "cp949", "uhc"};
    for (std::string_view k : kKorean)
        if (l == k) return "windows-949";
    if (l == "iso-8859-1" || l == "latin1" || l == "us-ascii" || l == "ascii") return "windows-1252";
    if (l == "gb2312") return "gbk";
    return l;
}

// ICU substitutes U+001A for some converters; we always want U+FFFD, and a
// count of the replacements.
void substitute_and_count(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                          UConverterCallbackReason reason, UErrorCode* error) {
    if (reason > UCNV_IRREGULAR) return;  // reset, close, clone
    ++*static_cast<std::size_t*>(const_cast<void*>(context));
    *error = U_ZERO_ERROR;
    const UChar replacement = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
}

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

}  // namespace

std::optional<DecodedText> decode_as(std::string_view bytes, std::string_view charset) {
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) throw InputError("text too large to convert");
    DecodedText out;
    out.encoding = ascii_lower(charset);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(web_charset(charset).c_str(), &status));
    if (U_FAILURE(status)) return std::nullopt;
    ucnv_setToUCallBack(converter.get(), substitute_and_count, &out.invalid_sequences, nullptr, nullptr, &status);
    const icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), converter.get(), status);
    if (U_FAILURE(status)) return std::nullopt;
    text.toUTF8String(out.utf8);
    return out;
}

DecodedText decode_text(std::string_view bytes) {
    if (has_utf16_bom(bytes)) {
        const bool le = bytes.starts_with(kUtf16LeBom);
        if (auto decoded = decode_as(bytes.substr(2), le ? "utf-16le" : "utf-16be")) return std::move(*decoded);
    }
    DecodedText out;
    out.utf8 = sanitize_utf8(bytes, &out.invalid_sequences);
    out.encoding = "utf-8";
    return out;
}

bool looks_binary(std::string_view bytes) {
    if (has_utf16_bom(bytes)) return false;
    return bytes.substr(0, kBinaryProbeBytes).find('\0') != std::string_view::npos;
}

}  // namespace aisearch

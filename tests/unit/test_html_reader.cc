// read_html on pages shaped like scraped news: furniture in its own
// elements, headings, legacy Korean encodings, broken markup.
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "aisearch/error.h"
#include "common/html_reader.h"

using namespace std::string_view_literals;

namespace {

const std::string kFFFD = "\xEF\xBF\xBD";

// "title" then one line per paragraph, indented.
std::string render(const aisearch::HtmlContent& c) {
    std::string out = c.title + "\n";
    for (const auto& p : c.paragraphs) out += "  " + p + "\n";
    return out;
}

struct HtmlCase {
    std::string_view name;
    std::string_view html;
    std::string expected;
};

// printf '딥시크 충격' | iconv -t EUC-KR | xxd -p           ->  b5f6bdc3c5a920c3e6b0dd
// printf '중국 AI 스타트업 딥시크' | iconv -t EUC-KR | xxd -p ->  c1dfb1b920414920bdbac5b8c6aebef720b5f6bdc3c5a9
// printf '똠방각하' | iconv -t CP949 | xxd -p                ->  8c63b9e6b0a2c7cf
#define EUC_KR_DEEPSEEK_SHOCK "\xB5\xF6\xBD\xC3\xC5\xA9 \xC3\xE6\xB0\xDD"
#define EUC_KR_STARTUP "\xC1\xDF\xB1\xB9 AI \xBD\xBA\xC5\xB8\xC6\xAE\xBE\xF7 \xB5\xF6\xBD\xC3\xC5\xA9"

const HtmlCase kCases[] = {
    {"h1 is the title and a paragraph",
     "<html><head><title>DeepSeek upends AI - The Korea Herald</title></head>"
     "<body><h1>DeepSeek upends AI</h1><p>There is a big lesson here.</p><p>On Monday, Nvidia fell.</p></body></html>",
     "DeepSeek upends AI\n  DeepSeek upends AI\n  There is a big lesson here.\n  On Monday, Nvidia fell.\n"},
    {"no h1: the <title>, which is not a paragraph",
     "<html><head><title>\n  DeepSeek   upends AI \n</title></head><body><h2>Sub</h2><p>Body.</p></body></html>",
     "DeepSeek upends AI\n  Sub\n  Body.\n"},
    {"the first h1 wins", "<title>t</title><h1>First</h1><h1>Second</h1>", "First\n  First\n  Second\n"},
    {"an empty h1 (a logo image) does not count", "<title>T</title><h1><img src=logo.png></h1><p>x</p>",
     "T\n  x\n"},
    {"an h1 inside the dropped header is not the title",
     "<title>Site</title><header><h1>Korea Herald</h1><nav><a>Home</a></nav></header>"
     "<article><h1>DeepSeek upends AI</h1><p>Text.</p></article>",
     "DeepSeek upends AI\n  DeepSeek upends AI\n  Text.\n"},
    {"furniture elements are dropped with their content",
     "<body><script>var x = '<p>no</p>';</script><style>p { color: red }</style>"
     "<noscript><p>Enable JavaScript</p></noscript><template><p>tpl</p></template>"
     "<iframe src=ad.html>ad</iframe><svg><title>icon</title><text>svg text</text></svg>"
     "<nav><ul><li>Home</li><li>World</li></ul></nav><aside><p>Most read</p></aside>"
     "<form><p>Search</p><select><option>ko</option></select><button>Go</button></form>"
     "<p>Real text.</p><footer><p>Contact us</p></footer></body>",
     "\n  Real text.\n"},
    {"svg <title> is not the page title", "<svg><title>icon</title></svg><p>x</p>", "\n  x\n"},
    {"br is a space; inline elements join",
     "<p>Deep<b>Seek</b> <a href=\"/x\">upends</a><br>AI<br/>now</p>", "\n  DeepSeek upends AI now\n"},
    {"white space collapsed, &nbsp; too, empty blocks dropped",
     "<p>  a \n\t b&nbsp;&nbsp;c </p><p> </p><p>&nbsp;</p><div></div><div><span> </span></div>",
     "\n  a b c\n"},
    {"nested blocks split text",
     "<div>outer<div>inner</div>tail</div><section>sec<article>art</article></section>",
     "\n  outer\n  inner\n  tail\n  sec\n  art\n"},
    {"lists, tables, definitions, quotes",
     "<ul><li>one</li><li>two</li></ul><table><tr><th>h</th><td>c1</td><td>c2</td></tr></table>"
     "<dl><dt>term</dt><dd>def</dd></dl><blockquote>quote</blockquote><pre>  code\n  here</pre>"
     "<figure><img src=a.jpg><figcaption>caption</figcaption></figure>",
     "\n  one\n  two\n  h\n  c1\n  c2\n  term\n  def\n  quote\n  code here\n  caption\n"},
    {"entities", "<p>&lt;AI&gt; &amp; &#xB525;&#49884;&#xD06C; &quot;x&quot;</p>", "\n  <AI> & 딥시크 \"x\"\n"},
    {"broken markup is recovered", "<p>one<p>two<div>three</span></b> four", "\n  one\n  two\n  three four\n"},
    {"text without markup", "DeepSeek upends AI", "\n  DeepSeek upends AI\n"},
    {"white space only", " \n\t", "\n"},
    {"korean utf-8 page",
     "<html><head><meta charset=\"utf-8\"><title>딥시크 충격</title></head>"
     "<body><p>중국 AI 스타트업 딥시크가 세계를 놀라게 했다.</p><p>엔비디아의 주가는 17.7%나 하락했다.</p></body></html>",
     "딥시크 충격\n  중국 AI 스타트업 딥시크가 세계를 놀라게 했다.\n  엔비디아의 주가는 17.7%나 하락했다.\n"},
    {"utf-8 bom", "\xEF\xBB\xBF<p>딥시크</p>", "\n  딥시크\n"},
    // libxml2 alone would read everything after a bad byte as Latin-1.
    {"invalid utf-8 becomes U+FFFD, the rest stays utf-8",
     "<title>딥시크\xFF</title><p>caf\xC3\xA9 \xEB\x94 딥시크</p><p>엔비디아</p>",
     "딥시크" + kFFFD + "\n  café " + kFFFD + " 딥시크\n  엔비디아\n"},
    {"euc-kr by <meta charset>",
     "<html><head><meta charset=\"euc-kr\"><title>" EUC_KR_DEEPSEEK_SHOCK "</title></head>"
     "<body><p>" EUC_KR_STARTUP "</p></body></html>",
     "딥시크 충격\n  중국 AI 스타트업 딥시크\n"},
    {"euc-kr by http-equiv Content-Type",
     "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=EUC-KR\">"
     "</head><body><h1>" EUC_KR_DEEPSEEK_SHOCK "</h1></body></html>",
     "딥시크 충격\n  딥시크 충격\n"},
    {"euc-kr label with a windows-949 syllable",
     "<meta charset=euc-kr><p>\x8C\x63\xB9\xE6\xB0\xA2\xC7\xCF</p>", "\n  똠방각하\n"},
    {"euc-kr with a broken byte keeps the rest of the page",
     "<meta charset=euc-kr><p>" EUC_KR_DEEPSEEK_SHOCK "\xB5</p><p>" EUC_KR_STARTUP "</p>",
     "\n  딥시크 충격" + kFFFD + "\n  중국 AI 스타트업 딥시크\n"},
    {"a utf-16 label in an ascii page means utf-8", "<meta charset=utf-16><p>딥시크</p>", "\n  딥시크\n"},
    {"utf-16le with bom",
     "\xFF\xFE<\0p\0>\0\x25\xB5\xDC\xC2\x6C\xD0<\0/\0p\0>\0"sv, "\n  딥시크\n"},
    {"utf-16be with bom, its meta ignored",
     "\xFE\xFF\0<\0m\0e\0t\0a\0 \0c\0h\0a\0r\0s\0e\0t\0=\0u\0t\0f\0-\0\x31\0\x36\0>\0<\0p\0>\xB5\x25\xC2\xDC\xD0\x6C\0<\0/\0p\0>"sv,
     "\n  딥시크\n"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(html_reader)

BOOST_AUTO_TEST_CASE(read_html_table) {
    for (const auto& c : kCases)
        BOOST_TEST_CONTEXT(c.name) { BOOST_TEST(render(aisearch::read_html(c.html)) == c.expected); }
}

BOOST_AUTO_TEST_CASE(empty_input_is_not_a_document) {
    BOOST_CHECK_THROW(aisearch::read_html(""), aisearch::InputError);
}

BOOST_AUTO_TEST_CASE(scraped_page) {
    // The shape of corpus/003 as a page: furniture around an article.
    const aisearch::HtmlContent c = aisearch::read_html(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        "<title>[Insight &amp; Opinion] Three Perspectives on China's AI 'DeepSeek' | The Asia Business Daily</title>"
        "<script src=app.js></script></head><body>"
        "<header><a href=#content>본문 바로가기</a><div class=logo>asiae</div></header>"
        "<div id=content><div class=tools><button>Text Size</button><button>Close</button></div>"
        "<article><h1>[Insight &amp; Opinion] Three Perspectives on China's AI 'DeepSeek'</h1>"
        "<ul class=sub><li>Could Spark Debate Over Excessive Investment in the U.S.</li></ul>"
        "<p>President Donald Trump is putting his life on the line.</p>"
        "<p>Jo Won-kyung, Professor at UNIST</p></article>"
        "<p class=copy>© The Asia Business Daily(www.asiae.co.kr). All rights reserved.</p></div>"
        "<aside><h3>Special Coverage</h3></aside><footer>Top</footer></body></html>");
    BOOST_TEST(c.title == "[Insight & Opinion] Three Perspectives on China's AI 'DeepSeek'");
    const std::vector<std::string> expected = {
        "[Insight & Opinion] Three Perspectives on China's AI 'DeepSeek'",
        "Could Spark Debate Over Excessive Investment in the U.S.",
        "President Donald Trump is putting his life on the line.",
        "Jo Won-kyung, Professor at UNIST",
        "© The Asia Business Daily(www.asiae.co.kr). All rights reserved.",
    };
    BOOST_TEST(c.paragraphs == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

// The analyzer against bare ICU on the same text (issue 5: the analyzer
// alone at >= 0.5x the speed of ICU NFKC_Casefold + word breaking).
//
//   analyzer_bench DIR [--runs R]
//
// Reads every .txt below DIR into memory, then times, per file, (a) bare
// ICU: UTF-8 -> UnicodeString, NFKC_Casefold, and a root-locale word
// BreakIterator walked to the end; (b) Analyzer::analyze, which does the
// same and also classifies scripts, strips Korean particles and stems
// English. Prints MB/s of each (median of R runs, default 5) and the ratio.
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "common/analyzer.h"
#include "common/data_files.h"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: analyzer_bench DIR [--runs R]\n";
        return 2;
    }
    int runs = 5;
    if (argc >= 4 && std::string(argv[2]) == "--runs") runs = std::max(1, std::atoi(argv[3]));
    std::vector<std::string> texts;
    std::size_t bytes = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(argv[1])) {
        if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        texts.push_back(std::move(s).str());
        bytes += texts.back().size();
    }
    if (texts.empty()) {
        std::cerr << "analyzer_bench: no .txt files below " << argv[1] << "\n";
        return 2;
    }

    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> breaker(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
        std::cerr << "analyzer_bench: ICU: " << u_errorName(status) << "\n";
        return 1;
    }
    aisearch::Analyzer analyzer = aisearch::Analyzer::from_data_dir(aisearch::data_dir());

    std::size_t sink = 0;  // keeps the work from being optimised away
    auto icu_pass = [&] {
        for (const auto& t : texts) {
            UErrorCode st = U_ZERO_ERROR;
            const icu::UnicodeString folded = fold->normalize(icu::UnicodeString::fromUTF8(t), st);
            breaker->setText(folded);
            for (int32_t b = breaker->first(); b != icu::BreakIterator::DONE; b = breaker->next()) ++sink;
        }
    };
    auto analyzer_pass = [&] {
        for (const auto& t : texts) sink += analyzer.analyze(t).size();
    };
    auto time = [&](auto&& pass) {
        std::vector<double> mbs;
        for (int r = 0; r < runs; ++r) {
            const auto start = Clock::now();
            pass();
            const double s = std::chrono::duration<double>(Clock::now() - start).count();
            mbs.push_back(static_cast<double>(bytes) / 1e6 / s);
        }
        return median(mbs);
    };
    icu_pass();  // warm-up: ICU data, caches
    analyzer_pass();
    const double icu = time(icu_pass);
    const double ours = time(analyzer_pass);
    std::cout << "{\"files\": " << texts.size() << ", \"bytes\": " << bytes << ", \"runs\": " << runs
              << ", \"icu_mb_s\": " << icu << ", \"analyzer_mb_s\": " << ours
              << ", \"ratio\": " << ours / icu << ", \"sink\": " << sink << "}\n";
    return 0;
}

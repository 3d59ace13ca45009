#include "indexer/progress_report.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace aisearch {

std::string progress_line(const IndexProgress& p) {
    constexpr int kWidth = 20;
    const double done = p.bytes_total ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total)
                                      : (p.files_total ? static_cast<double>(p.files_done) / static_cast<double>(p.files_total) : 1.0);
    const int filled = static_cast<int>(done * kWidth);
    const double mb_done = static_cast<double>(p.bytes_done) / 1e6, mb_total = static_cast<double>(p.bytes_total) / 1e6;
    const double rate = p.seconds > 0 ? mb_done / p.seconds : 0;
    const int eta = rate > 0 ? static_cast<int>((mb_total - mb_done) / rate) : 0;
    return fmt::format("[{}{}] {}/{} files  {:.1f}/{:.1f} MB  {:.1f} MB/s  ETA {}:{:02d}", std::string(filled, '#'),
                       std::string(kWidth - filled, ' '), p.files_done, p.files_total, mb_done, mb_total, rate,
                       eta / 60, eta % 60);
}

std::string summary_line(const IndexSummary& s) {
    std::string line =
        fmt::format("added {}, updated {}, deleted {}, unchanged {}, skipped {}; {:.1f} MB in {:.2f} s", s.added,
                    s.updated, s.deleted, s.unchanged, s.skipped, static_cast<double>(s.bytes) / 1e6, s.seconds);
    if (s.resumed) line += fmt::format(" ({} files written by an interrupted build were kept)", s.resumed);
    return line;
}

std::string summary_json(const IndexSummary& s) {
    const nlohmann::ordered_json j = {{"added", s.added},         {"updated", s.updated}, {"deleted", s.deleted},
                                      {"unchanged", s.unchanged}, {"skipped", s.skipped}, {"bytes", s.bytes},
                                      {"seconds", s.seconds},     {"resumed", s.resumed}};
    return j.dump();
}

}  // namespace aisearch

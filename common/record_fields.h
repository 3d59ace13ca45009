// The layout of the records aisearch stores in a database (part records,
// cluster records): a first line naming the kind of record, then per field
// "name length", a newline, the field's bytes and a newline. Reading one
// needs no parsing or unescaping of the values, which a search does for
// every hit, and the records stay readable in xapian-delve.
#pragma once

#include <charconv>
#include <string>
#include <string_view>

#include "aisearch/error.h"

namespace aisearch {

class FieldWriter {
public:
    explicit FieldWriter(std::string_view kind) { out_.append(kind).append("\n"); }
    // Adds fields after those of `record`, which a FieldWriter wrote.
    static FieldWriter continuing(std::string record) {
        FieldWriter w;
        w.out_ = std::move(record);
        return w;
    }
    void reserve(std::size_t bytes) { out_.reserve(bytes); }
    void add(std::string_view name, std::string_view value) {
        out_.append(name).append(" ").append(std::to_string(value.size())).append("\n");
        out_.append(value).append("\n");
    }
    std::string take() { return std::move(out_); }

private:
    FieldWriter() = default;
    std::string out_;
};

// Whether `data` begins as a record of `kind` does.
inline bool is_record_of(std::string_view data, std::string_view kind) {
    return data.size() > kind.size() && data.substr(0, kind.size()) == kind && data[kind.size()] == '\n';
}

// Calls f(name, value) for each field in order while f returns true.
// Throws CorruptDatabaseError naming `kind` if `data` is not such a record.
template <typename F>
void read_fields(std::string_view data, std::string_view kind, F f) {
    const auto bad = [&](const char* why) {
        return CorruptDatabaseError("stored data is not an " + std::string(kind) + " record: " + why);
    };
    if (!is_record_of(data, kind)) throw bad("wrong kind");
    std::size_t at = kind.size() + 1;
    while (at < data.size()) {
        const auto space = data.find(' ', at);
        const auto newline = data.find('\n', at);
        if (space == std::string_view::npos || newline == std::string_view::npos || space > newline)
            throw bad("bad field header");
        std::size_t length = 0;
        const char* digits_end = data.data() + newline;
        const auto [end, ec] = std::from_chars(data.data() + space + 1, digits_end, length);
        if (ec != std::errc() || end != digits_end || length >= data.size() - newline - 1 ||
            data[newline + 1 + length] != '\n')
            throw bad("bad field length");
        if (!f(data.substr(at, space - at), data.substr(newline + 1, length))) return;
        at = newline + 2 + length;
    }
}

}  // namespace aisearch

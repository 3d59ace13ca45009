// A fingerprint of a file's bytes, so the indexer can tell a touched file
// from a changed one without keeping the old text.
#pragma once

#include <string>
#include <string_view>

namespace aisearch {

// 64-bit FNV-1a of the bytes, as 16 hex digits. Not cryptographic: it
// only has to notice edits, not resist forgery.
std::string content_hash(std::string_view bytes);

}  // namespace aisearch

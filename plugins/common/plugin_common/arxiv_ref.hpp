// arXiv ids as the ledger writes them (docs/ledger.md, "Ids and file names"), shared by the
// plugins that match a paper named in config or in a claim to a fetched one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quire::common {

// The id without its version: "2401.00001v2" -> "2401.00001", "cs/9901001v1" -> "cs/9901001".
std::string strip_version(std::string_view id);

// "2401.00001", "2401.00001v2", " arXiv:cs/9901001 " as a plain id, version kept; nullopt when the
// text is not an arXiv id (a title, say).
std::optional<std::string> parse_arxiv_id(std::string_view text);

}  // namespace quire::common

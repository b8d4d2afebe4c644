#include "plugin_common/arxiv_ref.hpp"

#include <algorithm>
#include <regex>

namespace quire::common {

std::string strip_version(std::string_view id) {
  size_t v = id.rfind('v');
  if (v == std::string_view::npos || v + 1 == id.size() || v == 0) return std::string(id);
  bool digits =
      std::all_of(id.begin() + v + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; });
  bool after_number = id[v - 1] >= '0' && id[v - 1] <= '9';
  return digits && after_number ? std::string(id.substr(0, v)) : std::string(id);
}

std::optional<std::string> parse_arxiv_id(std::string_view text) {
  static const std::regex pattern(
      R"((\d{4}\.\d{4,5}|[a-z][a-z-]*(\.[A-Z]{2})?/\d{7})(v[1-9]\d{0,3})?)");
  std::string id(text);
  id.erase(0, id.find_first_not_of(" \t"));
  id.erase(id.find_last_not_of(" \t") + 1);
  if (id.size() > 6 && (id.compare(0, 6, "arXiv:") == 0 || id.compare(0, 6, "arxiv:") == 0))
    id.erase(0, 6);
  if (id.size() > 64 || !std::regex_match(id, pattern)) return std::nullopt;
  return id;
}

}  // namespace quire::common

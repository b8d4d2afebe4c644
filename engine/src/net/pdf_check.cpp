#include "net/pdf_check.hpp"

#include <algorithm>
#include <cstdio>

namespace quire {

namespace {

// Some writers put bytes after the final %%EOF (whitespace, padding); 2 KiB of slack accepts
// those and still catches a file cut short, whose last %%EOF (if any) is far from its end.
constexpr size_t kEofWindow = 2048;
constexpr size_t kShownPrefix = 16;

// How the body starts, on one readable line: its first printable ASCII characters (up to a line
// break), or the first bytes in hex when it starts with binary that is not "%PDF-".
std::string how_it_starts(std::string_view body) {
  size_t n = 0;
  while (n < std::min(body.size(), kShownPrefix) && body[n] >= 0x20 && body[n] < 0x7f) ++n;
  if (n > 0) return "'" + std::string(body.substr(0, n)) + (n < body.size() ? "...'" : "'");
  std::string hex = "bytes";
  for (size_t i = 0; i < std::min<size_t>(body.size(), 4); ++i) {
    char byte[4];
    std::snprintf(byte, sizeof byte, " %02x", static_cast<unsigned char>(body[i]));
    hex += byte;
  }
  return hex;
}

}  // namespace

std::string check_pdf(std::string_view body, std::string_view content_type) {
  std::string type =
      content_type.empty() ? "no content-type" : "content-type " + std::string(content_type);
  if (body.empty()) return "not a PDF (empty body, " + type + ")";
  if (body.substr(0, 5) != "%PDF-")
    return "not a PDF (starts with " + how_it_starts(body) + ", " + type + ")";
  auto tail = body.substr(body.size() - std::min(body.size(), kEofWindow));
  if (tail.find("%%EOF") == std::string_view::npos)
    return "truncated PDF (no %%EOF in the last " + std::to_string(kEofWindow) + " bytes)";
  return {};
}

}  // namespace quire

#include "arxiv_id.hpp"

#include <cstdio>

namespace quire::arxiv {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// Consumes exactly `n` digits at `pos`.
bool digits(std::string_view s, size_t& pos, size_t n) {
  for (size_t i = 0; i < n; ++i, ++pos)
    if (pos >= s.size() || !is_digit(s[pos])) return false;
  return true;
}

// Parses an optional "v[1-9]\d{0,3}" suffix that must end the text.
bool version_suffix(std::string_view s, size_t pos, int* version) {
  *version = 0;
  if (pos == s.size()) return true;
  if (s[pos] != 'v' || ++pos == s.size() || s[pos] == '0') return false;
  size_t start = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  if (pos != s.size() || pos - start > 4) return false;
  *version = std::stoi(std::string(s.substr(start)));
  return true;
}

// YYMM.NNNN or YYMM.NNNNN; returns the base length or 0.
size_t new_style_base(std::string_view s) {
  size_t pos = 0;
  if (!digits(s, pos, 4) || pos >= s.size() || s[pos++] != '.') return 0;
  if (!digits(s, pos, 4)) return 0;
  if (pos < s.size() && is_digit(s[pos])) ++pos;
  return pos;
}

// archive(.XX)?/NNNNNNN; returns the base length or 0.
size_t old_style_base(std::string_view s) {
  size_t pos = 0;
  if (s.empty() || !is_lower(s[0])) return 0;
  while (pos < s.size() && (is_lower(s[pos]) || s[pos] == '-')) ++pos;
  if (pos + 3 <= s.size() && s[pos] == '.' && is_upper(s[pos + 1]) && is_upper(s[pos + 2]))
    pos += 3;
  if (pos >= s.size() || s[pos++] != '/') return 0;
  return digits(s, pos, 7) ? pos : 0;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

}  // namespace

std::string ArxivId::str() const {
  return version > 0 ? base + "v" + std::to_string(version) : base;
}

std::string ArxivId::file_stem() const {
  std::string stem = str();
  for (char& c : stem)
    if (c == '/') c = '_';
  return stem;
}

std::optional<ArxivId> parse_arxiv_id(std::string_view text) {
  if (text.empty() || text.size() > kMaxIdLength) return std::nullopt;
  ArxivId id;
  size_t base = new_style_base(text);
  if (base == 0) {
    base = old_style_base(text);
    id.old_style = true;
  }
  if (base == 0 || !version_suffix(text, base, &id.version)) return std::nullopt;
  id.base = std::string(text.substr(0, base));
  return id;
}

std::optional<ArxivId> parse_user_id(std::string_view text) {
  if (starts_with_nocase(text, "arxiv:")) text.remove_prefix(6);
  return parse_arxiv_id(text);
}

std::optional<ArxivId> parse_entry_url(std::string_view url) {
  for (std::string_view prefix : {"http://arxiv.org/abs/", "https://arxiv.org/abs/",
                                  "http://export.arxiv.org/abs/", "https://export.arxiv.org/abs/"})
    if (url.substr(0, prefix.size()) == prefix) return parse_arxiv_id(url.substr(prefix.size()));
  return std::nullopt;
}

std::string printable(std::string_view text) {
  std::string out;
  for (unsigned char c : text.substr(0, 80)) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  if (text.size() > 80) out += "...";
  return out;
}

}  // namespace quire::arxiv

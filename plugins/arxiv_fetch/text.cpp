#include "text.hpp"

#include <cstdint>
#include <vector>

namespace quire::arxiv {
namespace {

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of the well-formed UTF-8 sequence at `pos`, 0 if ill-formed (RFC 3629: no
// overlongs, no surrogates, nothing above U+10FFFF). Sets `*code` to its code point.
size_t utf8_length(std::string_view s, size_t pos, uint32_t* code) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(pos);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || pos + n > s.size()) return 0;
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t i = 1; i < n; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *code = cp;
  return n;
}

bool decode_utf8(std::string_view s, std::vector<uint32_t>* out) {
  for (size_t pos = 0; pos < s.size();) {
    uint32_t cp = 0;
    size_t n = utf8_length(s, pos, &cp);
    if (n == 0) return false;
    if (out) out->push_back(cp);
    pos += n;
  }
  return true;
}

}  // namespace

void append_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xC0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out += static_cast<char>(0xE0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out += static_cast<char>(0xF0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (unsigned char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    uint32_t cp = 0;
    size_t n = utf8_length(text, pos, &cp);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++pos;
      continue;
    }
    out.append(text, pos, n);
    pos += n;
  }
  return out;
}

std::string repair_mojibake(std::string_view text, bool* repaired) {
  if (repaired) *repaired = false;
  std::vector<uint32_t> codes;
  if (!decode_utf8(text, &codes)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  bool changed = false;
  for (size_t i = 0; i < codes.size(); ++i) {
    uint32_t cp = codes[i];
    // A UTF-8 lead byte read as Latin-1, followed by as many continuation bytes as it needs.
    size_t need = cp >= 0xC2 && cp <= 0xDF   ? 1
                  : cp >= 0xE0 && cp <= 0xEF ? 2
                  : cp >= 0xF0 && cp <= 0xF4 ? 3
                                             : 0;
    std::string bytes(1, static_cast<char>(cp));
    for (size_t k = 1; need > 0 && k <= need; ++k) {
      if (i + k >= codes.size() || codes[i + k] < 0x80 || codes[i + k] > 0xBF) {
        need = 0;
        break;
      }
      bytes += static_cast<char>(codes[i + k]);
    }
    uint32_t decoded = 0;
    if (need > 0 && utf8_length(bytes, 0, &decoded) == bytes.size()) {
      out += bytes;  // the original character, whole again
      i += need;
      changed = true;
      continue;
    }
    append_utf8(cp, &out);
  }
  if (!changed) return std::string(text);
  if (repaired) *repaired = true;
  return out;
}

std::string match_form(std::string_view text) {
  std::string out = " ";
  for (unsigned char c : text) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c - 'A' + 'a');
      word = true;
    }
    if (word) {
      out += static_cast<char>(c);
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

bool phrase_matches(std::string_view text, std::string_view phrase) {
  std::string needle = match_form(phrase);
  if (needle == " ") return false;
  std::string hay = match_form(text);
  std::string stem = needle.substr(0, needle.size() - 1);  // " position embedding"
  for (size_t at = hay.find(stem); at != std::string::npos; at = hay.find(stem, at + 1)) {
    std::string_view rest = std::string_view(hay).substr(at + stem.size());
    if (rest.substr(0, 1) == " " || rest.substr(0, 2) == "s " || rest.substr(0, 3) == "es ")
      return true;
  }
  return false;
}

}  // namespace quire::arxiv

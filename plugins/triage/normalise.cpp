#include "normalise.hpp"

#include <cstdint>

namespace quire::triage {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// Decodes the code point at `*pos` and advances past it; ill-formed input yields U+FFFD and
// advances one byte, so every byte is consumed exactly once.
uint32_t next_code_point(std::string_view s, size_t* pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(*pos);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || *pos + n > s.size()) {
    ++*pos;
    return kReplacement;
  }
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t i = 1; i < n; ++i) {
    if ((byte(*pos + i) & 0xC0) != 0x80) {
      ++*pos;
      return kReplacement;
    }
    cp = (cp << 6) | (byte(*pos + i) & 0x3F);
  }
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*pos;
    return kReplacement;
  }
  *pos += n;
  return cp;
}

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

bool is_invisible(uint32_t cp) {
  return cp == 0x00AD || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

bool is_dash(uint32_t cp) {
  return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2043 || cp == 0x2212 || cp == 0xFE58 ||
         cp == 0xFE63 || cp == 0xFF0D;
}

bool is_space(uint32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

// Ligatures spelled out; nullptr for any other code point.
const char* ligature(uint32_t cp) {
  static const char* const kLigatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  return cp >= 0xFB00 && cp <= 0xFB06 ? kLigatures[cp - 0xFB00] : nullptr;
}

bool is_word_char(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp <= 0xBF) return cp == 0xB5;           // Latin-1 controls and punctuation, but micro sign
  if (cp == 0xD7 || cp == 0xF7) return false;  // × ÷
  if (cp >= 0x2000 && cp <= 0x206F) return false;
  if (cp >= 0x2190 && cp <= 0x2BFF) return false;  // arrows, operators, shapes, dingbats
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp >= 0xFE10 && cp <= 0xFE6F) return false;
  if ((cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
      (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65))
    return false;
  return cp != kReplacement;
}

uint32_t to_lower(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F) {  // Latin Extended-A: alternating upper/lower pairs
    if (cp == 0x130 || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return cp;
    if (cp == 0x178) return 0xFF;
    bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    bool upper = odd_upper ? (cp % 2 == 1) : (cp % 2 == 0);
    return upper ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;  // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                 // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

}  // namespace

std::string_view NormalisedText::word(size_t index) const {
  const Token& t = tokens[index];
  return std::string_view(text).substr(t.begin, t.end - t.begin);
}

std::string_view NormalisedText::span(size_t first, size_t last) const {
  return std::string_view(text).substr(tokens[first].begin, tokens[last].end - tokens[first].begin);
}

NormalisedText normalise(std::string_view utf8) {
  NormalisedText out;
  out.text.reserve(utf8.size());
  bool pending_space = false;
  bool in_word = false;
  auto emit = [&](uint32_t cp) {
    if (pending_space && !out.text.empty()) out.text += ' ';
    pending_space = false;
    bool word = is_word_char(cp);
    if (word && !in_word) out.tokens.push_back({out.text.size(), out.text.size(), ""});
    in_word = word;
    append_utf8(cp, &out.text);
    if (!word) return;
    out.tokens.back().end = out.text.size();
    append_utf8(to_lower(cp), &out.tokens.back().lower);
  };
  for (size_t pos = 0; pos < utf8.size();) {
    uint32_t cp = next_code_point(utf8, &pos);
    if (is_invisible(cp)) continue;
    if (is_space(cp)) {
      pending_space = true;
      in_word = false;
      continue;
    }
    if (const char* spelled = ligature(cp)) {
      for (const char* c = spelled; *c; ++c) emit(static_cast<unsigned char>(*c));
      continue;
    }
    emit(is_dash(cp) ? '-' : cp);
  }
  return out;
}

std::vector<std::string> words(std::string_view utf8) {
  std::vector<std::string> out;
  for (auto& token : normalise(utf8).tokens) out.push_back(std::move(token.lower));
  return out;
}

}  // namespace quire::triage

#include "utf8.hpp"

namespace quire::seed {

CodePoint decode_at(std::string_view text, size_t pos) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  if (lead < 0x80) return {lead, 1};
  size_t size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (size == 0 || lead > 0xF4 || pos + size > text.size()) return {0xFFFD, 1};
  uint32_t value = lead & (0x3F >> (size - 1));
  for (size_t i = 1; i < size; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return {0xFFFD, 1};
    value = (value << 6) | (byte(pos + i) & 0x3F);
  }
  return {value, size};
}

size_t previous_start(std::string_view text, size_t pos) {
  size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
    --start;
  return start;
}

size_t utf8_length(std::string_view text) {
  size_t count = 0;
  for (size_t pos = 0; pos < text.size(); pos += decode_at(text, pos).size) ++count;
  return count;
}

namespace {

// Latin Extended-A pairs upper and lower case; the pairs start on even code points except in
// U+0139..U+0148 and U+0179..U+017E.
bool latin_extended_upper(uint32_t cp) {
  bool odd_pairs = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
  return cp != 0x138 && cp != 0x149 && cp != 0x17F && (cp % 2 == 1) == odd_pairs;
}

}  // namespace

bool is_upper(uint32_t cp) {
  if (cp < 0x80) return is_ascii_upper(static_cast<char>(cp));
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) return latin_extended_upper(cp);
  return cp >= 0x391 && cp <= 0x3A9;
}

bool is_lower(uint32_t cp) {
  if (cp < 0x80) return is_ascii_lower(static_cast<char>(cp));
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x17F) return !latin_extended_upper(cp) && cp != 0x138;
  return cp >= 0x3B1 && cp <= 0x3C9;
}

}  // namespace quire::seed

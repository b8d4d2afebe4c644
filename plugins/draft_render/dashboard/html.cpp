#include "html.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace quire::draft::dash {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double value, int digits) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
  return buffer;
}

std::string base64(std::string_view bytes) {
  // EVP_EncodeBlock writes 4 output bytes per 3 input bytes plus a terminating NUL and takes an
  // int length, so large inputs go through in chunks that are multiples of 3.
  constexpr size_t kChunk = 3 * (1 << 20);
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::vector<unsigned char> buffer(kChunk / 3 * 4 + 1);
  for (size_t at = 0; at < bytes.size(); at += kChunk) {
    size_t n = std::min(kChunk, bytes.size() - at);
    int written =
        EVP_EncodeBlock(buffer.data(), reinterpret_cast<const unsigned char*>(bytes.data() + at),
                        static_cast<int>(n));
    out.append(reinterpret_cast<const char*>(buffer.data()), static_cast<size_t>(written));
  }
  return out;
}

std::string clip(std::string_view text, size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);
  size_t cut = max_chars;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "\u2026";
}

}  // namespace quire::draft::dash

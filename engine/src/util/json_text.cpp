#include "util/json_text.hpp"

#include <charconv>
#include <cmath>

namespace quire {

namespace {

bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

}  // namespace

void append_quoted(std::string& out, std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  out += '"';
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!needs_escape(c)) continue;
    out.append(text.data() + start, i - start);  // copy the plain run in one go
    start = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[(c >> 4) & 0xf];
        out += kHex[c & 0xf];
    }
  }
  out.append(text.data() + start, text.size() - start);
  out += '"';
}

std::string json_quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_quoted(out, text);
  return out;
}

std::string number_text(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, error == std::errc() ? end : buffer);
  // JSON numbers need a digit after the point, and nlohmann prints integral doubles as "1.0".
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

}  // namespace quire

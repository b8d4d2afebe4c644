#include "row_id.hpp"

#include <stdexcept>

#include "utf8.hpp"

namespace quire::seed {

std::string normalise_sentence(std::string_view sentence) {
  std::string out;
  bool gap = false;
  for (char c : sentence) {
    if (is_space(c)) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string row_id(std::string_view base_id, std::string_view sentence, size_t hex_chars) {
  std::string id = "EV-";
  for (char c : base_id) id += c == '/' ? '_' : c;
  return id + "-" + sha256_hex(normalise_sentence(sentence)).substr(0, hex_chars);
}

}  // namespace quire::seed

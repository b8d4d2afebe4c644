#include "row_id.hpp"

#include <openssl/evp.h>

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

std::string sha256_hex(std::string_view bytes) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), hash, &size, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 0xF];
  }
  return out;
}

std::string row_id(std::string_view base_id, std::string_view sentence, size_t hex_chars) {
  std::string id = "EV-";
  for (char c : base_id) id += c == '/' ? '_' : c;
  return id + "-" + sha256_hex(normalise_sentence(sentence)).substr(0, hex_chars);
}

}  // namespace quire::seed

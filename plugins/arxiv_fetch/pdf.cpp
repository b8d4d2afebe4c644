#include "pdf.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace quire::arxiv {

// The same window as the engine's expect_pdf check (docs/http.md), so a PDF judged whole there
// is judged whole here.
constexpr size_t kTail = 2048;

std::string pdf_problem(std::string_view bytes) {
  if (bytes.empty()) return "empty file";
  if (bytes.substr(0, 5) != "%PDF-") return "not a PDF (does not start with %PDF-)";
  size_t tail = bytes.size() > kTail ? bytes.size() - kTail : 0;
  if (bytes.find("%%EOF", tail) == std::string_view::npos)
    return "truncated PDF (no %%EOF in its last 2048 bytes)";
  return {};
}

std::string sha256_digest(std::string_view bytes) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), hash, &size, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  static const char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 0xF];
  }
  return out;
}

std::string pdf_output_name(const ArxivId& id) { return id.file_stem() + ".pdf"; }

std::string pdf_url(std::string pdf_base, const ArxivId& id) {
  if (pdf_base.empty() || pdf_base.back() != '/') pdf_base += '/';
  return pdf_base + id.str();
}

std::string abs_url(const ArxivId& id) { return "https://arxiv.org/abs/" + id.str(); }

}  // namespace quire::arxiv

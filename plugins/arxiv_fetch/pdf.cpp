#include "pdf.hpp"

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

std::string pdf_output_name(const ArxivId& id) { return id.file_stem() + ".pdf"; }

std::string pdf_url(std::string pdf_base, const ArxivId& id) {
  if (pdf_base.empty() || pdf_base.back() != '/') pdf_base += '/';
  return pdf_base + id.str();
}

std::string abs_url(const ArxivId& id) { return "https://arxiv.org/abs/" + id.str(); }

}  // namespace quire::arxiv

// proof_pages: the re-verification `quire proof` and audit round 3 do, on real files, for
// bench/verify. For each PDF: the audit's own reader (poppler page text), then --quotes quotes
// of 12 words taken from the document itself, spread over it, each re-checked by the audit's
// matcher (every one must be found). Same harness and output line as verify_pages.
#include <sstream>

#include "page_bench.hpp"
#include "page_text.hpp"
#include "recheck.hpp"

namespace {

quire::bench::FileResult proof_file(const std::string& path, int quotes) {
  quire::bench::FileResult r;
  quire::audit::PageTexts pdf = quire::audit::read_page_texts(quire::bench::read_bytes(path));
  if (!pdf.ok) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), pdf.error.c_str());
    return r;
  }
  r.pages = static_cast<int>(pdf.pages.size());
  std::vector<std::string> words;
  for (const std::string& page : pdf.pages) {
    std::istringstream in(page);
    for (std::string w; in >> w;) words.push_back(w);
  }
  for (const std::string& text : quire::bench::spread_quotes(words, quotes)) {
    ++r.quotes;
    r.found += quire::audit::recheck_quote(text, pdf.pages, 0.6).found;
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  return quire::bench::run_pages(argc, argv, "proof_pages", proof_file);
}

// verify_pages: quire's PDF verification work on real files, for bench/verify.
// For each PDF: extract (poppler, reading order, word boxes), normalise to tokens, find
// sections, and match --quotes quotes taken from the document itself (spread over it, so every
// quote must be found). Files are shared out to --workers threads. Prints pages, seconds,
// pages per second and the peak resident memory, one line, for the driver script to parse.
#include "normalise_text.hpp"
#include "page_bench.hpp"
#include "pdf_text.hpp"
#include "quote_match.hpp"
#include "sections.hpp"

namespace {

using namespace quire::verify;

using quire::bench::FileResult;
using quire::bench::read_bytes;

FileResult verify_file(const std::string& path, int quotes) {
  FileResult r;
  ExtractOptions options;
  options.max_pages = 0;
  auto pdf = extract_pdf(read_bytes(path), options);
  if (!pdf.ok()) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), pdf.message.c_str());
    return r;
  }
  r.pages = static_cast<int>(pdf.pages.size());
  auto tokens = normalise_pages(pdf.pages);
  Sections sections(pdf.pages);
  std::vector<std::string> words;
  words.reserve(tokens.size());
  for (const auto& t : tokens) words.push_back(t.text);
  PreparedHaystack haystack(words);
  for (const std::string& text : quire::bench::spread_quotes(words, quotes)) {
    auto result = match_quote(haystack, normalise_quote(text));
    ++r.quotes;
    if (result.method != MatchMethod::kNone) {
      ++r.found;
      const auto& first = tokens[result.begin];
      (void)sections.section_at(first.page, first.word);
    }
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  return quire::bench::run_pages(argc, argv, "verify_pages", verify_file);
}

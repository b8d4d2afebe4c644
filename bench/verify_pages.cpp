// verify_pages: quire's PDF verification work on real files, for bench/verify.
// For each PDF: extract (poppler, reading order, word boxes), normalise to tokens, find
// sections, and match --quotes quotes taken from the document itself (spread over it, so every
// quote must be found). Files are shared out to --workers threads. Prints pages, seconds,
// pages per second and the peak resident memory, one line, for the driver script to parse.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "normalise_text.hpp"
#include "pdf_text.hpp"
#include "quote_match.hpp"
#include "sections.hpp"

namespace {

using namespace quire::verify;

struct FileResult {
  int pages = 0;
  int found = 0;
  int quotes = 0;
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

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
  const size_t length = 12;
  if (words.size() < length * 2) return r;
  for (int q = 0; q < quotes; ++q) {
    size_t at = (words.size() - length) * static_cast<size_t>(q + 1) / static_cast<size_t>(quotes + 1);
    std::string text;
    for (size_t i = at; i < at + length; ++i) text += (i > at ? " " : "") + words[i];
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
  int workers = 1, quotes = 20;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--workers" && i + 1 < argc) workers = std::atoi(argv[++i]);
    else if (a == "--quotes" && i + 1 < argc) quotes = std::atoi(argv[++i]);
    else files.push_back(a);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: verify_pages [--workers N] [--quotes Q] file.pdf...\n");
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<FileResult> results(files.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int w = 0; w < std::max(1, workers); ++w)
    pool.emplace_back([&] {
      for (size_t i; (i = next++) < files.size();) results[i] = verify_file(files[i], quotes);
    });
  for (auto& t : pool) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int pages = 0, found = 0, asked = 0;
  for (const auto& r : results) {
    pages += r.pages;
    found += r.found;
    asked += r.quotes;
  }
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  std::printf("pages=%d seconds=%.3f pages_per_s=%.1f quotes_found=%d/%d peak_rss_mb=%.1f\n", pages,
              seconds, pages / seconds, found, asked, usage.ru_maxrss / 1024.0);
  return found == asked ? 0 : 1;
}

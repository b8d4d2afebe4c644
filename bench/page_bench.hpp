// The shared harness of bench/verify's helpers (verify_pages, proof_pages): parse the command
// line, share the files out to worker threads, and print one line the driver script parses.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace quire::bench {

struct FileResult {
  int pages = 0;
  int found = 0;
  int quotes = 0;
};

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// `quotes` runs of `length` words spread evenly over the document (none when it is too short),
// so every quote asked for is really in it.
inline std::vector<std::string> spread_quotes(const std::vector<std::string>& words, int quotes,
                                              size_t length = 12) {
  std::vector<std::string> out;
  if (words.size() < length * 2) return out;
  for (int q = 0; q < quotes; ++q) {
    size_t at =
        (words.size() - length) * static_cast<size_t>(q + 1) / static_cast<size_t>(quotes + 1);
    std::string text;
    for (size_t i = at; i < at + length; ++i) text += (i > at ? " " : "") + words[i];
    out.push_back(std::move(text));
  }
  return out;
}

// `name [--workers N] [--quotes Q] file.pdf...`: runs `one(path, quotes)` over the files and
// prints pages, seconds, pages per second, quotes found and peak memory. Exit 0 only when every
// quote was found.
inline int run_pages(int argc, char** argv, const char* name,
                     const std::function<FileResult(const std::string&, int)>& one) {
  int workers = 1, quotes = 20;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--workers" && i + 1 < argc)
      workers = std::atoi(argv[++i]);
    else if (a == "--quotes" && i + 1 < argc)
      quotes = std::atoi(argv[++i]);
    else
      files.push_back(a);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: %s [--workers N] [--quotes Q] file.pdf...\n", name);
    return 2;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<FileResult> results(files.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int w = 0; w < std::max(1, workers); ++w)
    pool.emplace_back([&] {
      for (size_t i; (i = next++) < files.size();) results[i] = one(files[i], quotes);
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

}  // namespace quire::bench

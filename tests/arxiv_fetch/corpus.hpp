// The shared corpus of real arXiv responses and PDFs (../shared/corpus beside the checkout).
// It is not part of the project: tests read it in place and skip when it is absent.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace quire::arxiv::testing {

inline std::filesystem::path corpus_dir() { return QUIRE_TEST_SHARED_CORPUS; }

inline bool corpus_available() {
  return std::filesystem::is_directory(corpus_dir() / "atom") &&
         std::filesystem::is_directory(corpus_dir() / "pdfs");
}

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string corpus_file(const std::string& relative) {
  return read_bytes(corpus_dir() / relative);
}

}  // namespace quire::arxiv::testing

// Skips the current test, saying why, when the shared corpus is not there.
#define QUIRE_REQUIRE_CORPUS()                                                               \
  do {                                                                                       \
    if (!::quire::arxiv::testing::corpus_available())                                        \
      GTEST_SKIP() << "shared corpus not found at " << ::quire::arxiv::testing::corpus_dir() \
                   << " (it lives beside the checkout, in ../shared/corpus); skipping";      \
  } while (0)

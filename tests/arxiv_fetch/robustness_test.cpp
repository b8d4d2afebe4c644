// Seeded fuzzing of the parsers: mutated real feeds and random TeX never crash, never hang and
// always give valid UTF-8 (so papers.json can always be written).
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "atom.hpp"
#include "corpus.hpp"
#include "tex_clean.hpp"
#include "text.hpp"

namespace quire::arxiv {
namespace {

bool is_utf8(const std::string& text) { return valid_utf8(text) == text; }

std::string mutate(std::string text, std::mt19937_64& rng) {
  static const std::string kNasty = "<>&;\"'$\\{}^_~%-\x00\xC3\xA9\xFF\n]]>";
  int edits = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    size_t at = rng() % text.size();
    switch (rng() % 4) {
      case 0:
        text[at] = kNasty[rng() % kNasty.size()];
        break;
      case 1:
        text.insert(at, 1, kNasty[rng() % kNasty.size()]);
        break;
      case 2:
        text.erase(at, 1 + rng() % 16);
        break;
      default:
        text.resize(at);  // a cut-off download
    }
  }
  return text;
}

void check_feed(const AtomFeed& feed) {
  for (const auto& e : feed.entries) {
    for (const std::string* field : {&e.title, &e.summary, &e.comment, &e.journal_ref})
      ASSERT_TRUE(is_utf8(*field));
    ASSERT_TRUE(is_utf8(clean_tex(e.summary)));
    for (const auto& a : e.authors) ASSERT_TRUE(is_utf8(a.name));
    if (e.id) ASSERT_LE(e.id->str().size(), kMaxIdLength);
  }
}

TEST(RobustnessTest, MutatedCorpusFeeds) {
  QUIRE_REQUIRE_CORPUS();
  std::mt19937_64 rng(20240601);
  for (const auto& file : std::filesystem::directory_iterator(testing::corpus_dir() / "atom")) {
    std::string original = testing::read_bytes(file.path());
    for (int round = 0; round < 300; ++round) {
      AtomFeed feed = parse_atom(mutate(original, rng));
      check_feed(feed);
      if (HasFatalFailure()) {
        ADD_FAILURE() << file.path() << " round " << round;
        return;
      }
    }
  }
}

TEST(RobustnessTest, RandomTex) {
  static const std::string kAlphabet = "ab $\\{}^_~-`'\"=.cvHuk()[]%&#iotl\xCE\xB1\n";
  std::mt19937_64 rng(7);
  for (int round = 0; round < 20000; ++round) {
    std::string tex;
    size_t length = rng() % 40;
    for (size_t i = 0; i < length; ++i) {
      char c = kAlphabet[rng() % kAlphabet.size()];
      if (c == '\xCE') {
        tex += "\xCE\xB1";  // keep the input valid UTF-8
        continue;
      }
      if (c == '\xB1') continue;
      tex += c;
    }
    std::string clean = clean_tex(tex);
    ASSERT_TRUE(is_utf8(clean)) << tex;
    ASSERT_LE(clean.size(), tex.size() * 4 + 8) << tex;
  }
}

}  // namespace
}  // namespace quire::arxiv

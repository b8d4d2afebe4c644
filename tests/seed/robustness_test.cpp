// Random text from an alphabet of troublesome pieces: the splitter, classifier and elision never
// crash, never lose text and keep their contracts. Seeded, so every run checks the same inputs.
#include <gtest/gtest.h>

#include <random>

#include "claims.hpp"
#include "elide.hpp"
#include "sentences.hpp"
#include "utf8.hpp"

namespace quire::seed {
namespace {

std::string random_text(std::mt19937_64& rng) {
  static const char* kPieces[] = {"We",
                                  " ",
                                  ".",
                                  ". ",
                                  "e.g.",
                                  "et al.",
                                  "Fig. 2",
                                  "$",
                                  "$$",
                                  "\\(",
                                  "\\)",
                                  "(",
                                  ")",
                                  "[",
                                  "]",
                                  "\"",
                                  "'",
                                  "...",
                                  "\xE2\x80\xA6",
                                  "?",
                                  "!",
                                  "3.5",
                                  "0%",
                                  "10.7 dB",
                                  "https://a.b/C.D",
                                  "www.",
                                  "The",
                                  "x",
                                  "\n",
                                  "\xC3\xA9",
                                  "\xCE\x91",
                                  "\xE2\x80\x9D",
                                  ",",
                                  "-",
                                  "\xE2\x80\x93",
                                  "100,000",
                                  "times",
                                  "outperforms",
                                  "than",
                                  "more",
                                  "\xFF",
                                  "\xE2\x80"};
  std::uniform_int_distribution<size_t> pick(0, sizeof(kPieces) / sizeof(kPieces[0]) - 1);
  std::uniform_int_distribution<int> length(0, 60);
  std::string text;
  for (int i = length(rng); i > 0; --i) text += kPieces[pick(rng)];
  return text;
}

TEST(SeedRobustnessTest, RandomTextKeepsTheContracts) {
  std::mt19937_64 rng(20240201);
  for (int round = 0; round < 3000; ++round) {
    std::string text = random_text(rng);
    auto sentences = split_sentences(text);
    size_t previous_end = 0;
    std::string covered;
    for (const auto& s : sentences) {
      ASSERT_GE(s.begin, previous_end) << text;
      ASSERT_LT(s.begin, s.end) << text;
      ASSERT_EQ(text.substr(s.begin, s.end - s.begin), s.text) << text;
      previous_end = s.end;
      covered += s.text;
    }
    std::string visible;
    for (char c : text)
      if (!is_space(c)) visible += c;
    std::string covered_visible;
    for (char c : covered)
      if (!is_space(c)) covered_visible += c;
    ASSERT_EQ(covered_visible, visible) << "text lost: " << text;

    for (const auto& s : sentences) {
      ClaimAnalysis a = analyse_claim(s.text);
      for (const auto& trigger : a.numeric) ASSERT_NE(s.text.find(trigger), std::string::npos);
      for (const auto& trigger : a.comparative) ASSERT_NE(s.text.find(trigger), std::string::npos);
      for (const auto& trigger : a.result) ASSERT_NE(s.text.find(trigger), std::string::npos);
      Claim claim = elide(s.text, 40);
      ASSERT_LE(utf8_length(claim.text), 40u) << s.text;
      ASSERT_EQ(claim.elided, utf8_length(s.text) > 40) << s.text;
      if (claim.elided) ASSERT_NE(claim.text.find("[\xE2\x80\xA6]"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace quire::seed

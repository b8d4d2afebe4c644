// Elision: a long sentence is shortened at a clause boundary, never silently.
#include "elide.hpp"

#include <gtest/gtest.h>

#include "utf8.hpp"

namespace quire::seed {
namespace {

const std::string kMark = " [\xE2\x80\xA6] ";

// A long sentence with clause boundaries, written for these tests.
std::string long_sentence() {
  return "We train forty small decoders on a synthetic copying task with rotary embeddings, "
         "vary the depth from two to twelve layers and the width from 64 to 512 units, repeat "
         "every run with five seeds to estimate the spread, and find that a single early head "
         "carries the positional signal in every configuration we tried.";
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(ElideTest, ShortSentenceIsTheClaim) {
  Claim claim = elide("Sinks form in the first layer.", 400);
  EXPECT_EQ(claim.text, "Sinks form in the first layer.");
  EXPECT_FALSE(claim.elided);
  std::string exact(40, 'a');
  EXPECT_FALSE(elide(exact, 40).elided);
  EXPECT_TRUE(elide(exact + "a", 40).elided);
}

TEST(ElideTest, LongSentenceKeepsBothEndsAtClauseBoundaries) {
  std::string sentence = long_sentence();
  ASSERT_GT(sentence.size(), 200u);
  Claim claim = elide(sentence, 200);
  EXPECT_TRUE(claim.elided);
  EXPECT_LE(utf8_length(claim.text), 200u);
  size_t mark = claim.text.find(kMark);
  ASSERT_NE(mark, std::string::npos) << claim.text;
  std::string head = claim.text.substr(0, mark), tail = claim.text.substr(mark + kMark.size());
  // Both parts are the sentence's own text, cut where a clause ends or begins.
  EXPECT_TRUE(starts_with(sentence, head)) << head;
  EXPECT_TRUE(ends_with(sentence, tail)) << tail;
  EXPECT_EQ(head.back(), ',') << head;
  EXPECT_EQ(sentence.substr(sentence.size() - tail.size() - 2, 2), ", ") << tail;
  EXPECT_EQ(claim.text,
            "We train forty small decoders on a synthetic copying task with rotary embeddings,"
            " [\xE2\x80\xA6] and find that a single early head carries the positional signal in "
            "every configuration we tried.");
}

TEST(ElideTest, NeverASilentFragment) {
  std::string sentence = long_sentence();
  for (size_t max = 16; max < sentence.size(); max += 7) {
    Claim claim = elide(sentence, max);
    EXPECT_TRUE(claim.elided) << max;
    EXPECT_LE(utf8_length(claim.text), max) << claim.text;
    EXPECT_NE(claim.text.find("[\xE2\x80\xA6]"), std::string::npos) << claim.text;
    EXPECT_NE(claim.text, sentence.substr(0, claim.text.size())) << "a bare prefix: " << claim.text;
  }
}

TEST(ElideTest, WordBoundariesWhenThereAreNoClauses) {
  std::string sentence =
      "Attention mass moves to the first token in every layer of every model we trained on "
      "every task we could think of in the time we had.";
  Claim claim = elide(sentence, 60);
  EXPECT_TRUE(claim.elided);
  EXPECT_LE(utf8_length(claim.text), 60u);
  size_t mark = claim.text.find(kMark);
  ASSERT_NE(mark, std::string::npos) << claim.text;
  std::string head = claim.text.substr(0, mark), tail = claim.text.substr(mark + kMark.size());
  EXPECT_TRUE(starts_with(sentence, head + " ")) << head;
  EXPECT_TRUE(ends_with(sentence, " " + tail)) << tail;
}

TEST(ElideTest, OneEnormousWordEndsWithTheMark) {
  std::string sentence = "See " + std::string(300, 'x') + ".";
  Claim claim = elide(sentence, 50);
  EXPECT_TRUE(claim.elided);
  EXPECT_EQ(claim.text, "See [\xE2\x80\xA6]");
  Claim word = elide(std::string(300, 'y'), 50);
  EXPECT_TRUE(ends_with(word.text, " [\xE2\x80\xA6]"));
  EXPECT_EQ(utf8_length(word.text), 50u);
}

TEST(ElideTest, CountsCharactersNotBytes) {
  // 30 two-byte characters: 60 bytes, 30 characters.
  std::string greek;
  for (int i = 0; i < 30; ++i) greek += "\xCE\xB1";
  EXPECT_FALSE(elide(greek, 30).elided);
  std::string sentence;
  for (int i = 0; i < 12; ++i) sentence += "\xCE\xB1\xCE\xB2\xCE\xB3, ";
  sentence += "\xCE\xB4.";
  Claim claim = elide(sentence, 40);
  EXPECT_TRUE(claim.elided);
  EXPECT_LE(utf8_length(claim.text), 40u);
  EXPECT_GT(claim.text.size(), 40u);  // more bytes than characters: nothing was cut mid-character
  EXPECT_NE(claim.text.find(kMark), std::string::npos);
}

TEST(ElideTest, DashesAndParenthesesAreClauseBoundaries) {
  std::string sentence =
      "The sink appears early \xE2\x80\x94 within the first hundred steps of training on every "
      "corpus we examined (including the synthetic ones) \xE2\x80\x94 and never disappears.";
  Claim claim = elide(sentence, 70);
  EXPECT_TRUE(claim.elided);
  EXPECT_EQ(claim.text, "The sink appears early [\xE2\x80\xA6] and never disappears.");
}

TEST(ElideTest, RejectsATinyBudget) { EXPECT_THROW(elide("Anything.", 10), std::invalid_argument); }

}  // namespace
}  // namespace quire::seed

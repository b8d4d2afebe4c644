#include "normalise.hpp"

#include <gtest/gtest.h>

namespace quire::triage {
namespace {

using Words = std::vector<std::string>;

TEST(NormaliseTest, LowerCasesAndSplitsOnPunctuation) {
  EXPECT_EQ(words("Rotary Position-Embedding (RoPE), revisited: 2x/3D!"),
            (Words{"rotary", "position", "embedding", "rope", "revisited", "2x", "3d"}));
  EXPECT_EQ(words("RoPE's sinks"), (Words{"rope", "s", "sinks"}));
  EXPECT_EQ(words("RoPE\u2019s sinks"), (Words{"rope", "s", "sinks"}));  // curly apostrophe
  EXPECT_EQ(words(""), Words{});
  EXPECT_EQ(words(" -- ... "), Words{});
}

TEST(NormaliseTest, UnicodeDashesBecomeHyphens) {
  // hyphen, non-breaking hyphen, en dash, em dash, minus, small hyphen-minus, full-width
  for (const char* dash : {"\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "\uFE63", "\uFF0D"}) {
    NormalisedText n = normalise(std::string("long") + dash + "context");
    EXPECT_EQ(n.text, "long-context") << dash;
    EXPECT_EQ(n.tokens.size(), 2u) << dash;
  }
}

TEST(NormaliseTest, WhitespaceRunsCollapseAndTrim) {
  NormalisedText n = normalise("  attention\u00A0\u2009 sink\n\t\u3000heads  ");
  EXPECT_EQ(n.text, "attention sink heads");
  EXPECT_EQ(words("attention\u00A0sink"), (Words{"attention", "sink"}));
}

TEST(NormaliseTest, InvisibleCharactersJoinTheWord) {
  EXPECT_EQ(words("embed\u00ADding"), Words{"embedding"});  // soft hyphen
  EXPECT_EQ(words("embed\u200Dding"), Words{"embedding"});  // zero-width joiner
  EXPECT_EQ(words("\uFEFFRoPE"), Words{"rope"});            // byte order mark
}

TEST(NormaliseTest, LigaturesAreSpelledOut) {
  EXPECT_EQ(words("e\uFB03cient \uFB01ne-tuning"), (Words{"efficient", "fine", "tuning"}));
}

TEST(NormaliseTest, NonAsciiLettersAreWordsAndLowerCase) {
  EXPECT_EQ(words("R\u00C9NYI R\u00E9nyi"), (Words{"r\u00E9nyi", "r\u00E9nyi"}));
  EXPECT_EQ(words("\u0141\u00F3d\u017A"), Words{"\u0142\u00F3d\u017A"});        // Latin Extended-A
  EXPECT_EQ(words("\u0394-bias \u03B1"), (Words{"\u03B4", "bias", "\u03B1"}));  // Greek
  EXPECT_EQ(words("x\u2264y \u00D7 z"), (Words{"x", "y", "z"}));  // operators separate
}

TEST(NormaliseTest, MalformedUtf8SeparatesWords) {
  EXPECT_EQ(words("atten\xFFtion"), (Words{"atten", "tion"}));
  EXPECT_EQ(words("sink\xE2\x80"), Words{"sink"});  // truncated sequence at the end
}

TEST(NormaliseTest, TokensPointIntoTheNormalisedText) {
  NormalisedText n = normalise("Rotary  Position\u2013Embeddings (RoPE)");
  ASSERT_EQ(n.tokens.size(), 4u);
  EXPECT_EQ(n.word(0), "Rotary");
  EXPECT_EQ(n.word(3), "RoPE");
  EXPECT_EQ(n.tokens[2].lower, "embeddings");
  EXPECT_EQ(n.span(0, 2), "Rotary Position-Embeddings");
}

}  // namespace
}  // namespace quire::triage

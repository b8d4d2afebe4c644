#include "matcher.hpp"

#include <gtest/gtest.h>

namespace quire::triage {
namespace {

using Strings = std::vector<std::string>;

// The surfaces a matcher finds in `text`, in order.
Strings found(const TermMatcher& m, const std::string& text) {
  Strings out;
  for (const auto& at : m.find(normalise(text))) out.push_back(at.surface);
  return out;
}

bool matches(const TermMatcher& m, const std::string& text) { return !found(m, text).empty(); }

TEST(WordVariantsTest, PluralAndSingular) {
  EXPECT_EQ(word_variants("embedding"), (Strings{"embedding", "embeddings"}));
  EXPECT_EQ(word_variants("embeddings"), (Strings{"embedding", "embeddings"}));
  EXPECT_EQ(word_variants("frequency"), (Strings{"frequencies", "frequency"}));
  EXPECT_EQ(word_variants("frequencies"), (Strings{"frequencie", "frequencies", "frequency"}));
  EXPECT_EQ(word_variants("key"), (Strings{"key", "keys"}));  // vowel + y
  EXPECT_EQ(word_variants("bias"), (Strings{"bias", "biases"}));
  EXPECT_EQ(word_variants("biases"), (Strings{"bias", "biase", "biases"}));
  EXPECT_EQ(word_variants("patch"), (Strings{"patch", "patches"}));
  EXPECT_EQ(word_variants("analysis"), (Strings{"analyses", "analysis"}));
  EXPECT_EQ(word_variants("loss"), (Strings{"loss", "losses"}));
}

TEST(WordVariantsTest, ShortWordsAndNumbersHaveNone) {
  EXPECT_EQ(word_variants("pe"), Strings{"pe"});
  EXPECT_EQ(word_variants("3d"), Strings{"3d"});
  EXPECT_EQ(word_variants("llm"), (Strings{"llm", "llms"}));
  EXPECT_EQ(word_variants("x2"), Strings{"x2"});
  EXPECT_EQ(word_variants("gpt4"), Strings{"gpt4"});
}

TEST(TermMatcherTest, PluralAndSingularOfTheLastWord) {
  TermMatcher sink("attention sink", "");
  EXPECT_EQ(found(sink, "Where attention sinks form"), Strings{"attention sinks"});
  EXPECT_TRUE(matches(sink, "an attention sink"));
  EXPECT_FALSE(matches(sink, "attention sinking"));
  EXPECT_FALSE(matches(sink, "attentions sink"));  // only the last word varies
  TermMatcher activations("massive activations", "");
  EXPECT_TRUE(matches(activations, "one massive activation"));
  TermMatcher frequency("rotation frequency", "");
  EXPECT_TRUE(matches(frequency, "low rotation frequencies"));
}

TEST(TermMatcherTest, HyphenSpaceAndJoinedAreOneTerm) {
  TermMatcher m("long-context", "");
  EXPECT_EQ(found(m, "long context, long-context and longcontext"),
            (Strings{"long context", "long-context", "longcontext"}));
  TermMatcher spaced("long context", "");
  EXPECT_EQ(found(spaced, "Long-Context models"), Strings{"Long-Context"});
  TermMatcher art("state-of-the-art", "");
  EXPECT_EQ(found(art, "state of the art; State-of-the-Art; stateoftheart"),
            (Strings{"state of the art", "State-of-the-Art", "stateoftheart"}));
  EXPECT_FALSE(matches(art, "state of art"));
}

TEST(TermMatcherTest, UnicodeDashesInTheText) {
  TermMatcher m("long-context", "");
  EXPECT_TRUE(matches(m, "long\u2011context"));  // non-breaking hyphen
  EXPECT_TRUE(matches(m, "long\u2013context"));  // en dash
  EXPECT_TRUE(matches(m, "long\u2212context"));  // minus sign
  TermMatcher embedding("position embedding", "");
  EXPECT_TRUE(matches(embedding, "position embed\u00ADdings"));  // soft hyphen from a PDF
}

TEST(TermMatcherTest, WholeWordsOnly) {
  TermMatcher rope("rope", "");
  EXPECT_FALSE(matches(rope, "Language models across Europe"));
  EXPECT_FALSE(matches(rope, "a ropeway"));
  EXPECT_TRUE(matches(rope, "a rope; two ropes"));
  TermMatcher sink("sink", "");
  EXPECT_FALSE(matches(sink, "kitchensink sinking"));
  EXPECT_EQ(found(sink, "sink, sink. (sink)").size(), 3u);
}

TEST(TermMatcherTest, AcronymIsCaseSensitiveAndWhole) {
  TermMatcher m("rotary position embedding", "RoPE");
  EXPECT_EQ(found(m, "RoPE and (RoPE), 3D-RoPE, RoPEs"),
            (Strings{"RoPE", "RoPE", "RoPE", "RoPEs"}));
  EXPECT_FALSE(matches(m, "Europe"));
  EXPECT_FALSE(matches(m, "EuRoPE"));
  EXPECT_FALSE(matches(m, "a rope"));
  EXPECT_FALSE(matches(m, "ROPE"));
  EXPECT_FALSE(matches(m, "RoPEd"));
  EXPECT_TRUE(matches(m, "Rotary Position Embeddings"));
}

TEST(TermMatcherTest, AcronymAloneForAShortTerm) {
  TermMatcher nope("no positional encoding", "NoPE");
  EXPECT_TRUE(matches(nope, "models with NoPE"));
  EXPECT_FALSE(matches(nope, "nope, not at all"));
  EXPECT_TRUE(matches(nope, "trained with no positional encodings"));
}

TEST(TermMatcherTest, ListedVariantsGetTheSameRules) {
  TermMatcher m("rotary position embedding", "RoPE",
                {"rotary positional encoding", "rotary embedding"});
  EXPECT_TRUE(matches(m, "a rotary positional encoding"));
  EXPECT_TRUE(matches(m, "rotary positional-encodings"));
  EXPECT_TRUE(matches(m, "rotary embeddings"));
  EXPECT_FALSE(matches(m, "rotary attention"));
}

TEST(TermMatcherTest, CaseInsensitiveIncludingAccents) {
  TermMatcher m("r\u00E9nyi entropy", "");
  EXPECT_EQ(found(m, "R\u00C9NYI ENTROPY"), Strings{"R\u00C9NYI ENTROPY"});
  EXPECT_TRUE(matches(TermMatcher("attention sink", ""), "ATTENTION SINK"));
}

TEST(TermMatcherTest, LongestFormWinsAndOccurrencesDoNotOverlap) {
  TermMatcher m("position embedding", "", {"rotary position embedding"});
  auto at = m.find(normalise("rotary position embeddings and position embedding"));
  ASSERT_EQ(at.size(), 2u);
  EXPECT_EQ(at[0].surface, "rotary position embeddings");
  EXPECT_EQ(at[0].first, 0u);
  EXPECT_EQ(at[0].length, 3u);
  EXPECT_EQ(at[1].surface, "position embedding");
}

TEST(TermMatcherTest, FormsAreLongestFirst) {
  TermMatcher m("attention sink", "");
  EXPECT_EQ(
      m.forms(),
      (std::vector<Strings>{
          {"attention", "sink"}, {"attention", "sinks"}, {"attentionsink"}, {"attentionsinks"}}));
}

TEST(TermMatcherTest, NamesItsFormsAndAcronym) {
  TermMatcher m("rotary position embedding", "RoPE", {"rotary embedding"});
  EXPECT_TRUE(m.names(words("Rotary Position Embeddings"), "Rotary Position Embeddings"));
  EXPECT_TRUE(m.names(words("rotary embedding"), "rotary embedding"));
  EXPECT_TRUE(m.names(words("RoPE"), "RoPE"));
  EXPECT_FALSE(m.names(words("rope"), "rope"));
  EXPECT_FALSE(m.names(words("position embedding"), "position embedding"));
}

}  // namespace
}  // namespace quire::triage

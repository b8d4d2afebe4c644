// The sentence splitter on the edge cases abstracts are full of. All texts are written for
// these tests.
#include "sentences.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace quire::seed {
namespace {

using Texts = std::vector<std::string>;

Texts split(const std::string& text) {
  Texts out;
  for (const auto& sentence : split_sentences(text)) {
    // Every sentence is the exact slice of the input it claims to be.
    EXPECT_EQ(text.substr(sentence.begin, sentence.end - sentence.begin), sentence.text);
    out.push_back(sentence.text);
  }
  return out;
}

TEST(SentenceSplitTest, PlainTerminators) {
  EXPECT_EQ(split("We train a model. It works well! Does it scale? Yes."),
            (Texts{"We train a model.", "It works well!", "Does it scale?", "Yes."}));
  EXPECT_EQ(split("Really?! We think so."), (Texts{"Really?!", "We think so."}));
}

TEST(SentenceSplitTest, EmptyAndUnterminated) {
  EXPECT_EQ(split(""), Texts{});
  EXPECT_EQ(split("   \n "), Texts{});
  EXPECT_EQ(split("No terminator at all"), (Texts{"No terminator at all"}));
  EXPECT_EQ(split("One. Then a tail without a dot"), (Texts{"One.", "Then a tail without a dot"}));
}

TEST(SentenceSplitTest, WhitespaceAndNewlinesBetweenSentences) {
  EXPECT_EQ(split("  First line.\nSecond line.\r\n\tThird.  "),
            (Texts{"First line.", "Second line.", "Third."}));
}

TEST(SentenceSplitTest, LatinAbbreviations) {
  EXPECT_EQ(
      split("Sinks appear in many models, e.g. BERT and small decoders. We study them."),
      (Texts{"Sinks appear in many models, e.g. BERT and small decoders.", "We study them."}));
  EXPECT_EQ(split("The first token, i.e. The start marker, absorbs mass. This is stable."),
            (Texts{"The first token, i.e. The start marker, absorbs mass.", "This is stable."}));
  EXPECT_EQ(split("E.g. Transformers do this. So do RNNs."),
            (Texts{"E.g. Transformers do this.", "So do RNNs."}));
  EXPECT_EQ(split("The gap is small (cf. Sec. 4) but robust. Cf. Table 2 for details."),
            (Texts{"The gap is small (cf. Sec. 4) but robust.", "Cf. Table 2 for details."}));
  EXPECT_EQ(split("Training takes approx. 3 hours on one GPU. Inference is fast."),
            (Texts{"Training takes approx. 3 hours on one GPU.", "Inference is fast."}));
  EXPECT_EQ(split("We compare RoPE vs. ALiBi on toy tasks. ALiBi wins."),
            (Texts{"We compare RoPE vs. ALiBi on toy tasks.", "ALiBi wins."}));
  EXPECT_EQ(split("The loss w.r.t. Theta is convex. It has one minimum."),
            (Texts{"The loss w.r.t. Theta is convex.", "It has one minimum."}));
}

TEST(SentenceSplitTest, EtAlNeverSplitsInside) {
  EXPECT_EQ(split("Following Doe et al. (2023), we probe heads. Results hold."),
            (Texts{"Following Doe et al. (2023), we probe heads.", "Results hold."}));
  EXPECT_EQ(split("Doe et al. report similar trends. We agree."),
            (Texts{"Doe et al. report similar trends.", "We agree."}));
  EXPECT_EQ(split("As in Roe et al. Transformer blocks are stacked. They are deep."),
            (Texts{"As in Roe et al. Transformer blocks are stacked.", "They are deep."}));
  // At the end of a sentence, "et al." ends it before a typical sentence start.
  EXPECT_EQ(split("This was noted by Doe et al. We extend it."),
            (Texts{"This was noted by Doe et al.", "We extend it."}));
  for (const auto& sentence : split("Doe et al. and Roe et al. agree. Moe et al. do not.")) {
    EXPECT_NE(sentence.substr(sentence.size() - 3), " et") << sentence;
    EXPECT_NE(sentence.substr(0, 3), "al.") << sentence;
  }
}

TEST(SentenceSplitTest, ReferenceAbbreviations) {
  EXPECT_EQ(split("As Fig. 2 shows, norms grow. Table 3 agrees."),
            (Texts{"As Fig. 2 shows, norms grow.", "Table 3 agrees."}));
  EXPECT_EQ(split("The curve is in Fig. 2. It rises."),
            (Texts{"The curve is in Fig. 2.", "It rises."}));
  EXPECT_EQ(split("We minimise Eq. (3) with Adam. It converges."),
            (Texts{"We minimise Eq. (3) with Adam.", "It converges."}));
  EXPECT_EQ(split("See Figs. 4 and 5, Sec. 6 and Tab. 2 for details. Thm. 1 proves it."),
            (Texts{"See Figs. 4 and 5, Sec. 6 and Tab. 2 for details.", "Thm. 1 proves it."}));
  EXPECT_EQ(split("The run is No. 7 in the log. It failed."),
            (Texts{"The run is No. 7 in the log.", "It failed."}));
  for (const auto& sentence : split("Sinks (Fig. 2) form early. Fig. 2 and Fig. 3 agree."))
    EXPECT_NE(sentence.substr(sentence.size() - 4), "Fig.") << sentence;
}

TEST(SentenceSplitTest, InitialsAndTitles) {
  EXPECT_EQ(split("The method of J. Smith and A. B. Jones is used. It is simple."),
            (Texts{"The method of J. Smith and A. B. Jones is used.", "It is simple."}));
  EXPECT_EQ(split("Prof. Lee and Dr. Kim built it. It runs."),
            (Texts{"Prof. Lee and Dr. Kim built it.", "It runs."}));
  EXPECT_EQ(split("We call this variant model A. A second variant drops the mask."),
            (Texts{"We call this variant model A.", "A second variant drops the mask."}));
  EXPECT_EQ(split("Data from the U.S. Census is used. The rest is synthetic."),
            (Texts{"Data from the U.S. Census is used.", "The rest is synthetic."}));
}

TEST(SentenceSplitTest, EtcEndsASentenceOnlyBeforeASentenceStart) {
  EXPECT_EQ(split("We vary depth, width, etc. The trends persist."),
            (Texts{"We vary depth, width, etc.", "The trends persist."}));
  EXPECT_EQ(split("We vary depth, width, etc. and the trends persist."),
            (Texts{"We vary depth, width, etc. and the trends persist."}));
}

TEST(SentenceSplitTest, DecimalsVersionsAndPercentages) {
  EXPECT_EQ(split("Loss falls to 3.5 nats with v2.1 of the code. Error is 0.1% lower."),
            (Texts{"Loss falls to 3.5 nats with v2.1 of the code.", "Error is 0.1% lower."}));
  EXPECT_EQ(split("Accuracy rises from 71.25 to 80.5. The gain is 9.25 points."),
            (Texts{"Accuracy rises from 71.25 to 80.5.", "The gain is 9.25 points."}));
  EXPECT_EQ(split("Section 3.2.1 covers it. Version 1.0.3 fixes it."),
            (Texts{"Section 3.2.1 covers it.", "Version 1.0.3 fixes it."}));
  EXPECT_EQ(split("We use 12 layers. 8 heads suffice."),
            (Texts{"We use 12 layers.", "8 heads suffice."}));
}

TEST(SentenceSplitTest, Ellipses) {
  EXPECT_EQ(
      split("Scores rise... then fall. We explain the dip\xE2\x80\xA6 It is an artefact."),
      (Texts{"Scores rise... then fall.", "We explain the dip\xE2\x80\xA6", "It is an artefact."}));
  EXPECT_EQ(split("Tokens x_1, ..., x_n are embedded. They vary."),
            (Texts{"Tokens x_1, ..., x_n are embedded.", "They vary."}));
  EXPECT_EQ(split("Counts go 1, 2, ... 10 in the toy task. Done."),
            (Texts{"Counts go 1, 2, ... 10 in the toy task.", "Done."}));
  EXPECT_EQ(split("We keep the head [\xE2\x80\xA6] Then we stop. Fine."),
            (Texts{"We keep the head [\xE2\x80\xA6] Then we stop.", "Fine."}));
}

TEST(SentenceSplitTest, Urls) {
  EXPECT_EQ(split("Code is at https://example.org/quire/v1.2/Seed.Tool. Try it."),
            (Texts{"Code is at https://example.org/quire/v1.2/Seed.Tool.", "Try it."}));
  EXPECT_EQ(split("Data: www.example.com/Set.A.B/x. We thank them."),
            (Texts{"Data: www.example.com/Set.A.B/x.", "We thank them."}));
  EXPECT_EQ(split("See (https://example.org/a.B). It helps."),
            (Texts{"See (https://example.org/a.B).", "It helps."}));
  EXPECT_EQ(split("Mirror at ftp://files.example.net/Pub.Data. Then unpack it."),
            (Texts{"Mirror at ftp://files.example.net/Pub.Data.", "Then unpack it."}));
}

TEST(SentenceSplitTest, TexMath) {
  EXPECT_EQ(
      split("We set $x = 1. Y = 2$ for brevity. The bound is $O(n^2)$. It is tight."),
      (Texts{"We set $x = 1. Y = 2$ for brevity.", "The bound is $O(n^2)$.", "It is tight."}));
  EXPECT_EQ(split("Display $$a. B$$ here. And \\(c. D\\) there. Also \\[e. F\\] too."),
            (Texts{"Display $$a. B$$ here.", "And \\(c. D\\) there.", "Also \\[e. F\\] too."}));
  // Not math: "$35,000" has no closing '$' by pandoc's rule.
  EXPECT_EQ(split("It costs $35,000. It costs $20. Cheap."),
            (Texts{"It costs $35,000.", "It costs $20.", "Cheap."}));
  // Cleaned TeX keeps math readable without delimiters.
  EXPECT_EQ(split("Attention costs O(n^2). Memory costs O(n). Both grow."),
            (Texts{"Attention costs O(n^2).", "Memory costs O(n).", "Both grow."}));
  EXPECT_EQ(split("We use an escaped \\$ sign. Then $a.B$ math. End."),
            (Texts{"We use an escaped \\$ sign.", "Then $a.B$ math.", "End."}));
}

TEST(SentenceSplitTest, QuotesAndBracketsAfterThePeriod) {
  EXPECT_EQ(split("They call it \"the sink.\" We disagree."),
            (Texts{"They call it \"the sink.\"", "We disagree."}));
  EXPECT_EQ(split("They call it \xE2\x80\x9Cthe sink.\xE2\x80\x9D We disagree."),
            (Texts{"They call it \xE2\x80\x9Cthe sink.\xE2\x80\x9D", "We disagree."}));
  EXPECT_EQ(split("It is 'done.' Next one."), (Texts{"It is 'done.'", "Next one."}));
  EXPECT_EQ(split("We checked it. (This took a day.) The rest follows."),
            (Texts{"We checked it.", "(This took a day.)", "The rest follows."}));
  EXPECT_EQ(split("The effect is large (see Sec. 3 and Fig. 4). However, it fades."),
            (Texts{"The effect is large (see Sec. 3 and Fig. 4).", "However, it fades."}));
  EXPECT_EQ(split("It was \"fine\". \"Really?\" she asked. Yes."),
            (Texts{"It was \"fine\".", "\"Really?\" she asked.", "Yes."}));
  // A bracket that never closes shields nothing.
  EXPECT_EQ(split("The interval [0, 1) is used. It is open."),
            (Texts{"The interval [0, 1) is used.", "It is open."}));
}

TEST(SentenceSplitTest, NoSpaceAfterThePeriod) {
  EXPECT_EQ(split("Sinks form early.We track them.Then they fade."),
            (Texts{"Sinks form early.", "We track them.", "Then they fade."}));
  EXPECT_EQ(split("Accuracy is 90%.Our model wins."),
            (Texts{"Accuracy is 90%.", "Our model wins."}));
  EXPECT_EQ(split("Tokens (Fig.2) and models, e.g.The small one, agree."),
            (Texts{"Tokens (Fig.2) and models, e.g.The small one, agree."}));
  EXPECT_EQ(split("Use the file model.py and ASP.NET here."),
            (Texts{"Use the file model.py and ASP.NET here."}));
}

TEST(SentenceSplitTest, NonAsciiSentenceStarts) {
  EXPECT_EQ(split("Scores are low. \xC3\x89valuations follow. \xCE\x94 grows."),
            (Texts{"Scores are low.", "\xC3\x89valuations follow.", "\xCE\x94 grows."}));
  // A lower-case Greek letter after a period continues the sentence, like a lower-case word.
  EXPECT_EQ(split("We fix approx. \xCE\xB1 here. Done."),
            (Texts{"We fix approx. \xCE\xB1 here.", "Done."}));
}

TEST(SentenceSplitTest, StrayPunctuationJoinsThePreviousSentence) {
  EXPECT_EQ(split("It ends here. ."), (Texts{"It ends here. ."}));
  EXPECT_EQ(split("It ends here. )"), (Texts{"It ends here. )"}));
}

// Forty sentences, each with something a naive splitter gets wrong, joined into one abstract.
TEST(SentenceSplitTest, FortySentenceStress) {
  const Texts sentences = {
      "We study rotary embeddings at toy scale.",
      "Prior work, e.g. Doe et al. (2021), used larger models.",
      "As Fig. 2 shows, attention mass moves to the first token.",
      "The loss in Eq. (3) is minimised with Adam.",
      "Accuracy rises from 71.5% to 80.25% with v2.1 of the code.",
      "RoPE vs. ALiBi differ by approx. 3 points.",
      "Code is at https://example.org/toy/v1.0/Run.Me.",
      "The cost is $O(n^2)$ with $n = 10. M$ fixed.",
      "They call it \"the sink.\"",
      "Results hold across seeds\xE2\x80\xA6",
      "However, some runs diverge.",
      "J. Smith and A. B. Jones proposed the probe.",
      "Is the effect causal?",
      "We think so!",
      "The head (see Sec. 4.2) carries most of it.",
      "Ablating it lowers accuracy by 12 points.",
      "Cf. Table 1 for all numbers.",
      "Removing the mask, i.e. going bidirectional, removes it.",
      "Scores rise... then fall.",
      "The gap is 0.1% at 1.5B parameters.",
      "Prof. Lee ran the largest job.",
      "Throughput improves 2.5\xC3\x97 on one GPU.",
      "Depth, width, etc. change little.",
      "The window is 4,096 tokens.",
      "Our probe runs in O(n log n) time.",
      "(A caveat applies here.)",
      "Data are from www.example.com/Sets.",
      "See Figs. 5 and 6 for the curves.",
      "The bound in Thm. 1 is tight.",
      "Longer contexts hurt by 3\xE2\x80\x93"
      "5 points.",
      "Training took approx. 3.5 hours.",
      "Sinks appear at layer 2.",
      "Their norm is 100,000 times the median.",
      "It is \xE2\x80\x9C"
      "stable.\xE2\x80\x9D",
      "We release the code.",
      "Initial results, cf. Sec. 5, were noisy.",
      "The model has 12 layers.",
      "8 heads per layer suffice.",
      "Roe et al. reach a similar view.",
      "This closes the study.",
  };
  ASSERT_EQ(sentences.size(), 40u);
  std::string text;
  for (const auto& s : sentences) text += (text.empty() ? "" : " ") + s;
  EXPECT_EQ(split(text), sentences);
  // The same with newlines and double spaces between the sentences.
  std::string spaced;
  for (const auto& s : sentences) spaced += s + "  \n";
  EXPECT_EQ(split(spaced), sentences);
}

}  // namespace
}  // namespace quire::seed

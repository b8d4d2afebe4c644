// Scoring, fit and explanations, over fictional titles and abstracts written for these tests.
#include "scoring.hpp"

#include <gtest/gtest.h>

#include "triage_fixture.hpp"

namespace quire::triage {
namespace {

using testing::paper;
using testing::reason;
using testing::scorer;
using Strings = std::vector<std::string>;

constexpr const char* kSinkOnly = R"({"terms": [{"term": "attention sink", "weight": 3}]})";

TEST(ScoringTest, ReasonsRecordWhatMatchedWhere) {
  Assessment a = scorer(kSinkOnly).assess(
      paper("2501.00001v1", "Attention-Sinks in Tiny Decoders",
            "An attention sink forms early. Later, ATTENTION SINKS persist."));
  ASSERT_EQ(a.reasons.size(), 2u);
  const Reason& title = a.reasons[0];
  EXPECT_EQ(title.term, "attention sink");
  EXPECT_EQ(title.kind, "term");
  EXPECT_EQ(title.field, "title");
  EXPECT_EQ(title.matched, Strings{"Attention-Sinks"});
  EXPECT_EQ(title.weight, 3.0);
  EXPECT_EQ(title.count, 1);
  EXPECT_EQ(title.contribution, 6.0);  // 3 x title_weight 2
  const Reason& abstract = a.reasons[1];
  EXPECT_EQ(abstract.field, "abstract");
  EXPECT_EQ(abstract.matched, (Strings{"attention sink", "ATTENTION SINKS"}));
  EXPECT_EQ(abstract.count, 2);
  EXPECT_EQ(abstract.contribution, 3.75);  // 3 x abstract_weight 1 x 1.25
  EXPECT_EQ(a.score, 9.75);
  EXPECT_EQ(a.paper_id, "2501.00001v1");
  EXPECT_EQ(a.base_id, "2501.00001");
  EXPECT_EQ(a.title, "Attention-Sinks in Tiny Decoders");
}

TEST(ScoringTest, TitleCountsMoreThanAbstract) {
  Scorer s = scorer(kSinkOnly);
  Assessment in_title = s.assess(paper("2501.00001v1", "Where the Attention Sink Forms", ""));
  Assessment in_abstract =
      s.assess(paper("2501.00002v1", "Where It Forms", "We locate the attention sink."));
  EXPECT_EQ(in_title.score, 6.0);
  EXPECT_EQ(in_abstract.score, 3.0);
  Scorer custom = scorer(R"({"terms": [{"term": "attention sink", "weight": 3}],
                             "title_weight": 5, "abstract_weight": 0.5})");
  EXPECT_EQ(custom.assess(paper("2501.00001v1", "Attention Sink", "attention sink")).score, 16.5);
}

TEST(ScoringTest, RepeatedMatchesHaveDiminishingReturns) {
  EXPECT_EQ(repeat_factor(1), 1.0);
  EXPECT_EQ(repeat_factor(2), 1.25);
  EXPECT_EQ(repeat_factor(4), 1.75);
  EXPECT_EQ(repeat_factor(5), 2.0);
  EXPECT_EQ(repeat_factor(40), 2.0);
  Scorer s = scorer(kSinkOnly);
  std::string text;
  std::vector<double> scores;
  for (int i = 0; i < 7; ++i) {
    text += "An attention sink. ";
    scores.push_back(s.assess(paper("2501.00001v1", "Untitled", text)).score);
  }
  EXPECT_EQ(scores, (std::vector<double>{3, 3.75, 4.5, 5.25, 6, 6, 6}));
}

TEST(ScoringTest, AcronymAndPhraseCountAsOneTerm) {
  Assessment a = scorer(R"({"terms": [{"term": "rotary position embedding", "weight": 4,
                                       "acronym": "RoPE"}]})")
                     .assess(paper("2501.00001v1", "RoPE at Small Scale",
                                   "We apply rotary position embeddings (RoPE) to every head; "
                                   "RoPE alone sets the offset pattern. Across Europe, nothing."));
  const Reason* abstract = reason(a, "rotary position embedding", "abstract");
  ASSERT_NE(abstract, nullptr);
  EXPECT_EQ(abstract->count, 3);
  EXPECT_EQ(abstract->matched, (Strings{"rotary position embeddings", "RoPE"}));
  EXPECT_EQ(reason(a, "rotary position embedding", "title")->matched, Strings{"RoPE"});
  EXPECT_EQ(a.score, 8 + 4 * 1.5);
}

TEST(ScoringTest, LongestMatchWinsAcrossTerms) {
  Assessment a = scorer(R"({"terms": [
      {"term": "positional encoding", "weight": 1.5, "generic": true},
      {"term": "rotary positional encoding", "weight": 4}]})")
                     .assess(paper("2501.00001v1", "Untitled",
                                   "A rotary positional encoding replaces the learned positional "
                                   "encoding."));
  const Reason* rotary = reason(a, "rotary positional encoding", "abstract");
  const Reason* generic = reason(a, "positional encoding", "abstract");
  ASSERT_NE(rotary, nullptr);
  ASSERT_NE(generic, nullptr);
  EXPECT_EQ(rotary->count, 1);
  EXPECT_EQ(generic->count, 1);  // only the second one: the first is inside the longer term
  EXPECT_EQ(generic->kind, "generic");
  EXPECT_EQ(a.score, 5.5);
}

// The exemplar draft called a wireless-channel paper "in-scope" on a category match. Here a
// wireless paper matching only the generic term scores above in_scope and is still not
// in-scope: no rule but the generic one is configured, so that rule alone must hold.
TEST(ScoringTest, WirelessChannelPaperWithOnlyGenericPositionalEncodingIsNeverInScope) {
  const char* config = R"({"terms": [
      {"term": "rotary position embedding", "weight": 4, "acronym": "RoPE"},
      {"term": "attention sink", "weight": 4},
      {"term": "positional encoding", "weight": 3, "generic": true}],
      "categories": {"eess.SP": 1, "cs.IT": 1}})";
  Paper wireless = paper(
      "2501.00002v1", "Positional Encoding for Learned Channel Estimation in Wireless Receivers",
      "We attach a positional encoding to each subcarrier and antenna index so that a small "
      "network can interpolate channel coefficients between pilots. With the positional "
      "encoding, estimation error drops at high user speeds.",
      {"eess.SP", "cs.IT"});
  Assessment a = scorer(config).assess(wireless);
  EXPECT_EQ(a.score, 3 * 2 + 3 * 1.25 + 1 + 1);
  EXPECT_GE(a.score, 6.0);  // above in_scope: only the generic rule keeps it out
  EXPECT_EQ(a.fit, Fit::kWeakScope);
  EXPECT_EQ(a.explanation,
            "weak-scope: score 11.75 from generic terms and categories only (positional "
            "encoding in title and abstract, category cs.IT, category eess.SP)");

  // With the direction's exclusions it drops further, naming them.
  std::string excluding = std::string(config);
  excluding.insert(excluding.size() - 1, R"(, "excluded": ["wireless", "channel estimation"])");
  Assessment b = scorer(excluding).assess(wireless);
  EXPECT_EQ(b.excluded, (Strings{"wireless", "channel estimation"}));
  EXPECT_EQ(b.score, 1.75);
  EXPECT_EQ(b.fit, Fit::kOutOfScope);
  EXPECT_EQ(b.explanation,
            "out-of-scope: score 1.75 (below weak_scope 2) from generic terms and categories only "
            "(positional encoding in title and abstract, category cs.IT, category eess.SP); "
            "excluded: wireless in title, channel estimation in title");
}

TEST(ScoringTest, ExcludedTermCapsAtWeakScopeEvenWithAStrongMatch) {
  Assessment a =
      scorer(R"({"terms": [{"term": "rotary position embedding", "weight": 4,
                                       "acronym": "RoPE"}],
                            "excluded": ["wireless", "MIMO"], "excluded_penalty": 2})")
          .assess(paper("2501.00003v1", "A 3D-RoPE for Wireless Array Models",
                        "Rotary position embeddings over antenna, subcarrier and time "
                        "axes help a wireless model extrapolate to larger MIMO arrays."));
  EXPECT_EQ(a.score, 8 + 4 - 2 - 2);
  EXPECT_GE(a.score, 6.0);
  EXPECT_EQ(a.fit, Fit::kWeakScope);
  EXPECT_EQ(a.excluded, (Strings{"wireless", "MIMO"}));
  const Reason* wireless = reason(a, "wireless", "title");
  ASSERT_NE(wireless, nullptr);
  EXPECT_EQ(wireless->kind, "excluded");
  EXPECT_EQ(wireless->count, 2);  // title and abstract, one penalty
  EXPECT_EQ(wireless->matched, (Strings{"Wireless", "wireless"}));
  EXPECT_EQ(wireless->weight, -2.0);
  EXPECT_EQ(wireless->contribution, -2.0);
  EXPECT_EQ(reason(a, "MIMO", "abstract")->matched, Strings{"MIMO"});
  EXPECT_EQ(a.explanation,
            "weak-scope: score 8 from rotary position embedding in title and abstract; excluded: "
            "wireless in title, MIMO in abstract");
}

TEST(ScoringTest, RequiredTermMissingKeepsAPaperWeak) {
  Scorer s = scorer(R"({"terms": [{"term": "massive activations", "weight": 4},
                                  {"term": "rotary position embedding", "weight": 4,
                                   "acronym": "RoPE"}],
                       "required": ["rotary position embedding", "attention sink"]})");
  Assessment a = s.assess(paper("2501.00004v1", "Massive Activations in Small Models",
                                "A handful of massive activations dominate the residual stream."));
  EXPECT_EQ(a.score, 12.0);
  EXPECT_EQ(a.fit, Fit::kWeakScope);
  EXPECT_EQ(a.missing_required, (Strings{"rotary position embedding", "attention sink"}));
  EXPECT_TRUE(a.required_matched.empty());
  EXPECT_EQ(a.explanation,
            "weak-scope: score 12 from massive activations in title and abstract; missing "
            "required: rotary position embedding, attention sink");

  // The term's acronym satisfies a required entry naming the term.
  Assessment b = s.assess(paper("2501.00005v1", "Massive Activations under RoPE", ""));
  EXPECT_EQ(b.required_matched, Strings{"rotary position embedding"});
  EXPECT_TRUE(b.missing_required.empty());
  EXPECT_EQ(b.fit, Fit::kInScope);
  EXPECT_EQ(b.explanation,
            "in-scope: score 16 from massive activations in title, rotary position embedding in "
            "title; required met by rotary position embedding");
}

TEST(ScoringTest, CategoryWeightsApplyOncePerPaper) {
  Scorer s = scorer(R"({"terms": [{"term": "attention sink", "weight": 3}],
                       "categories": {"cs.CL": 1, "cs.LG": 0.5, "cs": 0.25, "eess.SP": -2}})");
  Assessment a =
      s.assess(paper("2501.00006v1", "Untitled", "Nothing relevant.", {"cs.LG", "cs.CL", "cs.LG"}));
  ASSERT_EQ(a.reasons.size(), 3u);
  EXPECT_EQ(a.reasons[0].term, "cs");  // key order
  EXPECT_EQ(a.reasons[0].matched, (Strings{"cs.LG", "cs.CL"}));
  EXPECT_EQ(a.reasons[0].count, 1);
  EXPECT_EQ(a.reasons[0].contribution, 0.25);
  EXPECT_EQ(a.reasons[1].term, "cs.CL");
  EXPECT_EQ(a.reasons[1].field, "category");
  EXPECT_EQ(a.reasons[1].kind, "category");
  EXPECT_EQ(a.reasons[2].term, "cs.LG");
  EXPECT_EQ(a.score, 1.75);
  EXPECT_EQ(a.explanation,
            "out-of-scope: score 1.75 (below weak_scope 2) from categories only (category cs, "
            "category cs.CL, category cs.LG)");

  Paper primary_only = paper("2501.00007v1", "Untitled", "", {});
  primary_only.primary_category = "eess.SP";
  Assessment b = s.assess(primary_only);
  EXPECT_EQ(b.score, -2.0);
  EXPECT_EQ(b.explanation,
            "out-of-scope: score -2 (below weak_scope 2) with no positive match; lowered by "
            "category eess.SP");
}

TEST(ScoringTest, CategoriesAloneNeverMakeAPaperInScope) {
  Assessment a = scorer(R"({"terms": [{"term": "attention sink", "weight": 3}],
                            "categories": {"cs.CL": 10}})")
                     .assess(paper("2501.00008v1", "Untitled", "Nothing relevant."));
  EXPECT_EQ(a.score, 10.0);
  EXPECT_EQ(a.fit, Fit::kWeakScope);
  EXPECT_EQ(a.explanation, "weak-scope: score 10 from categories only (category cs.CL)");
}

TEST(ScoringTest, NegativeTermsLowerTheScore) {
  Assessment a = scorer(R"({"terms": [{"term": "attention sink", "weight": 4},
                                      {"term": "survey", "weight": -1.5}]})")
                     .assess(paper("2501.00009v1", "A Survey of Attention Sinks", ""));
  EXPECT_EQ(a.score, 5.0);
  EXPECT_EQ(reason(a, "survey", "title")->contribution, -3.0);
  EXPECT_EQ(a.explanation,
            "weak-scope: score 5 (below in_scope 6) from attention sink in title; lowered by "
            "survey in title");
}

TEST(ScoringTest, ThresholdsAreInclusive) {
  Scorer s = scorer(R"({"terms": [{"term": "attention sink", "weight": 3},
                                  {"term": "transformer", "weight": 2, "generic": true}]})");
  EXPECT_EQ(s.assess(paper("2501.00010v1", "Attention Sink", "")).fit, Fit::kInScope);    // 6
  EXPECT_EQ(s.assess(paper("2501.00011v1", "", "A transformer.")).fit, Fit::kWeakScope);  // 2
  Assessment low = s.assess(paper("2501.00012v1", "", "A Transformer? No: a transform."));
  EXPECT_EQ(low.score, 2.0);
  Assessment none = s.assess(
      paper("2501.00013v1", "Tokenizers for the Languages of Europe", "Rope bridges and sinks."));
  EXPECT_EQ(none.fit, Fit::kOutOfScope);
  EXPECT_TRUE(none.reasons.empty());
  EXPECT_EQ(none.explanation, "out-of-scope: score 0 (below weak_scope 2) with no matching term");
}

TEST(ScoringTest, ScoresAreRoundedToThreeDecimals) {
  Assessment a = scorer(R"({"terms": [{"term": "attention sink", "weight": 0.1234567}]})")
                     .assess(paper("2501.00014v1", "", "attention sink, attention sink"));
  EXPECT_EQ(a.reasons[0].contribution, 0.154);  // 0.1234567 x 1.25 = 0.1543...
  EXPECT_EQ(a.score, 0.154);
  EXPECT_EQ(a.explanation,
            "out-of-scope: score 0.154 (below weak_scope 2) from attention sink in abstract");
}

}  // namespace
}  // namespace quire::triage

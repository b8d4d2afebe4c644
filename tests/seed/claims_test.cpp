// Claim classes, flags and their exact triggers, on sentences written for these tests.
#include "claims.hpp"

#include <gtest/gtest.h>

namespace quire::seed {
namespace {

using Texts = std::vector<std::string>;

TEST(ClaimsTest, OutperformsIsComparativeAndResultWithDecibels) {
  ClaimAnalysis a =
      analyse_claim("Our decoder outperforms the baseline by 10.7 dB on noisy links.");
  EXPECT_EQ(a.claim_class, ClaimClass::kFinding);
  EXPECT_EQ(a.class_trigger, "outperforms");
  EXPECT_EQ(a.comparative, (Texts{"outperforms"}));
  EXPECT_EQ(a.result, (Texts{"outperforms"}));
  EXPECT_EQ(a.numeric, (Texts{"10.7 dB"}));
}

TEST(ClaimsTest, ZeroPercentAndTimes) {
  EXPECT_EQ(numeric_triggers("The error rate drops to 0% on clean inputs."), (Texts{"0%"}));
  ClaimAnalysis a =
      analyse_claim("The sparse cache holds 100,000 times more keys than a dense one.");
  EXPECT_EQ(a.numeric, (Texts{"100,000 times"}));
  EXPECT_EQ(a.comparative, (Texts{"more keys than"}));
  EXPECT_EQ(a.claim_class, ClaimClass::kFinding);
  EXPECT_EQ(a.class_trigger, "100,000 times");
}

TEST(ClaimsTest, NumericUnitsMultipliersAndRanges) {
  EXPECT_EQ(numeric_triggers("Throughput is 2.5\xC3\x97 higher and latency 3x lower."),
            (Texts{"2.5\xC3\x97", "3x"}));
  EXPECT_EQ(numeric_triggers("Gains of 3\xE2\x80\x93"
                             "5 points and 10-20% were seen."),
            (Texts{"3\xE2\x80\x93"
                   "5 points",
                   "10-20%"}));
  EXPECT_EQ(numeric_triggers("A 7B model with a 128K window runs in 40 ms per token."),
            (Texts{"7B", "128K", "40 ms"}));
  EXPECT_EQ(numeric_triggers("Memory fell 4-fold, a twofold gain, by an order of magnitude."),
            (Texts{"4-fold", "twofold", "an order of magnitude"}));
  EXPECT_EQ(numeric_triggers("Activations shrink by a factor of four, or two times."),
            (Texts{"factor of four", "two times"}));
  EXPECT_EQ(numeric_triggers("Scores differ by -3.2 dB and ~5% and 1,024 samples."),
            (Texts{"-3.2 dB", "~5%", "1,024"}));
  EXPECT_EQ(numeric_triggers("Offsets agree to within 1e-6 and p < 0.05."),
            (Texts{"1e-6", "0.05"}));
  EXPECT_EQ(numeric_triggers("A 12-point drop, 8 GB of memory and 3.5 percent more."),
            (Texts{"12-point", "8 GB", "3.5 percent"}));
}

TEST(ClaimsTest, NumbersThatAreNotNumericLanguage) {
  // Model names, versions, years, counts, dimensions, equations and figures.
  EXPECT_EQ(numeric_triggers("GPT-4 and Llama 2 were tested in 2023 with v2.1 code."), Texts{});
  EXPECT_EQ(numeric_triggers("We use 12 layers, a 3x3 kernel and Eq. 3 in Fig. 2."), Texts{});
  EXPECT_EQ(numeric_triggers("Data from 2019\xE2\x80\x93"
                             "2021 and the 1990s is used."),
            Texts{});
  EXPECT_EQ(numeric_triggers("The cost O(n^2) and x_1 and L2 are bounded."), Texts{});
}

TEST(ClaimsTest, ComparativeLanguage) {
  EXPECT_EQ(analyse_claim("RoPE reaches higher accuracy than NoPE.").comparative,
            (Texts{"higher accuracy than"}));
  EXPECT_EQ(analyse_claim("Scores are lower than before and faster to compute.").comparative,
            (Texts{"lower than", "faster"}));
  EXPECT_EQ(analyse_claim("Compared with ALiBi, it is better and surpasses T5 bias.").comparative,
            (Texts{"Compared with", "better", "surpasses"}));
  EXPECT_EQ(analyse_claim("We compare RoPE vs. ALiBi on copying.").comparative, (Texts{"vs."}));
  EXPECT_EQ(analyse_claim("It is less stable than the baseline.").comparative,
            (Texts{"less stable than"}));
  EXPECT_EQ(analyse_claim("The method is worse than chance.").comparative, (Texts{"worse than"}));
}

TEST(ClaimsTest, ComparativeLookalikesAreIgnored) {
  EXPECT_EQ(analyse_claim("To better understand sinks, we probe the higher layers.").comparative,
            Texts{});
  EXPECT_EQ(analyse_claim("We prove a lower bound rather than an exact value.").comparative,
            Texts{});
}

TEST(ClaimsTest, ResultLanguage) {
  ClaimAnalysis a = analyse_claim("We show that the collapse is due to the causal mask.");
  EXPECT_EQ(a.result, (Texts{"We show", "is due to"}));
  EXPECT_EQ(a.class_trigger, "We show");
  EXPECT_EQ(analyse_claim("Removing the first token leads to a large drop.").result,
            (Texts{"leads to"}));
  EXPECT_EQ(analyse_claim("Experiments reveal a single head; our results are stable.").result,
            (Texts{"reveal", "results"}));
  EXPECT_EQ(analyse_claim("The probe demonstrates and achieves what it claims.").result,
            (Texts{"demonstrates", "achieves"}));
}

TEST(ClaimsTest, PurposeAndAdjectivesAreNotResults) {
  EXPECT_EQ(analyse_claim("We aim to reduce memory and to improve recall.").result, Texts{});
  EXPECT_EQ(analyse_claim("We propose an improved cache with reduced precision.").result, Texts{});
  EXPECT_EQ(analyse_claim("As shown in prior studies, heads specialise.").result, Texts{});
}

TEST(ClaimsTest, ContributionRanksBelowFindings) {
  ClaimAnalysis a = analyse_claim("In this paper, we propose a rotary variant for long inputs.");
  EXPECT_EQ(a.claim_class, ClaimClass::kContribution);
  EXPECT_EQ(a.class_trigger, "In this paper");
  EXPECT_EQ(a.contribution_cues, (Texts{"In this paper", "we propose"}));
  // A contribution that also reports a result is a finding.
  a = analyse_claim("We introduce a gate that reduces sink mass by 40%.");
  EXPECT_EQ(a.claim_class, ClaimClass::kFinding);
  EXPECT_EQ(a.class_trigger, "reduces");
  // Numbers in a contribution describe the setup, not a result.
  a = analyse_claim("We train 24 models with up to 1B parameters.");
  EXPECT_EQ(a.claim_class, ClaimClass::kContribution);
  EXPECT_EQ(a.numeric, (Texts{"1B"}));
}

TEST(ClaimsTest, BackgroundAndOthersWork) {
  ClaimAnalysis a = analyse_claim("Rotary embeddings have been widely used in recent models.");
  EXPECT_EQ(a.claim_class, ClaimClass::kBackground);
  EXPECT_EQ(a.class_trigger, "have been");
  // Results of others, without first person, stay background (the result flag is still set).
  a = analyse_claim("Recent work has shown that sinks improve streaming.");
  EXPECT_EQ(a.claim_class, ClaimClass::kBackground);
  EXPECT_EQ(a.result, (Texts{"shown", "improve"}));
  EXPECT_FALSE(a.first_person);
  // With first person, "however ... remains" does not hide a finding.
  a = analyse_claim("However, we find that the effect remains at scale.");
  EXPECT_EQ(a.claim_class, ClaimClass::kFinding);
  EXPECT_EQ(a.class_trigger, "we find");
  a = analyse_claim("How position interacts with the mask remains poorly understood.");
  EXPECT_EQ(a.claim_class, ClaimClass::kBackground);
  EXPECT_EQ(a.background_cues, (Texts{"remains", "poorly understood"}));
  a = analyse_claim("Attention heads are small matrices.");
  EXPECT_EQ(a.claim_class, ClaimClass::kBackground);
  EXPECT_EQ(a.class_trigger, "");
}

TEST(ClaimsTest, TriggersAreListedOnceInOrder) {
  ClaimAnalysis a =
      analyse_claim("It improves recall, improves precision and improves 5% more than before.");
  EXPECT_EQ(a.result, (Texts{"improves"}));
  EXPECT_EQ(a.numeric, (Texts{"5%"}));
  EXPECT_EQ(a.comparative, (Texts{"more than"}));
}

TEST(ClaimsTest, ClassNames) {
  EXPECT_STREQ(class_name(ClaimClass::kFinding), "finding");
  EXPECT_STREQ(class_name(ClaimClass::kContribution), "contribution");
  EXPECT_STREQ(class_name(ClaimClass::kBackground), "background");
  EXPECT_LT(ClaimClass::kFinding, ClaimClass::kContribution);
  EXPECT_LT(ClaimClass::kContribution, ClaimClass::kBackground);
}

}  // namespace
}  // namespace quire::seed

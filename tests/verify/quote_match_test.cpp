// The quote-matching ladder over normalised tokens: each rung's positives, the negatives that must
// never be promoted (altered numbers, negations, reordering, heavy paraphrase, short fragments),
// candidate reporting, determinism, and a document of realistic size.
#include "quote_match.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace quire::verify {
namespace {

using Tokens = std::vector<std::string>;

Tokens words(const std::string& text) {
  Tokens out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

// Filler that shares no word with the test sentences: "padaa", "padab", ...
Tokens filler(size_t count, size_t salt = 0) {
  Tokens out;
  for (size_t i = 0; i < count; ++i) {
    const size_t k = i + salt * 1000;
    out.push_back(std::string("pad") + char('a' + k / 26 % 26) + char('a' + k % 26));
  }
  return out;
}

Tokens concat(std::initializer_list<Tokens> parts) {
  Tokens out;
  for (const Tokens& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// 24 tokens, invented for these tests.
const char* const kClaim =
    "the proposed scheduler reduces tail latency by 12.7 percent on the mixed workload while "
    "keeping throughput within two percent of the baseline configuration";

class QuoteMatchTest : public ::testing::Test {
 protected:
  // filler(50) + claim + filler(50): the claim occupies [50, 74).
  Tokens claim_ = words(kClaim);
  Tokens doc_ = concat({filler(50), claim_, filler(50, 1)});
  size_t claim_begin_ = 50;
  size_t claim_end_ = 50 + claim_.size();
};

TEST_F(QuoteMatchTest, ExactWhenTheCallerMatchedTheRawString) {
  MatchOptions options;
  options.exact_raw = true;
  MatchResult result = match_quote(doc_, claim_, options);
  EXPECT_EQ(result.method, MatchMethod::kExact);
  EXPECT_EQ(result.score, 1.0);
  EXPECT_EQ(result.begin, claim_begin_);
  EXPECT_EQ(result.end, claim_end_);
  EXPECT_EQ(result.candidate_begin, claim_begin_);
  EXPECT_EQ(result.candidate_end, claim_end_);
  EXPECT_TRUE(result.reason.empty());
  EXPECT_STREQ(match_method_name(result.method), "exact");
}

TEST_F(QuoteMatchTest, NormalisedWhenOnlyTheTokensMatch) {
  MatchResult result = match_quote(doc_, claim_);
  EXPECT_EQ(result.method, MatchMethod::kNormalised);
  EXPECT_EQ(result.score, 1.0);
  EXPECT_EQ(result.begin, claim_begin_);
  EXPECT_EQ(result.end, claim_end_);
}

TEST_F(QuoteMatchTest, ShortExactQuoteHasNoMinimumLength) {
  MatchResult result = match_quote(doc_, words("tail latency by"));
  EXPECT_EQ(result.method, MatchMethod::kNormalised);
  EXPECT_EQ(result.begin, claim_begin_ + 4);
  EXPECT_EQ(result.end, claim_begin_ + 7);

  result = match_quote(doc_, words("12.7"));
  EXPECT_EQ(result.method, MatchMethod::kNormalised);
  EXPECT_EQ(result.begin, claim_begin_ + 7);
}

TEST_F(QuoteMatchTest, ExactRawFlagIsIgnoredWhenTheTokensAreAbsent) {
  MatchOptions options;
  options.exact_raw = true;
  MatchResult result = match_quote(doc_, words("tail latency grows"), options);
  EXPECT_EQ(result.method, MatchMethod::kNone);
}

TEST_F(QuoteMatchTest, ContiguousSkipsCitationMarkersAndStrayGlyphs) {
  // "al.12" and a detached circumflex as a PDF text layer might leave them.
  Tokens doc = concat({filler(20),
                       words("earlier systems by chen et al 12 report that the hit "
                             "rate \xCB\x86 doubles under skewed access"),
                       filler(20, 1)});
  Tokens quote =
      words("earlier systems by chen et al report that the hit rate doubles under skewed access");
  MatchResult result = match_quote(doc, quote);
  EXPECT_EQ(result.method, MatchMethod::kContiguous);
  EXPECT_EQ(result.score, 1.0);
  EXPECT_EQ(result.begin, 20u);
  EXPECT_EQ(result.end, 20u + quote.size() + 2);
  EXPECT_STREQ(match_method_name(result.method), "contiguous");
}

TEST_F(QuoteMatchTest, ContiguousNeverSkipsAQuoteToken) {
  // The quote's number must be in the text; only the text's tokens are skippable.
  Tokens doc = concat({filler(10), words("the model needs 5 epochs to converge"), filler(10, 1)});
  MatchResult result = match_quote(doc, words("the model needs 3 epochs to converge"));
  EXPECT_EQ(result.method, MatchMethod::kNone);
  result = match_quote(doc, words("the model needs epochs to converge"));
  EXPECT_EQ(result.method, MatchMethod::kContiguous);
}

TEST_F(QuoteMatchTest, ContiguousSkipsOnlyIgnorableTokensInShortRuns) {
  Tokens doc = concat({filler(10), words("we train a small model"), filler(10, 1),
                       words("gains in table 1 2 3 4 hold"), filler(10, 2),
                       words("costs in table 1 2 3 hold")});
  // "a" is a word, never a stray glyph.
  EXPECT_EQ(match_quote(doc, words("we train small model")).method, MatchMethod::kNone);
  // Four skippable tokens in a row exceed max_ignorable_run (3); three do not.
  EXPECT_EQ(match_quote(doc, words("gains in table hold")).method, MatchMethod::kNone);
  EXPECT_EQ(match_quote(doc, words("costs in table hold")).method, MatchMethod::kContiguous);
  MatchOptions options;
  options.max_ignorable_run = 4;
  EXPECT_EQ(match_quote(doc, words("gains in table hold"), options).method,
            MatchMethod::kContiguous);
}

TEST_F(QuoteMatchTest, FuzzyPromotesALightEdit) {
  Tokens quote = claim_;
  quote[3] = "lowers";  // one word swapped
  MatchResult result = match_quote(doc_, quote);
  ASSERT_EQ(result.method, MatchMethod::kFuzzy) << result.reason;
  EXPECT_GE(result.score, 0.6);
  EXPECT_LT(result.score, 1.0);
  EXPECT_EQ(result.begin, claim_begin_);
  EXPECT_EQ(result.end, claim_end_);
  EXPECT_GE(result.order_share, 0.8);
  EXPECT_TRUE(result.reason.empty());
  EXPECT_STREQ(match_method_name(result.method), "fuzzy");
}

TEST_F(QuoteMatchTest, FuzzyPromotesADroppedParenthetical) {
  Tokens doc = concat({filler(30),
                       words("the adapter improves recall on rare entities "
                             "as measured in section four while the memory cost "
                             "stays nearly flat across model sizes"),
                       filler(30, 1)});
  Tokens quote = words(
      "the adapter improves recall on rare entities while the memory cost stays nearly flat "
      "across model sizes");
  MatchResult result = match_quote(doc, quote);
  EXPECT_EQ(result.method, MatchMethod::kFuzzy) << result.reason;
  // The window is at most 20% longer than the quote, so it covers most of the sentence.
  EXPECT_GE(result.begin, 30u);
  EXPECT_LE(result.end, 54u);
}

TEST_F(QuoteMatchTest, AlteredNumberIsNeverPromoted) {
  Tokens quote = claim_;
  quote[7] = "10.7";
  MatchResult result = match_quote(doc_, quote);
  EXPECT_EQ(result.method, MatchMethod::kNone);
  EXPECT_EQ(result.reason, "number differs: 10.7 vs 12.7");
  EXPECT_EQ(result.candidate_begin, claim_begin_);
  EXPECT_EQ(result.candidate_end, claim_end_);
  EXPECT_GE(result.candidate_score, 0.6);
}

TEST_F(QuoteMatchTest, MissingNumberIsNeverPromoted) {
  Tokens quote = claim_;
  quote.push_back("3");  // a number the text does not state anywhere near
  quote[5] = "delay";
  MatchResult result = match_quote(doc_, quote);
  EXPECT_EQ(result.method, MatchMethod::kNone);
  EXPECT_EQ(result.reason, "number differs: 3 missing");
}

TEST_F(QuoteMatchTest, InsertedNegationIsNeverPromoted) {
  Tokens quote = words(
      "the proposed scheduler does not reduce tail latency by 12.7 percent on the mixed workload "
      "while keeping throughput within two percent of the baseline configuration");
  MatchResult result = match_quote(doc_, quote);
  EXPECT_EQ(result.method, MatchMethod::kNone);
  EXPECT_EQ(result.reason.rfind("negation differs", 0), 0u) << result.reason;
}

TEST_F(QuoteMatchTest, DroppedNegationIsNeverPromoted) {
  Tokens doc = concat({filler(30),
                       words("the pruned network never recovers its accuracy on the "
                             "held out split even after a long fine tuning phase"),
                       filler(30, 1)});
  Tokens quote = words(
      "the pruned network recovers its accuracy on the held out split even after a long fine "
      "tuning phase");
  MatchResult result = match_quote(doc, quote);
  EXPECT_EQ(result.method, MatchMethod::kNone);
  EXPECT_EQ(result.reason, "negation differs (quote 0, text 1)");
  // A split contraction counts the same as the word.
  Tokens contracted = words(
      "the pruned network doesn t recover its accuracy on the held out split even after a long "
      "fine tuning phase");
  result = match_quote(doc, contracted);
  EXPECT_EQ(result.method, MatchMethod::kFuzzy) << result.reason;
}

TEST_F(QuoteMatchTest, ReorderedWordsAreNeverPromoted) {
  Tokens quote(claim_.rbegin(), claim_.rend());  // the same bag of words
  MatchResult result = match_quote(doc_, quote);
  EXPECT_EQ(result.method, MatchMethod::kNone);
  EXPECT_EQ(result.reason.rfind("order check failed", 0), 0u) << result.reason;
  EXPECT_EQ(result.candidate_score, 1.0);
  EXPECT_LT(result.order_share, 0.8);
}

TEST_F(QuoteMatchTest, AThirdOfTheWordsReplacedIsNeverPromoted) {
  const char* const replacements[] = {"quickly", "vastly",  "every", "metric", "under",
                                      "stress",  "despite", "heavy", "noise"};
  Tokens quote = claim_;
  for (size_t i = 1, k = 0; i < quote.size(); i += 3, ++k) quote[i] = replacements[k];
  MatchResult result = match_quote(doc_, quote);
  EXPECT_EQ(result.method, MatchMethod::kNone);
  EXPECT_FALSE(result.reason.empty());
  EXPECT_EQ(result.candidate_begin < claim_end_ && claim_begin_ < result.candidate_end, true);
}

TEST_F(QuoteMatchTest, ShortFragmentIsTooShortForFuzzy) {
  // Present loosely ("of the baseline" in the text), not contiguously.
  Tokens quote = words("throughput within two percent of baseline");
  MatchResult result = match_quote(doc_, quote);
  EXPECT_EQ(result.method, MatchMethod::kNone);
  EXPECT_EQ(result.reason, "too short for fuzzy (6 < 8 tokens)");
  EXPECT_GE(result.candidate_score, 0.6);
  EXPECT_GE(result.candidate_begin, claim_begin_);
  EXPECT_LE(result.candidate_end, claim_end_);

  MatchOptions options;
  options.min_tokens = 6;
  EXPECT_EQ(match_quote(doc_, quote, options).method, MatchMethod::kFuzzy);
}

TEST_F(QuoteMatchTest, BelowThresholdReportsTheBestCandidate) {
  Tokens quote = words(
      "the proposed scheduler reduces queueing delay for bursty traffic across several racks");
  MatchResult result = match_quote(doc_, quote);
  EXPECT_EQ(result.method, MatchMethod::kNone);
  EXPECT_EQ(result.reason.rfind("below threshold 0.6: best ", 0), 0u) << result.reason;
  // Windows ending on "reduces" tie at 4/18 whatever filler precedes it; the earliest wins, and it
  // covers the four shared words.
  EXPECT_EQ(result.candidate_begin, claim_begin_ - 6);
  EXPECT_EQ(result.candidate_end, claim_begin_ + 4);
  EXPECT_GT(result.candidate_score, 0.0);
  EXPECT_LT(result.candidate_score, 0.6);
  EXPECT_EQ(result.begin, result.end);
}

TEST_F(QuoteMatchTest, ThresholdIsConfigurable) {
  Tokens quote = claim_;
  quote[3] = "lowers";
  MatchOptions options;
  options.jaccard = 0.95;
  MatchResult result = match_quote(doc_, quote, options);
  EXPECT_EQ(result.method, MatchMethod::kNone);
  EXPECT_EQ(result.reason.rfind("below threshold 0.95", 0), 0u) << result.reason;
}

TEST_F(QuoteMatchTest, EmptyInputs) {
  EXPECT_EQ(match_quote(doc_, Tokens{}).reason, "empty quote");
  EXPECT_EQ(match_quote(Tokens{}, claim_).reason, "empty document");
}

TEST_F(QuoteMatchTest, TiesGoToTheEarliestPosition) {
  Tokens doc = concat({filler(40), claim_, filler(40, 1), claim_, filler(40, 2)});
  EXPECT_EQ(match_quote(doc, claim_).begin, 40u);
  Tokens quote = claim_;
  quote[3] = "lowers";
  MatchResult first = match_quote(doc, quote);
  EXPECT_EQ(first.method, MatchMethod::kFuzzy);
  EXPECT_EQ(first.begin, 40u);
  quote[7] = "10.7";
  MatchResult failed = match_quote(doc, quote);
  EXPECT_EQ(failed.method, MatchMethod::kNone);
  EXPECT_EQ(failed.candidate_begin, 40u);
  // Same input, same answer.
  MatchResult again = match_quote(doc, quote);
  EXPECT_EQ(again.candidate_begin, failed.candidate_begin);
  EXPECT_EQ(again.candidate_end, failed.candidate_end);
  EXPECT_EQ(again.reason, failed.reason);
}

TEST(QuoteMatchTokens, Ignorable) {
  EXPECT_TRUE(is_ignorable_token("12"));
  EXPECT_TRUE(is_ignorable_token("7"));
  EXPECT_FALSE(is_ignorable_token("2024"));
  EXPECT_TRUE(is_ignorable_token("x"));
  EXPECT_TRUE(is_ignorable_token("\xE2\x80\xA0"));  // dagger
  EXPECT_FALSE(is_ignorable_token("a"));
  EXPECT_FALSE(is_ignorable_token("i"));
  EXPECT_FALSE(is_ignorable_token("of"));
  EXPECT_FALSE(is_ignorable_token("12.7"));
  EXPECT_FALSE(is_ignorable_token(""));
}

TEST(QuoteMatchTokens, Negation) {
  Tokens tokens = words("not no never without cannot doesnt doesn t it s note nothing t");
  std::vector<bool> expected = {true, true,  true,  true,  true, true, false,
                                true, false, false, false, true, false};
  ASSERT_EQ(tokens.size(), expected.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    EXPECT_EQ(is_negation(tokens, i), expected[i]) << tokens[i];
  }
}

// A document of ~250k tokens (about a 1.5 M character paper) with 20 planted quotes, matched
// against one PreparedHaystack. Asserts correctness only.
TEST(QuoteMatchScale, TwentyQuotesInAQuarterMillionTokens) {
  constexpr size_t kTokens = 250000;
  constexpr size_t kVocabulary = 5000;
  uint64_t state = 0x2545F4914F6CDD1DULL;
  auto next_word = [&]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    size_t k = (state >> 33) % kVocabulary;
    std::string word = "w";
    for (int i = 0; i < 3; ++i, k /= 26) word += char('a' + k % 26);
    return word;
  };
  Tokens doc;
  doc.reserve(kTokens);
  for (size_t i = 0; i < kTokens; ++i) doc.push_back(next_word());
  std::vector<Tokens> quotes;
  std::vector<size_t> at;
  for (size_t q = 0; q < 20; ++q) {
    Tokens quote;
    for (size_t i = 0; i < 20; ++i) quote.push_back(next_word());
    const size_t position = 1234 + q * 12345;
    std::copy(quote.begin(), quote.end(), doc.begin() + position);
    if (q % 2 == 1) quote[10] = "unseen";  // a light edit: must come back fuzzy
    quotes.push_back(quote);
    at.push_back(position);
  }
  PreparedHaystack haystack(doc);
  for (size_t q = 0; q < quotes.size(); ++q) {
    MatchResult result = match_quote(haystack, quotes[q]);
    EXPECT_EQ(result.method, q % 2 == 0 ? MatchMethod::kNormalised : MatchMethod::kFuzzy)
        << "quote " << q << ": " << result.reason;
    EXPECT_EQ(result.begin, at[q]) << "quote " << q;
    EXPECT_EQ(result.end, at[q] + 20) << "quote " << q;
  }
  // A quote from nowhere stays unpromoted.
  Tokens stranger = words("none of these words occur anywhere in the synthetic document at all");
  EXPECT_EQ(match_quote(haystack, stranger).method, MatchMethod::kNone);
}

}  // namespace
}  // namespace quire::verify

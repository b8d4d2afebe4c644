// The per-paper helpers of the verify stage: sentence splitting and the mining rule.
#include "verify_paper.hpp"

#include <gtest/gtest.h>

namespace quire::verify {
namespace {

TEST(VerifyPaperTest, SplitsWordsIntoSentences) {
  std::vector<std::string> words = {"Doe",  "et",  "al.", "report", "gains", "(see",
                                    "Fig.", "2).", "We",  "find",   "more.", "Done"};
  auto s = split_word_sentences(words);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], (std::pair<size_t, size_t>{0, 8}));
  EXPECT_EQ(s[1], (std::pair<size_t, size_t>{8, 11}));
  EXPECT_EQ(s[2], (std::pair<size_t, size_t>{11, 12}));
}

TEST(VerifyPaperTest, MiningRule) {
  EXPECT_TRUE(is_mined_heading("4 Results"));
  EXPECT_TRUE(is_mined_heading("6 CONCLUSIONS"));
  EXPECT_TRUE(is_mined_heading("5.1 Experimental Setup"));
  EXPECT_FALSE(is_mined_heading("2 Method"));
  EXPECT_TRUE(is_mineable_sentence("Accuracy reaches 91.2 on the test set."));
  EXPECT_TRUE(is_mineable_sentence("Our method outperforms the baseline."));
  EXPECT_TRUE(is_mineable_sentence("This reduces memory."));
  EXPECT_FALSE(is_mineable_sentence("As shown by prior work [12], caches matter."));
}

TEST(VerifyPaperTest, UnreadablePdfIsAFailureValue) {
  std::string result = verify_paper("not a pdf", {"a quote"}, VerifySettings{});
  EXPECT_NE(result.find("\"failure\":\"unopenable\""), std::string::npos) << result;
}

}  // namespace
}  // namespace quire::verify

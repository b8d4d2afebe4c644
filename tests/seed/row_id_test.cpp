// Row ids: stable across runs and versions, distinct across papers.
#include "row_id.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace quire::seed {
namespace {

TEST(RowIdTest, Sha256OfKnownInput) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(RowIdTest, NormalisationCollapsesWhitespaceAndCase) {
  EXPECT_EQ(normalise_sentence("  Sinks\tform \n in the FIRST layer. "),
            "sinks form in the first layer.");
  EXPECT_EQ(normalise_sentence("\xC3\x89tude A"), "\xC3\x89tude a");  // non-ASCII kept as is
}

TEST(RowIdTest, KnownId) {
  // printf '%s' 'sinks form in the first layer.' | sha256sum  ->  12a12d45...
  EXPECT_EQ(row_id("2401.00001", "Sinks form in the first layer."), "EV-2401.00001-12a12d45");
  EXPECT_EQ(row_id("cs/9901001", "Sinks form in the first layer."), "EV-cs_9901001-12a12d45");
  EXPECT_EQ(row_id("2401.00001", "Sinks form in the first layer.", 16),
            "EV-2401.00001-12a12d45e6ff11eb");
}

TEST(RowIdTest, SameSentenceSameIdDifferentPaperDifferentId) {
  std::string sentence = "Removing the first token lowers accuracy by 12 points.";
  EXPECT_EQ(row_id("2401.00002", sentence), row_id("2401.00002", sentence));
  EXPECT_EQ(row_id("2401.00002", sentence), row_id("2401.00002",
                                                   "removing the first token  "
                                                   "lowers accuracy by 12 points."));
  EXPECT_NE(row_id("2401.00002", sentence), row_id("2401.00003", sentence));
  EXPECT_NE(row_id("2401.00002", sentence), row_id("2401.00002", sentence + " Also more."));
}

TEST(RowIdTest, Format) {
  std::regex pattern(R"(EV-[A-Za-z0-9._-]+-[0-9a-f]{8})");
  for (const char* base : {"2401.00001", "astro-ph/0601001", "math.GT/0309136"})
    EXPECT_TRUE(std::regex_match(row_id(base, "A sentence."), pattern)) << base;
}

}  // namespace
}  // namespace quire::seed

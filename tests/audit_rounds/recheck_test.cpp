// Round 3's own matcher: character folding, the window rung, and a real cairo-drawn PDF read
// with the audit's own reader.
#include "recheck.hpp"

#include <gtest/gtest.h>

#include "page_text.hpp"
#include "support/pdf_maker.hpp"

namespace quire::audit {
namespace {

TEST(RecheckTest, FoldsCaseSpacesPunctuationAndLigatures) {
  EXPECT_EQ(fold_chars("The Sink, (at 3.5%)!"), "thesinkat35");
  EXPECT_EQ(fold_chars("\xEF\xAC\x81nal e\xEF\xAC\x80"
                       "ect"),
            "finaleffect");                                     // U+FB01, U+FB00
  EXPECT_EQ(fold_chars("long\xE2\x80\x93range"), "longrange");  // en dash
  EXPECT_EQ(fold_chars("na\xC3\xAFve"), "na\xC3\xAFve");        // other letters are kept
}

TEST(RecheckTest, TokensJoinHyphenatedLineEnds) {
  EXPECT_EQ(fold_tokens("the posi-\ntion of Tokens."),
            (std::vector<std::string>{"the", "position", "of", "tokens"}));
}

TEST(RecheckTest, FindsAQuoteAcrossAHyphenatedLineBreak) {
  Recheck r =
      recheck_quote("Heads encode the position of each token.",
                    {"Intro text.", "Heads en-\ncode the posi-\ntion of each\ntoken."}, 0.6);
  EXPECT_TRUE(r.found);
  EXPECT_EQ(r.method, "chars");
  EXPECT_EQ(r.pages, std::vector<int>{2});
}

TEST(RecheckTest, AChangedNumberNeverMatches) {
  std::string page = "On the distance task the model reaches an accuracy of 92.5 percent overall.";
  Recheck r = recheck_quote("the model reaches an accuracy of 94.5 percent overall", {page}, 0.6);
  EXPECT_FALSE(r.found);
  EXPECT_EQ(r.method, "none");
  EXPECT_GT(r.score, 0.6);  // the window was close, the number kept it out
}

TEST(RecheckTest, WindowRungToleratesAChangedWord) {
  std::string page = "We observe that the first layer stores most of the positional signal here.";
  Recheck r = recheck_quote("We observe that the first layer keeps most of the positional signal",
                            {page}, 0.6);
  EXPECT_TRUE(r.found);
  EXPECT_EQ(r.method, "window");
  EXPECT_EQ(r.pages, std::vector<int>{1});
}

TEST(RecheckTest, AnAbsentQuoteIsNotFound) {
  Recheck r = recheck_quote("Sinks vanish when the mask is removed.", {"Nothing alike here."}, 0.6);
  EXPECT_FALSE(r.found);
}

TEST(RecheckTest, ReadsACairoPdfWithLigaturesAndHyphenation) {
  quire::testing::PdfMaker pdf;
  pdf.text(1, 72, 100, 11, "A first page.");
  pdf.text(2, 72, 100, 11,
           "The \xEF\xAC\x81nal e\xEF\xAC\x80"
           "ect of rotary embed-");
  pdf.text(2, 72, 114, 11, "dings is a dispersion of 12.5 units.");
  PageTexts text = read_page_texts(pdf.pdf());
  ASSERT_TRUE(text.ok) << text.error;
  ASSERT_EQ(text.pages.size(), 2u);
  Recheck r = recheck_quote("The final effect of rotary embeddings is a dispersion of 12.5 units.",
                            text.pages, 0.6);
  EXPECT_TRUE(r.found);
  EXPECT_EQ(r.pages, std::vector<int>{2});
  EXPECT_FALSE(recheck_quote("The final effect of rotary embeddings is a dispersion of 13.5 units.",
                             text.pages, 0.6)
                   .found);
}

TEST(RecheckTest, GarbageIsAFailureValue) {
  PageTexts text = read_page_texts("not a pdf at all");
  EXPECT_FALSE(text.ok);
  EXPECT_FALSE(text.error.empty());
}

}  // namespace
}  // namespace quire::audit

// normalise_pages / normalise_quote on cairo-made PDFs: every text rule, and tokens that map back
// to word boxes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "verify/synthetic.hpp"

namespace quire::verify {
namespace {

using quire::testing::joined;
using quire::testing::PdfMaker;
using ::testing::HasSubstr;
using ::testing::Not;

std::vector<Token> tokens_of(const PdfMaker& maker) {
  return normalise_pages(quire::testing::extract_made(maker).pages);
}

TEST(NormaliseTextTest, HyphenAtLineEndJoinsButCompoundsKeepTheirParts) {
  PdfMaker maker;
  maker.text(1, 72, 100, 10, "The model uses po-")
      .text(1, 72, 114, 10, "sitional encodings, state-of-the-")
      .text(1, 72, 128, 10, "art results and a key-value cache.");
  std::string text = joined(tokens_of(maker));
  EXPECT_EQ(text,
            "the model uses positional encodings state of the art results and a key value cache");
}

TEST(NormaliseTextTest, HyphenSeenInsideALineElsewhereIsKept) {
  PdfMaker maker;
  maker.text(1, 72, 100, 10, "a black-box model and a black-").text(1, 72, 114, 10, "box again");
  EXPECT_EQ(joined(tokens_of(maker)), "a black box model and a black box again");
}

TEST(NormaliseTextTest, SentenceAcrossAPageBreak) {
  PdfMaker maker;
  maker.text(1, 72, 700, 10, "This sentence starts here")
      .text(2, 72, 100, 10, "and ends on the next page.");
  std::vector<Token> tokens = tokens_of(maker);
  EXPECT_EQ(joined(tokens), "this sentence starts here and ends on the next page");
  ASSERT_EQ(tokens.size(), 10u);
  EXPECT_EQ(tokens[3].page, 1);
  EXPECT_EQ(tokens[4].page, 2);
  EXPECT_EQ(tokens[4].word, 0);
}

TEST(NormaliseTextTest, TwoColumnsKeepEachSentenceTogether) {
  PdfMaker maker;
  const char* left[] = {"the left column holds", "one whole sentence", "about alpha."};
  const char* right[] = {"the right column holds", "another sentence", "about beta."};
  for (int i = 0; i < 3; ++i) {
    maker.text(1, 50, 100 + 14 * i, 10, left[i]);
    maker.text(1, 320, 100 + 14 * i, 10, right[i]);
  }
  std::string text = joined(tokens_of(maker));
  EXPECT_THAT(text, HasSubstr("the left column holds one whole sentence about alpha"));
  EXPECT_THAT(text, HasSubstr("the right column holds another sentence about beta"));
}

TEST(NormaliseTextTest, LigaturesUnfoldAndCaseFolds) {
  PdfMaker maker;
  maker.text(1, 72, 100, 10,
             "An e\xef\xac\x83"
             "cient \xef\xac\x81"
             "eld \xef\xac\x82"
             "ow");
  EXPECT_EQ(joined(tokens_of(maker)), "an efficient field flow");
}

TEST(NormaliseTextTest, SuperscriptCitationDroppedExponentKept) {
  PdfMaker maker;
  double x = 72;
  maker.text(1, x, 100, 10, "shown by Smith et al.");
  x += PdfMaker::advance(10, "shown by Smith et al.");
  maker.text(1, x, 96, 6.5, "12");
  x += PdfMaker::advance(6.5, "12") + PdfMaker::advance(10, " ");
  maker.text(1, x, 100, 10, "with a 10");
  x += PdfMaker::advance(10, "with a 10");
  maker.text(1, x, 96, 6.5, "3");
  x += PdfMaker::advance(6.5, "3") + PdfMaker::advance(10, " ");
  maker.text(1, x, 100, 10, "speedup");
  EXPECT_EQ(joined(tokens_of(maker)), "shown by smith et al with a 10 3 speedup");
}

TEST(NormaliseTextTest, LetterSpacedCapitalsRejoin) {
  PdfMaker maker;
  // Spaced widely enough that poppler sees every capital as a word of its own.
  maker.spaced(1, 72, 100, 12, "ROFORMER ENHANCED", 6.0)
      .text(1, 72, 130, 10, "Body text runs across the whole width below the title");
  EXPECT_EQ(joined(tokens_of(maker)),
            "roformer enhanced body text runs across the whole width below the title");
}

TEST(NormaliseTextTest, ArxivMarginStampDroppedOnPageOne) {
  PdfMaker maker;
  maker.vertical(1, 30, 600, 20, "arXiv:2104.09864v5  [cs.CL]  8 Nov 2023")
      .text(1, 72, 100, 10, "Title words")
      .text(2, 72, 100, 10, "see arXiv:2104.09864v5 later");
  std::vector<Token> tokens = tokens_of(maker);
  EXPECT_EQ(joined(tokens), "title words see arxiv 2104 09864v5 later");
}

TEST(NormaliseTextTest, TokensMapBackToWordBoxes) {
  PdfMaker maker;
  maker.text(1, 72, 100, 10, "The model uses po-")
      .text(1, 72, 114, 10, "sitional encodings.")
      .text(2, 300, 200, 10, "Second page words");
  PdfExtraction pdf = quire::testing::extract_made(maker);
  std::vector<Token> tokens = normalise_pages(pdf.pages);
  ASSERT_FALSE(tokens.empty());
  for (const Token& t : tokens) {
    ASSERT_GE(t.page, 1);
    ASSERT_LE(t.page, static_cast<int>(pdf.pages.size()));
    const std::vector<PdfWord>& words = pdf.pages[t.page - 1].words;
    ASSERT_LE(t.word + t.word_count, static_cast<int>(words.size()));
    std::string source;
    for (int w = t.word; w < t.word + t.word_count; ++w) source += words[w].text;
    EXPECT_THAT(fold_text(source), HasSubstr(t.text.substr(0, 2))) << t.text;
  }
  const Token& joined_token = tokens[3];
  EXPECT_EQ(joined_token.text, "positional");
  EXPECT_EQ(joined_token.word_count, 2);
  const std::vector<PdfWord>& words = pdf.pages[0].words;
  EXPECT_LT(words[joined_token.word].box.y, words[joined_token.word + 1].box.y);
  EXPECT_EQ(tokens.back().page, 2);
  EXPECT_GT(pdf.pages[1].words[tokens.back().word].box.x, 300);
}

TEST(NormaliseQuoteTest, SameRulesAsThePages) {
  EXPECT_EQ(joined(normalise_quote("An \xef\xac\x81"
                                   "eld \u201Cquoted\u201D \u2014 State-of-the-Art!")),
            "an field quoted state of the art");
  EXPECT_EQ(joined(normalise_quote("rotary po- sitional embedding")),
            "rotary positional embedding");
  EXPECT_EQ(joined(normalise_quote("  ")), "");
  EXPECT_EQ(joined(normalise_quote("Stra\xc3\x9f"
                                   "e 10\xc2\xb3")),
            "strasse 103");
}

}  // namespace
}  // namespace quire::verify

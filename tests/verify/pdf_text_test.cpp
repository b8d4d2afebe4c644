// extract_pdf on PDFs drawn with cairo: pages, words, boxes, reading order, failures.
#include <gtest/gtest.h>

#include "verify/synthetic.hpp"

namespace quire::verify {
namespace {

using quire::testing::PdfMaker;

TEST(PdfTextTest, KnownWordsOnKnownPagesWithBoxes) {
  PdfMaker maker;
  maker.text(1, 72, 100, 10, "Alpha beta gamma").text(2, 72, 200, 10, "Delta epsilon");
  PdfExtraction result = quire::testing::extract_made(maker);
  ASSERT_EQ(result.pages.size(), 2u);
  const PdfPage& first = result.pages[0];
  EXPECT_EQ(first.number, 1);
  EXPECT_NEAR(first.width, 595, 0.5);
  EXPECT_NEAR(first.height, 842, 0.5);
  ASSERT_EQ(first.words.size(), 3u);
  EXPECT_EQ(first.words[0].text, "Alpha");
  EXPECT_EQ(first.words[2].text, "gamma");
  // Boxes are in points from the top-left: the word sits just above its baseline at y = 100.
  EXPECT_NEAR(first.words[0].box.x, 72, 1.0);
  EXPECT_LT(first.words[0].box.y, 100);
  EXPECT_GT(first.words[0].box.bottom(), 95);
  EXPECT_LT(first.words[0].box.right(), first.words[1].box.x);
  EXPECT_NE(first.text.find("Alpha beta gamma"), std::string::npos);
  const PdfPage& second = result.pages[1];
  EXPECT_EQ(second.number, 2);
  ASSERT_EQ(second.words.size(), 2u);
  EXPECT_EQ(second.words[1].text, "epsilon");
  EXPECT_GT(second.words[1].box.y, 180);
}

TEST(PdfTextTest, TwoColumnsStayInReadingOrder) {
  PdfMaker maker;
  const char* left[] = {"left column one", "left column two", "left column three"};
  const char* right[] = {"right column one", "right column two", "right column three"};
  for (int i = 0; i < 3; ++i) {
    maker.text(1, 50, 100 + 14 * i, 10, left[i]);
    maker.text(1, 320, 100 + 14 * i, 10, right[i]);
  }
  PdfExtraction result = quire::testing::extract_made(maker);
  ASSERT_EQ(result.pages.size(), 1u);
  const std::vector<PdfWord>& words = result.pages[0].words;
  ASSERT_EQ(words.size(), 18u);
  for (int i = 0; i < 9; ++i) EXPECT_LT(words[i].box.x, 300) << i;
  EXPECT_EQ(words[0].text, "left");
  EXPECT_EQ(words[9].text, "right");
  for (int i = 9; i < 18; ++i) EXPECT_GT(words[i].box.x, 300) << i;
  EXPECT_EQ(words[8].text, "three");
  EXPECT_LT(result.pages[0].text.find("left column three"),
            result.pages[0].text.find("right column one"));
}

TEST(PdfTextTest, LigatureGlyphComesThroughAsU_FB01) {
  PdfMaker maker;
  maker.text(1, 72, 100, 10,
             "an e\xef\xac\x83"
             "cient \xef\xac\x81"
             "eld");
  PdfExtraction result = quire::testing::extract_made(maker);
  ASSERT_EQ(result.pages.size(), 1u);
  ASSERT_EQ(result.pages[0].words.size(), 3u);
  EXPECT_EQ(result.pages[0].words[2].text,
            "\xef\xac\x81"
            "eld");  // not expanded by poppler
}

TEST(PdfTextTest, FailuresAreValues) {
  ExtractOptions options;
  EXPECT_EQ(extract_pdf("", options).failure, ExtractFailure::kUnopenable);
  EXPECT_EQ(extract_pdf("not a pdf at all", options).failure, ExtractFailure::kUnopenable);
  std::string pdf = PdfMaker().text(1, 72, 100, 10, "Alpha").pdf();
  EXPECT_EQ(extract_pdf(pdf.substr(0, pdf.size() / 2), options).failure,
            ExtractFailure::kTruncated);
  options.max_bytes = 100;
  PdfExtraction large = extract_pdf(pdf, options);
  EXPECT_EQ(large.failure, ExtractFailure::kTooLarge);
  EXPECT_STREQ(failure_kind_name(large.failure), "too_large");
  EXPECT_FALSE(large.message.empty());
  options.max_bytes = 0;
  options.max_pages = 1;
  std::string two = PdfMaker().text(1, 72, 100, 10, "A").text(2, 72, 100, 10, "B").pdf();
  EXPECT_EQ(extract_pdf(two, options).failure, ExtractFailure::kTooManyPages);
  EXPECT_EQ(extract_pdf(PdfMaker().pdf(), ExtractOptions{}).failure, ExtractFailure::kNoTextLayer);
}

TEST(PdfTextTest, EveryPrefixOfAPdfIsAValueNotACrash) {
  std::string pdf = PdfMaker().text(1, 72, 100, 10, "Alpha beta").pdf();
  for (size_t n = 0; n < pdf.size(); n += 97) {
    PdfExtraction result = extract_pdf(pdf.substr(0, n), ExtractOptions{});
    EXPECT_TRUE(!result.ok() || !result.pages.empty()) << n;
  }
  std::string flipped = pdf;
  for (size_t i = 200; i < flipped.size(); i += 50)
    flipped[i] = static_cast<char>(flipped[i] ^ 0x5a);
  PdfExtraction result = extract_pdf(flipped, ExtractOptions{});
  EXPECT_TRUE(!result.ok() || !result.pages.empty());
}

}  // namespace
}  // namespace quire::verify

// Sections on cairo-made pages: numbered and named headings, and which one is in force.
#include "sections.hpp"

#include <gtest/gtest.h>

#include "verify/synthetic.hpp"

namespace quire::verify {
namespace {

using quire::testing::PdfMaker;

PdfMaker paper() {
  PdfMaker maker;
  maker.text(1, 72, 80, 12, "Abstract")
      .text(1, 72, 100, 10, "We study one thing in this short paper.")
      .text(1, 72, 130, 12, "1 Introduction")
      .text(1, 72, 150, 10, "Body text of the introduction.")
      .text(1, 72, 164, 10, "2 more lines of body text follow here.")
      .text(1, 72, 190, 12, "4.3 Evidence of Decay")  // out of order: not a heading
      .text(2, 72, 80, 12, "2 Method")
      .text(2, 72, 100, 10, "The method section.")
      .text(2, 72, 130, 12, "2.1 Rotary Embedding")
      .text(2, 72, 150, 10, "Details of the method.")
      .text(2, 72, 170, 7, "3 A footnote set in a small size")
      .text(3, 72, 80, 12, "References")
      .text(3, 72, 100, 10, "A. Author. A title. 2020.")
      .text(3, 72, 130, 12, "Appendix A Proofs")
      .text(3, 72, 150, 10, "The proofs.");
  return maker;
}

int word_index(const PdfPage& page, const std::string& text) {
  for (size_t i = 0; i < page.words.size(); ++i)
    if (page.words[i].text == text) return static_cast<int>(i);
  ADD_FAILURE() << "no word " << text << " on page " << page.number;
  return -1;
}

TEST(SectionsTest, FindsNumberedAndNamedHeadings) {
  PdfExtraction pdf = quire::testing::extract_made(paper());
  Sections sections(pdf.pages);
  std::vector<std::string> texts;
  for (const Heading& h : sections.headings()) texts.push_back(h.text);
  EXPECT_EQ(texts,
            (std::vector<std::string>{"Abstract", "1 Introduction", "2 Method",
                                      "2.1 Rotary Embedding", "References", "Appendix A Proofs"}));
  EXPECT_EQ(sections.headings()[3].page, 2);
  EXPECT_EQ(pdf.pages[1].words[sections.headings()[3].word].text, "2.1");
}

TEST(SectionsTest, SectionAtIsTheInnermostHeadingInForce) {
  PdfExtraction pdf = quire::testing::extract_made(paper());
  Sections sections(pdf.pages);
  EXPECT_EQ(sections.section_at(1, 0), "Abstract");
  EXPECT_EQ(sections.section_at(1, word_index(pdf.pages[0], "study")), "Abstract");
  EXPECT_EQ(sections.section_at(1, word_index(pdf.pages[0], "follow")), "1 Introduction");
  EXPECT_EQ(sections.section_at(2, word_index(pdf.pages[1], "method")), "2 Method");
  EXPECT_EQ(sections.section_at(2, word_index(pdf.pages[1], "Details")), "2.1 Rotary Embedding");
  EXPECT_EQ(sections.section_at(2, word_index(pdf.pages[1], "footnote")), "2.1 Rotary Embedding");
  EXPECT_EQ(sections.section_at(3, word_index(pdf.pages[2], "title.")), "References");
  EXPECT_EQ(sections.section_at(3, word_index(pdf.pages[2], "proofs.")), "Appendix A Proofs");
}

TEST(SectionsTest, NothingBeforeTheFirstHeading) {
  PdfMaker maker;
  maker.text(1, 72, 60, 16, "A Title Line")
      .text(1, 72, 100, 12, "1 Introduction")
      .text(1, 72, 120, 10, "Body text with enough words to set the body size.");
  PdfExtraction pdf = quire::testing::extract_made(maker);
  Sections sections(pdf.pages);
  EXPECT_EQ(sections.section_at(1, 0), "");
  EXPECT_EQ(sections.section_at(1, 2), "");
  EXPECT_EQ(sections.section_at(1, 3), "1 Introduction");
  EXPECT_EQ(sections.section_at(1, 8), "1 Introduction");
  EXPECT_EQ(sections.section_at(2, 0), "1 Introduction");
  EXPECT_EQ(Sections({}).section_at(1, 0), "");
}

}  // namespace
}  // namespace quire::verify

// The whole verification path on one generated PDF: extraction, normalisation, sections and the
// matching ladder. Every positive quote is found on the right page in the right section; no
// negative is promoted. All sentences are written for this test.
#include <gtest/gtest.h>

#include "quote_match.hpp"
#include "sections.hpp"
#include "synthetic.hpp"

namespace quire::verify {
namespace {

using quire::testing::PdfMaker;

// Page 1: abstract + "1 Introduction"; page 2: "2 Method" with a line-end hyphen, a ligature and
// a superscript citation, and a sentence running onto page 3; page 3: "3 Results" in two columns.
std::string paper() {
  PdfMaker m;
  m.text(1, 72, 80, 14, "Abstract");
  m.text(1, 72, 110, 10, "Sinks in small models absorb most attention mass in early layers.");
  m.text(1, 72, 160, 14, "1 Introduction");
  m.text(1, 72, 190, 10, "Rotary embeddings rotate queries and keys by position dependent angles.");
  m.text(2, 72, 80, 14, "2 Method");
  m.text(2, 72, 110, 10, "We measure how the positional signal is carried through po-");
  m.text(2, 72, 124, 10, "sitional channels of every head in the network.");
  m.text(2, 72, 150, 10,
         "The \xEF\xAC\x81rst token receives the largest share of attention weight.");
  double after = 72 + PdfMaker::advance(10, "Cached keys grow with context length");
  m.text(2, 72, 180, 10, "Cached keys grow with context length");
  m.text(2, after + 1, 176, 6, "12");
  m.text(2, after + 6, 180, 10, " in every decoder we tried.");
  m.text(2, 72, 800, 10, "The probe trains on sequences of two hundred tokens and");
  m.text(3, 72, 80, 14, "3 Results");
  m.text(3, 72, 110, 10, "then evaluates on sequences of four hundred tokens.");
  m.text(3, 72, 140, 10, "Accuracy falls to 41.5 percent");
  m.text(3, 72, 154, 10, "without the first token.");
  m.text(3, 320, 140, 10, "Ablating one head removes");
  m.text(3, 320, 154, 10, "the effect in every run.");
  return m.pdf();
}

class LadderOnPdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto pdf = extract_pdf(paper(), {});
    ASSERT_TRUE(pdf.ok()) << pdf.message;
    pages_ = pdf.pages;
    tokens_ = normalise_pages(pages_);
    for (const Token& t : tokens_) words_.push_back(t.text);
  }
  MatchResult find(const std::string& quote) { return match_quote(words_, normalise_quote(quote)); }
  // The page and section where a quote was found.
  std::pair<int, std::string> where(const MatchResult& r) {
    const Token& first = tokens_[r.begin];
    return {first.page, Sections(pages_).section_at(first.page, first.word)};
  }
  std::vector<PdfPage> pages_;
  std::vector<Token> tokens_;
  std::vector<std::string> words_;
};

TEST_F(LadderOnPdfTest, PositivesAreFoundOnTheirPageAndSection) {
  struct Case {
    const char* quote;
    int page;
    const char* section;
  };
  const Case cases[] = {
      {"Sinks in small models absorb most attention mass in early layers.", 1, "Abstract"},
      {"We measure how the positional signal is carried through positional channels of every "
       "head in the network.",
       2, "2 Method"},  // hyphenated across a line
      {"The first token receives the largest share of attention weight.", 2, "2 Method"},  // ﬁ
      {"Cached keys grow with context length in every decoder we tried.", 2,
       "2 Method"},  // superscript citation in the text
      {"The probe trains on sequences of two hundred tokens and then evaluates on sequences of "
       "four hundred tokens.",
       2, "2 Method"},  // across a page break
      {"Accuracy falls to 41.5 percent without the first token.", 3, "3 Results"},  // column one
      {"Ablating one head removes the effect in every run.", 3, "3 Results"},       // column two
  };
  for (const auto& c : cases) {
    auto r = find(c.quote);
    ASSERT_NE(r.method, MatchMethod::kNone) << c.quote << ": " << r.reason;
    auto [page, section] = where(r);
    EXPECT_EQ(page, c.page) << c.quote;
    EXPECT_EQ(section, c.section) << c.quote;
  }
}

TEST_F(LadderOnPdfTest, NegativesAreNeverPromoted) {
  const char* negatives[] = {
      "Accuracy falls to 14.5 percent without the first token.",                   // altered number
      "Sinks in small models do not absorb most attention mass in early layers.",  // negation
      "Early layers in most models absorb small attention mass in sinks.",         // reordered
      "Sinks in large models absorb little attention mass in late layers.",  // a third replaced
      "token receives a large attention share",  // a 6-word generic fragment, loosely present
  };
  for (const char* quote : negatives) {
    auto r = find(quote);
    EXPECT_TRUE(r.method == MatchMethod::kNone)
        << quote << " promoted as " << match_method_name(r.method);
  }
}

}  // namespace
}  // namespace quire::verify

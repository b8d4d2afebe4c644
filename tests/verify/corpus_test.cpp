// extract_pdf, normalise_pages and Sections on the shared corpus of real arXiv PDFs and
// pathological files (../shared/corpus; skipped when absent). Only short words and numbers are
// asserted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "normalise_text.hpp"
#include "pdf_text.hpp"
#include "quote_match.hpp"
#include "sections.hpp"

namespace quire::verify {
namespace {

namespace fs = std::filesystem;

class CorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::is_directory(kCorpus))
      GTEST_SKIP() << "shared corpus not found at " << kCorpus << " (it is not part of the repo)";
  }
  static std::string read(const std::string& relative) {
    std::ifstream in(fs::path(kCorpus) / relative, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }
  static PdfExtraction extract(const std::string& relative, ExtractOptions options = {}) {
    return extract_pdf(read(relative), options);
  }
  static constexpr const char* kCorpus = QUIRE_TEST_SHARED_CORPUS;
};

// Pages (1-based) on which `word` is a token.
std::vector<int> pages_with(const std::vector<Token>& tokens, const std::string& word) {
  std::vector<int> pages;
  for (const Token& t : tokens)
    if (t.text == word && (pages.empty() || pages.back() != t.page)) pages.push_back(t.page);
  return pages;
}

bool has(const std::vector<int>& pages, int page) {
  return std::find(pages.begin(), pages.end(), page) != pages.end();
}

struct Paper {
  const char* file;
  size_t pages;
  const char* word;  // a short distinctive token
  int page;          // a page it is on
};

TEST_F(CorpusTest, EveryPaperExtractsWithItsPageCountAndWords) {
  const Paper papers[] = {
      {"1111.2011v2.pdf", 8, "bethe", 1},   {"1706.03762v5.pdf", 15, "bleu", 8},
      {"2002.05202v1.pdf", 5, "swiglu", 2}, {"2104.09864v5.pdf", 14, "roformer", 1},
      {"2205.01068v1.pdf", 30, "opt", 1},   {"2305.13245v3.pdf", 7, "gqa", 1},
      {"2305.19466v2.pdf", 37, "nope", 2},  {"2309.00071v2.pdf", 18, "yarn", 1},
  };
  for (const Paper& paper : papers) {
    SCOPED_TRACE(paper.file);
    PdfExtraction pdf = extract(std::string("pdfs/") + paper.file);
    ASSERT_TRUE(pdf.ok()) << failure_kind_name(pdf.failure) << ": " << pdf.message;
    EXPECT_EQ(pdf.pages.size(), paper.pages);
    std::vector<Token> tokens = normalise_pages(pdf.pages);
    EXPECT_GT(tokens.size(), 1000u * paper.pages / 5);
    EXPECT_TRUE(has(pages_with(tokens, paper.word), paper.page));
    for (const Token& t : tokens) {
      ASSERT_LT(t.word + t.word_count - 1, static_cast<int>(pdf.pages[t.page - 1].words.size()));
    }
    EXPECT_FALSE(Sections(pdf.pages).headings().empty());
  }
}

// Quotes as a reader copies them from the PDF (14 consecutive words from the middle of a page,
// line-end hyphens and all) are found by the matching ladder on that same page, in every paper.
TEST_F(CorpusTest, QuotesCopiedFromEachPaperAreFoundOnTheirPage) {
  for (const char* file :
       {"pdfs/1706.03762v5.pdf", "pdfs/2104.09864v5.pdf", "pdfs/2305.19466v2.pdf",
        "pdfs/2309.00071v2.pdf", "pdfs/2305.13245v3.pdf", "pdfs/2205.01068v1.pdf",
        "pdfs/1111.2011v2.pdf", "pdfs/2002.05202v1.pdf"}) {
    auto pdf = extract(file);
    ASSERT_TRUE(pdf.ok()) << file << ": " << pdf.message;
    auto tokens = normalise_pages(pdf.pages);
    std::vector<std::string> words;
    for (const Token& t : tokens) words.push_back(t.text);
    PreparedHaystack haystack(words);
    size_t n = pdf.pages.size();
    for (size_t p : {size_t{0}, n / 2, n - 2}) {
      const auto& page = pdf.pages[p];
      if (page.words.size() < 60) continue;  // figure pages, reference tails
      // A run of prose from the middle on: 14 words of letters (formulas with subscripts are
      // not what people quote, and their glyph runs split differently).
      auto prose = [&](size_t from) {
        for (size_t i = from; i < from + 14; ++i) {
          const std::string& w = page.words[i].text;
          if (w.size() < 2 || !std::all_of(w.begin(), w.end(), [](unsigned char c) {
                return std::isalpha(c) || c == ',' || c == '.' || c == '-';
              }))
            return false;
        }
        return true;
      };
      size_t at = page.words.size() / 2;
      while (at + 14 < page.words.size() && !prose(at)) ++at;
      if (at + 14 >= page.words.size()) continue;
      std::string quote;
      for (size_t i = at; i < at + 14; ++i) quote += (i > at ? " " : "") + page.words[i].text;
      auto result = match_quote(haystack, normalise_quote(quote));
      ASSERT_NE(result.method, MatchMethod::kNone)
          << file << " page " << page.number << ": " << result.reason;
      if (tokens[result.begin].page == page.number) continue;
      // Papers repeat themselves (an appendix restating a theorem): an earlier occurrence is a
      // right answer only if the passage is really on this page as well.
      std::vector<std::string> on_page;
      for (const Token& t : tokens)
        if (t.page == page.number) on_page.push_back(t.text);
      EXPECT_NE(match_quote(on_page, normalise_quote(quote)).method, MatchMethod::kNone)
          << file << " page " << page.number << ": found only on page "
          << tokens[result.begin].page;
    }
  }
}

TEST_F(CorpusTest, SmallCapsTitleRejoinsAndStampIsDropped) {
  PdfExtraction pdf = extract("pdfs/2104.09864v5.pdf");
  ASSERT_TRUE(pdf.ok());
  std::vector<Token> tokens = normalise_pages(pdf.pages);
  ASSERT_GT(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "roformer");  // "R" "O" "F" "ORMER" in the PDF
  EXPECT_EQ(tokens[0].page, 1);
  EXPECT_GT(tokens[0].word_count, 1);
  EXPECT_EQ(tokens[1].text, "enhanced");
  EXPECT_TRUE(pages_with(tokens, "09864v5").empty());  // the margin stamp's id
}

TEST_F(CorpusTest, SectionsOfARealPaper) {
  PdfExtraction pdf = extract("pdfs/1706.03762v5.pdf");
  ASSERT_TRUE(pdf.ok());
  Sections sections(pdf.pages);
  EXPECT_EQ(sections.section_at(1, 0), "");
  EXPECT_EQ(sections.headings().front().text, "Abstract");
  EXPECT_EQ(sections.section_at(15, 0), "References");
  int numbered = 0;
  for (const Heading& h : sections.headings()) numbered += h.text[0] >= '1' && h.text[0] <= '9';
  EXPECT_GE(numbered, 10);
}

TEST_F(CorpusTest, PathologicalFilesEndInTheirFailureKind) {
  EXPECT_EQ(extract("pathological/corrupt-unopenable-REDHAT-1531897-0.pdf").failure,
            ExtractFailure::kUnopenable);
  EXPECT_EQ(extract("pathological/truncated-60pct-2002.05202v1.pdf").failure,
            ExtractFailure::kTruncated);
  EXPECT_EQ(extract("pathological/scanned-image-only-loremipsum-flat.pdf").failure,
            ExtractFailure::kNoTextLayer);
  PdfExtraction aes =
      extract("pathological/copy-protected-aes-layoutparser-2103.15348-excerpt.pdf");
  ASSERT_TRUE(aes.ok()) << aes.message;
  EXPECT_EQ(aes.pages.size(), 2u);
  EXPECT_TRUE(has(pages_with(normalise_pages(aes.pages), "layoutparser"), 1));
  PdfExtraction xref = extract("pathological/malformed-xref-pdfplumber-issue-932.pdf");
  ASSERT_TRUE(xref.ok()) << xref.message;
  EXPECT_EQ(xref.pages.size(), 1u);
}

TEST_F(CorpusTest, EncryptedFileNeedsItsPassword) {
  const std::string file = "pathological/encrypted-userpw-test.pdf";
  PdfExtraction none = extract(file);
  EXPECT_EQ(none.failure, ExtractFailure::kEncrypted);
  ExtractOptions wrong;
  wrong.password = "wrong";
  EXPECT_EQ(extract(file, wrong).failure, ExtractFailure::kEncrypted);
  ExtractOptions right;
  right.password = "test";
  PdfExtraction opened = extract(file, right);
  ASSERT_TRUE(opened.ok()) << opened.message;
  EXPECT_EQ(opened.pages.size(), 1u);
  EXPECT_FALSE(opened.pages[0].words.empty());
}

TEST_F(CorpusTest, HugeFileWithinAndBeyondThePageLimit) {
  const std::string file = "pathological/huge-619pages-DA-619p.pdf";
  ExtractOptions limited;
  limited.max_pages = 500;
  EXPECT_EQ(extract(file, limited).failure, ExtractFailure::kTooManyPages);
  limited.max_bytes = 1 << 20;
  EXPECT_EQ(extract(file, limited).failure, ExtractFailure::kTooLarge);
  auto start = std::chrono::steady_clock::now();
  PdfExtraction pdf = extract(file);
  double extract_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(pdf.ok()) << pdf.message;
  EXPECT_EQ(pdf.pages.size(), 619u);
  std::vector<Token> tokens = normalise_pages(pdf.pages);
  double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(tokens.size(), 100000u);
  RecordProperty("extract_seconds", std::to_string(extract_s));
  std::printf("619 pages: extract %.2f s, extract+normalise %.2f s, %zu tokens\n", extract_s,
              total_s, tokens.size());
}

}  // namespace
}  // namespace quire::verify

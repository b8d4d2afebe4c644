// quire proof's core without a PDF library: the RFC 4180 reader, and prove() with a fake reader
// and matcher (the real ones are the audit library's, exercised end to end in tests/cli).
#include <gtest/gtest.h>

#include "proof/csv_reader.hpp"
#include "proof/proof.hpp"
#include "support/temp_dir.hpp"
#include "util/digest.hpp"

namespace quire {
namespace {

using testing::read_text;
using testing::write_text;

TEST(ProofCsvTest, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  auto table =
      parse_csv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nplain,,end\n", "m.csv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(table->records.size(), 2u);
  EXPECT_EQ(table->records[0].fields,
            (std::vector<std::string>{"x, y", "say \"hi\"", "two\r\nlines"}));
  EXPECT_EQ(table->records[0].line, 2u);
  EXPECT_EQ(table->records[1].fields, (std::vector<std::string>{"plain", "", "end"}));
  EXPECT_EQ(table->records[1].line, 4u);  // the quoted newline moved it down a line
  EXPECT_EQ(table->column("c"), 2u);
  EXPECT_FALSE(table->column("d").has_value());
}

TEST(ProofCsvTest, LastFieldEmptyNoFinalNewlineAndBlankLines) {
  auto table = parse_csv("\xEF\xBB\xBFh1,h2\n\nv,", "m.csv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->header[0], "h1");
  ASSERT_EQ(table->records.size(), 1u);
  EXPECT_EQ(table->records[0].fields, (std::vector<std::string>{"v", ""}));
  EXPECT_EQ(table->records[0].line, 3u);
}

TEST(ProofCsvTest, ErrorsNameTheFileAndLine) {
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"a,b\r\n1,\"open\r\nstill open", "m.csv:2: a quoted field is never closed"},
      {"a,b\r\n1,x\"y\r\n", "m.csv:2: a double quote inside an unquoted field"},
      {"a,b\r\n1,\"x\"y\r\n", "m.csv:2: text after the closing quote of a field"},
      {"a,b\r\n1,2\r\n1,2,3\r\n", "m.csv:3: 3 fields where the header has 2"},
      {"a,b\r\n1,2\r3\r\n", "m.csv:2: a CR that does not end a line"},
      {"", "m.csv:1: empty file: no header record"},
  };
  for (const auto& c : cases) {
    auto table = parse_csv(c.text, "m.csv");
    ASSERT_FALSE(table.ok()) << c.text;
    EXPECT_EQ(table.status().message(), c.message);
    EXPECT_EQ(table.status().code(), ExitCode::kBadWorkflow);
  }
}

// A run directory with a fetch stage holding one "PDF" whose text is the file's bytes, split
// into pages at form feeds; the fake matcher finds a quote by substring.
class ProveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pdf_ = "Intro text\fWe measure 12 points of accuracy.\fEnd";
    digest_ = digest_of(pdf_);
    write_text(dir_ / "run/fetch/p1.pdf", pdf_);
    write_text(dir_ / "run/production_run.json",
               R"({"stages": [{"id": "fetch", "outputs": [{"name": "p1.pdf", "digest": ")" +
                   digest_ + R"("}]}]})");
    reader_.read_pages = [this](std::string_view bytes) {
      ++reads_;
      PdfPages pages{true, "", {}};
      std::string text(bytes);
      size_t start = 0, end;
      while ((end = text.find('\f', start)) != std::string::npos) {
        pages.pages.push_back(text.substr(start, end - start));
        start = end + 1;
      }
      pages.pages.push_back(text.substr(start));
      return pages;
    };
    reader_.find_quote = [](std::string_view quote, const std::vector<std::string>& pages, double) {
      QuoteFound found{false, "none", {}, 0};
      for (size_t p = 0; p < pages.size(); ++p)
        if (pages[p].find(quote) != std::string::npos) found.pages.push_back(p + 1);
      if (!found.pages.empty()) found = {true, "chars", found.pages, 1};
      return found;
    };
  }

  StatusOr<Proof> run(const std::string& rows) {
    write_text(dir_ / "run/m.csv",
               "row_id,paper_id,status,source_quote,page,section,full_text_checked_at,"
               "pdf_digest,pdf_output\r\n" +
                   rows);
    auto layout = read_run_layout(dir_ / "run");
    EXPECT_TRUE(layout.ok()) << layout.status().message();
    return prove(*layout, {dir_ / "run/m.csv", dir_ / "cache", 0.6, 0.5}, reader_);
  }
  std::string row(const std::string& id, const std::string& quote, const std::string& page,
                  const std::string& status = "supported") {
    return id + ",P1," + status + "," + quote + "," + page + ",Results,2023-11-14T22:13:20Z," +
           digest_ + ",p1.pdf\r\n";
  }

  testing::TempDir dir_;
  std::string pdf_, digest_;
  ProofReader reader_;
  int reads_ = 0;
};

TEST_F(ProveTest, ChecksSupportedRowsOnlyReadsEachPdfOnceAndSortsByRowId) {
  auto proof =
      run(row("R3", "12 points", "2") + row("R1", "Intro", "1") + row("R2", "13 points", "2") +
          row("R4", "End", "2") + row("PR", "anything", "", "corroborated"));
  ASSERT_TRUE(proof.ok()) << proof.status().message();
  EXPECT_EQ(reads_, 1);  // four rows, one PDF (the run dir's copy: there is no cache)
  ASSERT_EQ(proof->rows.size(), 4u);
  EXPECT_EQ(proof->rows[0].row_id, "R1");
  EXPECT_EQ(proof->rows[3].row_id, "R4");
  EXPECT_TRUE(proof->rows[0].pass);
  EXPECT_FALSE(proof->rows[1].pass);  // the number changed
  EXPECT_TRUE(proof->rows[2].pass);
  ASSERT_FALSE(proof->rows[3].pass);  // found, but on page 3
  EXPECT_EQ(proof->rows[3].reasons[0],
            "recorded page 2 is not among the pages where the quote was found (3)");
  EXPECT_EQ(proof->passed, 2u);
  EXPECT_EQ(proof->matrix_rows, 5u);
  EXPECT_EQ(proof->proof_score, 0.5);
  EXPECT_EQ(proof->verdict, "proven");
  EXPECT_EQ(proof->matrix, "m.csv");
  EXPECT_EQ(proof->json_text(), run(row("R3", "12 points", "2") + row("R1", "Intro", "1") +
                                    row("R2", "13 points", "2") + row("R4", "End", "2") +
                                    row("PR", "anything", "", "corroborated"))
                                    ->json_text());
}

TEST_F(ProveTest, PrefersTheCacheAndNeverLetsTheRunDirCopyCoverACorruptObject) {
  std::string hex(digest_hex(digest_));
  write_text(dir_ / "cache/objects" / hex.substr(0, 2) / hex, pdf_ + "tampered");
  auto proof = run(row("R1", "Intro", "1"));
  ASSERT_TRUE(proof.ok());
  ASSERT_FALSE(proof->rows[0].pass);
  EXPECT_EQ(
      proof->rows[0].reasons,
      std::vector<std::string>{"cached PDF " + digest_ + " does not match its digest (corrupt)"});
  EXPECT_EQ(reads_, 0);
  EXPECT_EQ(read_text(dir_ / "cache/objects" / hex.substr(0, 2) / hex), pdf_ + "tampered");
  EXPECT_EQ(proof->verdict, "below-threshold");
}

TEST_F(ProveTest, MissingColumnsAreNamed) {
  write_text(dir_ / "run/m.csv", "row_id,paper_id,status\r\n");
  auto layout = read_run_layout(dir_ / "run");
  ASSERT_TRUE(layout.ok());
  auto proof = prove(*layout, {dir_ / "run/m.csv", dir_ / "cache", 0.6, 0.5}, reader_);
  ASSERT_FALSE(proof.ok());
  EXPECT_NE(proof.status().message().find(
                "the header has no column source_quote, page, section, full_text_checked_at, "
                "pdf_digest, pdf_output"),
            std::string::npos)
      << proof.status().message();
}

}  // namespace
}  // namespace quire

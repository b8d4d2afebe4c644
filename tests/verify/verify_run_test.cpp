// End to end: the real quire binary runs arxiv-fetch on a mirror written into a temp dir (fictional
// papers whose PDFs are drawn with cairo), then seed (no triage: fit "unknown"), then verify.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "support/pdf_maker.hpp"
#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::verify {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using quire::testing::PdfMaker;
using quire::testing::ProcessResult;
using quire::testing::read_text;
using quire::testing::run_quire;
using quire::testing::TempDir;
using quire::testing::write_text;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";

std::string entry(const std::string& id, const std::string& day, const std::string& title,
                  const std::string& summary) {
  return R"(  <entry>
    <id>http://arxiv.org/abs/)" +
         id + R"(</id>
    <published>2024-03-)" +
         day + R"(T10:00:00Z</published>
    <updated>2024-03-)" +
         day + R"(T10:00:00Z</updated>
    <title>)" +
         title + R"(</title>
    <summary>)" +
         summary + R"(</summary>
    <author><name>Ada Example</name></author>
    <category term="cs.LG"/>
  </entry>
)";
}

const std::string kWarmAbstract =
    "In this paper, we study warm caches in small toy decoders. We find that the replay policy "
    "lowers the miss rate from 31.5\\% to 12.3\\% on the trace benchmark. We show that eviction "
    "order matters more than cache size for positional recall in every model we trained. We "
    "demonstrate that stale entries degrade accuracy when the cache is shared across heads.";

std::string feed(bool with_fourth) {
  std::string entries = entry("2403.00001v1", "01", "Warm Caches in Toy Decoders", kWarmAbstract) +
                        entry("2403.00002v1", "02", "A Broken File",
                              "We show that broken files are reported and never crash the run.") +
                        entry("2403.00003v1", "03", "A Paper Without a File",
                              "We show that a paper without a file keeps its rows unchecked.");
  if (with_fourth)
    entries += entry("2403.00004v1", "04", "Late Additions",
                     "We show that a late paper is verified on its own when it arrives.");
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
)" + entries +
         "</feed>\n";
}

// The warm-cache paper: the abstract on page 1 with one number changed, a sentence hyphenated
// across lines on page 2, and a two-column results page with a numeric sentence.
std::string warm_pdf() {
  PdfMaker m;
  m.text(1, 72, 60, 16, "Warm Caches in Toy Decoders")
      .text(1, 72, 100, 12, "Abstract")
      .text(1, 72, 120, 10,
            "In this paper, we study warm caches in small toy decoders. We find that")
      .text(1, 72, 134, 10,
            "the replay policy lowers the miss rate from 31.5% to 14.3% on the trace")
      .text(1, 72, 148, 10,
            "benchmark. We demonstrate that stale entries degrade accuracy when the")
      .text(1, 72, 162, 10, "cache is shared across heads.")
      .text(1, 72, 200, 12, "1 Introduction")
      .text(1, 72, 220, 10, "Caches are common in decoders and this line is only filler text.")
      .text(2, 72, 80, 12, "2 Method")
      .text(2, 72, 100, 10, "We show that eviction order matters more than cache size for posi-")
      .text(2, 72, 114, 10, "tional recall in every model we trained. The rest is filler here.")
      .text(3, 50, 80, 12, "4 Results");
  const char* left[] = {"The tuned policy reaches 88.4 points", "on the trace benchmark and",
                        "beats the plain baseline clearly."};
  const char* right[] = {"Larger caches behave better than", "small caches with fresh entries.",
                         "This closing line has no figures."};
  for (int i = 0; i < 3; ++i) {
    m.text(3, 50, 100 + 13 * i, 9, left[i]);
    m.text(3, 320, 100 + 13 * i, 9, right[i]);
  }
  return m.pdf();
}

std::string late_pdf() {
  PdfMaker m;
  m.text(1, 72, 60, 16, "Late Additions")
      .text(1, 72, 100, 12, "Abstract")
      .text(1, 72, 120, 10, "We show that a late paper is verified on its own when it arrives.");
  return m.pdf();
}

class VerifyRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_text(dir_ / "mirror/feed.xml", feed(false));
    write_text(dir_ / "mirror/2403.00001v1.pdf", warm_pdf());
    // Starts and ends like a PDF (so fetch copies it) but is not one.
    write_text(dir_ / "mirror/2403.00002v1.pdf",
               "%PDF-1.4\n1 0 obj\n<< /Broken true >>\nthis is no PDF body at all\n%%EOF\n");
    write_text(workflow(), R"([workflow]
name = "verify-e2e"

[stages.fetch]
plugin = "arxiv-fetch"
[stages.fetch.config]
categories = ["cs.LG"]
mirror = ")" + (dir_ / "mirror").string() +
                               R"("

[stages.seed]
plugin = "seed"
needs = ["fetch"]
[stages.seed.config]
max_rows_per_paper = 5

[stages.verify]
plugin = "verify"
needs = ["fetch", "seed"]
)");
  }

  fs::path workflow() const { return dir_ / "verify.toml"; }

  ProcessResult run(const std::string& name) {
    return run_quire({"run", workflow().string(), "--run-dir", (dir_ / name).string(), "--cache",
                      (dir_ / "cache").string()},
                     {kEpoch});
  }

  std::string output(const std::string& run, const std::string& file) const {
    return read_text(dir_ / run / "verify" / file);
  }

  TempDir dir_;
};

const Json* row_quoting(const Json& rows, const std::string& start) {
  for (const auto& row : rows)
    if (row["source_quote"].get<std::string>().rfind(start, 0) == 0) return &row;
  return nullptr;
}

TEST_F(VerifyRunTest, VerifiesQuotesRecordsFailuresMinesAndMemoises) {
  ProcessResult result = run("first");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  std::string log = result.out + result.err;
  EXPECT_NE(log.find("PDFs: 2 processed, 0 from the memo"), std::string::npos) << log;
  EXPECT_NE(log.find("2403.00002v1: PDF failed (unopenable)"), std::string::npos) << log;

  Json rows = Json::parse(output("first", "evidence.json"));
  const std::set<std::string> matched = {"exact", "normalised", "contiguous", "fuzzy"};

  // Abstract sentences on page 1: supported, in the Abstract section, with boxes on page 1.
  for (const char* start : {"In this paper, we study", "We demonstrate that stale"}) {
    const Json* row = row_quoting(rows, start);
    ASSERT_NE(row, nullptr) << start;
    EXPECT_EQ((*row)["status"], "supported") << *row;
    EXPECT_EQ((*row)["source_depth"], "full-text");
    EXPECT_EQ((*row)["locators"]["page"], 1);
    EXPECT_EQ((*row)["locators"]["section"], "Abstract");
    EXPECT_TRUE(matched.count((*row)["match_method"].get<std::string>()));
    EXPECT_EQ((*row)["full_text_checked_at"], "2023-11-14T22:13:20Z");
    EXPECT_EQ((*row)["pdf_digest"].get<std::string>().rfind("sha256:", 0), 0u);
    ASSERT_FALSE((*row)["locators"]["boxes"].empty());
    for (const auto& box : (*row)["locators"]["boxes"]) {
      EXPECT_EQ(box["page"], 1);
      EXPECT_GT(box["width"].get<double>(), 0);
    }
  }
  // Hyphenated across lines on page 2.
  const Json* hyphen = row_quoting(rows, "We show that eviction order");
  ASSERT_NE(hyphen, nullptr);
  EXPECT_EQ((*hyphen)["status"], "supported") << *hyphen;
  EXPECT_EQ((*hyphen)["locators"]["page"], 2);
  EXPECT_EQ((*hyphen)["locators"]["section"], "2 Method");

  // The PDF says 14.3%, the abstract 12.3%: not found, with the best candidate.
  const Json* altered = row_quoting(rows, "We find that the replay policy");
  ASSERT_NE(altered, nullptr);
  EXPECT_EQ((*altered)["status"], "not-found") << *altered;
  EXPECT_EQ((*altered)["source_depth"], "abstract");
  EXPECT_EQ((*altered)["best_candidate"]["page"], 1);
  EXPECT_NE((*altered)["best_candidate"]["text"].get<std::string>().find("14 3"), std::string::npos)
      << *altered;
  EXPECT_GT((*altered)["best_candidate"]["score"].get<double>(), 0.5);
  EXPECT_FALSE((*altered)["best_candidate"]["reason"].get<std::string>().empty());

  // The broken PDF and the missing one.
  for (const auto& row : rows) {
    if (row["paper_id"] == "2403.00002v1") {
      EXPECT_EQ(row["status"], "pdf-failed") << row;
      EXPECT_EQ(row["pdf_failure"]["kind"], "unopenable");
    }
    if (row["paper_id"] == "2403.00003v1") {
      EXPECT_EQ(row["status"], "not-checked") << row;
      EXPECT_FALSE(row["not_checked_reason"].get<std::string>().empty());
    }
  }

  // Mined rows from the two-column results page, after the paper's own rows.
  std::vector<const Json*> mined;
  for (const auto& row : rows)
    if (row["role"] == "full-text") mined.push_back(&row);
  ASSERT_EQ(mined.size(), 2u) << rows.dump(1);
  EXPECT_EQ((*mined[0])["source_quote"],
            "The tuned policy reaches 88.4 points on the trace benchmark and beats the plain "
            "baseline clearly.");
  EXPECT_EQ((*mined[1])["source_quote"],
            "Larger caches behave better than small caches with fresh entries.");
  for (const Json* row : mined) {
    EXPECT_EQ((*row)["status"], "supported");
    EXPECT_EQ((*row)["source_depth"], "full-text");
    EXPECT_EQ((*row)["paper_id"], "2403.00001v1");
    EXPECT_EQ((*row)["locators"]["page"], 3);
    EXPECT_EQ((*row)["locators"]["section"], "4 Results");
    EXPECT_FALSE((*row)["locators"]["boxes"].empty());
    EXPECT_EQ((*row)["row_id"].get<std::string>().rfind("FT-2403.00001-", 0), 0u);
    EXPECT_EQ((*row)["row_id"].get<std::string>().size(), std::string("FT-2403.00001-").size() + 8);
  }
  size_t last_own = 0, first_mined = rows.size();
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i]["paper_id"] != "2403.00001v1") continue;
    if (rows[i]["role"] == "full-text")
      first_mined = std::min(first_mined, i);
    else
      last_own = i;
  }
  EXPECT_LT(last_own, first_mined);

  Json report = Json::parse(output("first", "verify_report.json"));
  EXPECT_EQ(report["totals"]["papers"], 3);
  EXPECT_EQ(report["totals"]["papers_pdf_failed"], 1);
  EXPECT_EQ(report["totals"]["papers_not_checked"], 1);
  EXPECT_EQ(report["totals"]["mined"], 2);
  EXPECT_EQ(report["papers"][0]["pages"], 3);
  EXPECT_EQ(report["papers"][1]["failure_kind"], "unopenable");

  std::string csv = output("first", "evidence_matrix.csv");
  EXPECT_EQ(csv.rfind("row_id,paper_id,role,taxonomy_fit,status,source_depth,claim_class,numeric,"
                      "comparative,result,triggers,claim,source_quote,page,section,match_method,"
                      "match_score,full_text_checked_at,pdf_digest,pdf_output\r\n",
                      0),
            0u);

  // A rerun over the same cache is byte-identical.
  ProcessResult again = run("second");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (const char* file : {"evidence.json", "evidence_matrix.csv", "verify_report.json"})
    EXPECT_EQ(output("first", file), output("second", file)) << file;

  // One more paper: only it is verified; the others come from the memo.
  write_text(dir_ / "mirror/feed.xml", feed(true));
  write_text(dir_ / "mirror/2403.00004v1.pdf", late_pdf());
  ProcessResult third = run("third");
  ASSERT_EQ(third.exit_code, 0) << third.out << third.err;
  Json third_report = Json::parse(output("third", "verify_report.json"));
  EXPECT_EQ(third_report["totals"]["papers"], 4) << third_report;
  EXPECT_FALSE(third_report["papers"][3].contains("memoised"));  // cache state stays out of outputs
  EXPECT_EQ(third_report["papers"][3]["supported"], 1);
  log = third.out + third.err;
  EXPECT_NE(log.find("PDFs: 1 processed, 2 from the memo"), std::string::npos) << log;
}

}  // namespace
}  // namespace quire::verify

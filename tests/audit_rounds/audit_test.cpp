// The audit end to end over its core: a small ledger, PDFs drawn with cairo, each round's finding
// for a planted fault, the verdict, and byte-identical reports on a rerun.
#include "audit.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <plugin_common/sha256.hpp>

#include "support/pdf_maker.hpp"

namespace quire::audit {
namespace {

using Json = nlohmann::json;

const char* const kPaperA = "2401.00001v1";
const char* const kPaperB = "2401.00002v1";
const char* const kQuoteA1 = "Rotary embeddings encode relative position through rotation.";
const char* const kQuoteA2 = "Accuracy reaches 92.5 percent on the distance task.";
const char* const kQuoteB1 = "Attention sinks form in the first layer of small models.";

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    quire::testing::PdfMaker a;
    a.text(1, 72, 80, 14, "Abstract");
    a.text(1, 72, 110, 11, "Rotary embeddings encode relative position through rota-");
    a.text(1, 72, 124, 11, "tion.");
    a.text(2, 72, 80, 14, "4 Results");
    a.text(2, 72, 110, 11, "Accuracy reaches 92.5 percent on the distance task.");
    pdfs_["2401.00001v1.pdf"] = a.pdf();
    quire::testing::PdfMaker b;
    b.text(1, 72, 110, 11, kQuoteB1);
    pdfs_["2401.00002v1.pdf"] = b.pdf();

    for (const char* id : {kPaperA, kPaperB})
      papers_.push_back({{"id", id},
                         {"pdf_output", std::string(id) + ".pdf"},
                         {"pdf_digest", common::sha256_digest(pdfs_[std::string(id) + ".pdf"])}});
    triage_ = Json::array({{{"paper_id", kPaperA}, {"fit", "in-scope"}},
                           {{"paper_id", kPaperB}, {"fit", "in-scope"}}});
    rows_.push_back(row("EV-a1", kPaperA, kQuoteA1, 1, "Abstract"));
    rows_.push_back(row("EV-a2", kPaperA, kQuoteA2, 2, "4 Results"));
    rows_[1]["flags"]["numeric"] = true;
    rows_.push_back(row("EV-b1", kPaperB, kQuoteB1, 1, "Abstract"));
    probes_ = Json::array({probe("rope-relative", "corroborated")});
  }

  // A row as verify leaves a supported one.
  Json row(const std::string& id, const std::string& paper, const std::string& quote, int page,
           const std::string& section) {
    return {{"row_id", id},
            {"paper_id", paper},
            {"claim", quote},
            {"source_quote", quote},
            {"status", "supported"},
            {"source_depth", "full-text"},
            {"role", "auto-produced"},
            {"taxonomy_fit", "in-scope"},
            {"flags", {{"numeric", false}, {"comparative", false}, {"result", true}}},
            {"locators", {{"page", page}, {"section", section}, {"boxes", Json::array()}}},
            {"match_method", "exact"},
            {"pdf_digest", common::sha256_digest(pdfs_[paper + ".pdf"])},
            {"full_text_checked_at", "2023-11-14T22:13:20Z"}};
  }

  static Json probe(const std::string& claim, const std::string& status) {
    return {{"row_id", "PR-" + claim},
            {"claim_id", claim},
            {"status", status},
            {"source_depth", "probe"},
            {"reason", "x = 0.1, expected x >= 0.3"}};
  }

  AuditOutputs run(std::optional<std::string> draft = std::nullopt) {
    AuditInputs in;
    in.papers = {"fetch", papers_.dump()};
    in.evidence = {"verify", rows_.dump()};
    in.triage = NamedInput{"triage", triage_.dump()};
    in.probe_evidence = NamedInput{"probe", probes_.dump()};
    if (draft) in.draft = NamedInput{"draft", *draft};
    in.read_pdf = [this](const std::string& name) -> std::optional<std::string> {
      auto it = pdfs_.find(name);
      if (it == pdfs_.end()) return std::nullopt;
      return it->second;
    };
    return run_audit(in, settings_);
  }

  Json report(std::optional<std::string> draft = std::nullopt) {
    return Json::parse(run(std::move(draft)).report_json);
  }

  // The findings of round `round` with check `check`.
  static std::vector<Json> findings(const Json& report, int round, const std::string& check) {
    std::vector<Json> found;
    for (const Json& f : report["rounds"][round - 1]["findings"])
      if (f["check"] == check) found.push_back(f);
    return found;
  }

  std::map<std::string, std::string> pdfs_;
  Json papers_ = Json::array(), triage_, rows_ = Json::array(), probes_;
  AuditSettings settings_;
};

TEST_F(AuditTest, CleanLedgerIsReady) {
  Json r = report();
  EXPECT_EQ(r["verdict"], "ready") << r.dump(2);
  EXPECT_EQ(r["counts"]["error"], 0);
  EXPECT_EQ(r["counts"]["warning"], 0);
  EXPECT_EQ(r["scores"]["verified_share"], 1.0);
  EXPECT_EQ(r["scores"]["proof_score"], 1.0);
  EXPECT_EQ(r["scores"]["corroboration_share"], 1.0);
  EXPECT_EQ(r["rounds"][2]["summary"]["passed"], 3);
  EXPECT_EQ(r["rounds"].size(), 8u);
  EXPECT_EQ(findings(r, 8, "not-run").size(), 1u);
}

TEST_F(AuditTest, RerunIsByteIdentical) {
  AuditOutputs first = run("2 of 3 rows supported"), second = run("2 of 3 rows supported");
  EXPECT_EQ(first.report_json, second.report_json);
  EXPECT_EQ(first.report_md, second.report_md);
  EXPECT_EQ(first.report_json.find("T22:13"), std::string::npos);  // no times in the report
}

TEST_F(AuditTest, SupportedQuoteMissingFromPdfBlocks) {
  rows_.push_back(
      row("EV-a3", kPaperA, "Sinks vanish entirely when the mask is removed.", 2, "4 Results"));
  Json r = report();
  auto f = findings(r, 3, "quote-not-found");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["subject"], "EV-a3");
  EXPECT_EQ(f[0]["severity"], "error");
  EXPECT_EQ(r["verdict"], "blocked");
  EXPECT_EQ(r["scores"]["proof_score"], 0.75);
}

TEST_F(AuditTest, WrongPageIsAnError) {
  rows_[0]["locators"]["page"] = 2;
  Json r = report();
  auto f = findings(r, 3, "page-mismatch");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0]["message"].get<std::string>().find("on page 1"), std::string::npos);
}

TEST_F(AuditTest, WeakScopePaperUsedAsSupportWarns) {
  triage_[1]["fit"] = "weak-scope";
  Json r = report();
  auto f = findings(r, 6, "weak-scope-support");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["subject"], "EV-b1");
  EXPECT_EQ(f[0]["severity"], "warning");
  EXPECT_EQ(r["verdict"], "needs-work");
}

TEST_F(AuditTest, OutOfScopeSupportIsAnError) {
  triage_[1]["fit"] = "out-of-scope";
  Json r = report();
  EXPECT_EQ(findings(r, 6, "out-of-scope-support").size(), 1u);
  EXPECT_EQ(r["verdict"], "blocked");
}

TEST_F(AuditTest, NumericClaimSupportedOnlyByAbstractIsGated) {
  rows_[1]["source_depth"] = "abstract";
  Json r = report();
  auto f = findings(r, 5, "supported-without-full-text");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["subject"], "EV-a2");
  EXPECT_EQ(r["verdict"], "blocked");
}

TEST_F(AuditTest, ContradictedProbeWarnsWithItsReason) {
  probes_.push_back(probe("deposit-concentrated", "contradicted"));
  Json r = report();
  auto f = findings(r, 7, "probe-contradicted");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["subject"], "deposit-concentrated");
  EXPECT_NE(f[0]["message"].get<std::string>().find("expected x >= 0.3"), std::string::npos);
  EXPECT_EQ(r["verdict"], "needs-work");
  EXPECT_EQ(r["scores"]["corroboration_share"], 0.5);
}

TEST_F(AuditTest, ChangedPdfBytesFailTheDigest) {
  std::string& pdf = pdfs_["2401.00002v1.pdf"];
  size_t at = pdf.find("cairo");
  ASSERT_NE(at, std::string::npos);
  pdf[at] = 'k';
  Json r = report();
  auto f = findings(r, 3, "pdf-digest-mismatch");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]["subject"], "EV-b1");
  EXPECT_EQ(r["verdict"], "blocked");
}

TEST_F(AuditTest, UnreadablePdfIsAFindingNotACrash) {
  pdfs_["2401.00002v1.pdf"] = "%PDF-1.5 garbage";
  pdfs_.erase("2401.00001v1.pdf");
  Json r = report();
  EXPECT_EQ(findings(r, 3, "pdf-unreadable").size(), 3u);
  EXPECT_EQ(r["verdict"], "blocked");
}

TEST_F(AuditTest, LedgerIntegrity) {
  rows_.push_back(rows_[0]);
  rows_.push_back(row("EV-x", "2409.99999v1", "Some claim.", 1, "Abstract"));
  rows_.back()["status"] = "preliminary-linked";
  rows_[1]["claim"] = " ";
  triage_.erase(1);
  Json r = report();
  EXPECT_EQ(findings(r, 1, "duplicate-row-id").size(), 1u);
  EXPECT_EQ(findings(r, 1, "unknown-paper").size(), 1u);
  EXPECT_EQ(findings(r, 1, "empty-text").size(), 1u);
  EXPECT_EQ(findings(r, 1, "paper-not-triaged").size(), 1u);
}

TEST_F(AuditTest, SourceDepthAndLocators) {
  rows_[2]["status"] = "preliminary-linked";
  rows_[2]["source_depth"] = "abstract";
  rows_[0]["locators"]["section"] = nullptr;
  Json r = report();
  EXPECT_EQ(r["rounds"][1]["summary"]["abstract"], 1);
  EXPECT_EQ(r["rounds"][1]["summary"]["full_text"], 2);
  EXPECT_EQ(r["rounds"][1]["summary"]["probe"], 1);
  EXPECT_EQ(findings(r, 4, "missing-section").size(), 1u);
  EXPECT_EQ(r["verdict"], "needs-work");
}

TEST_F(AuditTest, LowVerifiedShareNeedsWork) {
  for (int i = 0; i < 4; ++i) {
    rows_.push_back(row("EV-s" + std::to_string(i), kPaperB, "Pending sentence.", 1, "Abstract"));
    rows_.back()["status"] = "preliminary-linked";
    rows_.back()["source_depth"] = "abstract";
  }
  Json r = report();
  EXPECT_EQ(r["counts"]["warning"], 0);
  EXPECT_EQ(r["verdict"], "needs-work");
  EXPECT_NE(r["reasons"].back().get<std::string>().find("below min_verified_share"),
            std::string::npos);
}

TEST_F(AuditTest, DraftNumbersAreComparedWithTheLedger) {
  Json r = report(
      "# Draft\n\nWe verified 3 of 3 rows against full text (100% supported).\n"
      "Probes: 1 corroborated, 2 contradicted.\nThe ledger has 5 rows from 2 papers.\n");
  auto f = findings(r, 8, "draft-number-mismatch");
  ASSERT_EQ(f.size(), 2u) << r["rounds"][7].dump(2);
  EXPECT_NE(f[0]["message"].get<std::string>().find("2 contradicted"), std::string::npos);
  EXPECT_NE(f[1]["message"].get<std::string>().find("5 rows"), std::string::npos);
  EXPECT_EQ(r["rounds"][7]["summary"]["statements_checked"], 6);
  EXPECT_EQ(r["verdict"], "blocked");
}

TEST_F(AuditTest, FindingsBeyondTheCapAreSummarised) {
  settings_.max_findings_per_round = 1;
  for (auto& row : rows_) row["paper_id"] = "2409.99999v1";
  Json r = report();
  const Json& listed = r["rounds"][0]["findings"];
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[1]["check"], "findings-omitted");
  EXPECT_EQ(listed[1]["severity"], "error");
  EXPECT_EQ(r["rounds"][0]["counts"]["error"], 3);
}

TEST_F(AuditTest, MalformedInputNamesIt) {
  AuditInputs in;
  in.papers = {"fetch", papers_.dump()};
  in.evidence = {"verify", "[{\"row_id\": "};
  try {
    (void)run_audit(in, settings_);
    FAIL() << "no error";
  } catch (const AuditInputError& e) {
    EXPECT_NE(std::string(e.what()).find("evidence.json (from stage 'verify')"), std::string::npos);
  }
}

TEST_F(AuditTest, MarkdownHasVerdictAndOneTablePerRoundWithFindings) {
  probes_.push_back(probe("deposit-concentrated", "contradicted"));
  std::string md = run().report_md;
  EXPECT_EQ(md.rfind("# Audit report\n\n**Verdict: needs-work**", 0), 0u) << md;
  EXPECT_NE(md.find("## Round 7: Probe corroboration"), std::string::npos);
  EXPECT_NE(md.find("| warning | probe-contradicted | deposit-concentrated |"), std::string::npos);
}

}  // namespace
}  // namespace quire::audit

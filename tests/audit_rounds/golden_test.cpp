// Golden outputs: one small ledger with four planted faults — a quote whose number was changed
// after verify (re-verification fails), a weak-scope paper used as support, a numeric claim
// supported by its abstract alone, a contradicted probe — audited end to end over the core. The
// whole audit_report.json and audit_report.md are compared with tests/audit_rounds/golden/; run
// with QUIRE_UPDATE_GOLDEN=1 to rewrite them after an intended change, then read the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <plugin_common/sha256.hpp>

#include "audit.hpp"
#include "support/pdf_maker.hpp"
#include "support/temp_dir.hpp"

namespace quire::audit {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using quire::testing::read_text;
using quire::testing::write_text;

const fs::path kGolden = fs::path(QUIRE_TEST_REPO) / "tests/audit_rounds/golden";

// Three papers drawn with cairo: a findings paper, a weak-scope neighbour, an abstract-only one.
std::map<std::string, std::string> draw_pdfs() {
  std::map<std::string, std::string> pdfs;
  quire::testing::PdfMaker a;
  a.text(1, 72, 80, 14, "Abstract");
  a.text(1, 72, 110, 11, "Rotary embeddings encode relative position through rota-");
  a.text(1, 72, 124, 11, "tion of query and key pairs.");
  a.text(2, 72, 80, 14, "4 Results");
  a.text(2, 72, 110, 11, "The ablated head lowers accuracy from 91.2 to 40.3 percent.");
  pdfs["2402.00001v1.pdf"] = a.pdf();
  quire::testing::PdfMaker b;
  b.text(1, 72, 80, 14, "Abstract");
  b.text(1, 72, 110, 11, "Sinusoidal codes also mark position in radio channel models.");
  pdfs["2402.00002v2.pdf"] = b.pdf();
  quire::testing::PdfMaker c;
  c.text(1, 72, 80, 14, "Abstract");
  c.text(1, 72, 110, 11, "Our method halves perplexity at 32k tokens.");
  pdfs["2402.00003v1.pdf"] = c.pdf();
  return pdfs;
}

Json row(const std::string& id, const std::string& paper, const std::string& quote, int page,
         const std::string& section, const std::string& depth, const std::string& status,
         const std::string& digest) {
  Json r = {{"row_id", id},
            {"paper_id", paper},
            {"claim", quote},
            {"source_quote", quote},
            {"status", status},
            {"source_depth", depth},
            {"role", "auto-produced"},
            {"taxonomy_fit", "in-scope"},
            {"flags", {{"numeric", false}, {"comparative", false}, {"result", false}}}};
  if (depth == "full-text") {
    r["locators"] = {{"page", page}, {"section", section}, {"boxes", Json::array()}};
    r["match_method"] = "exact";
    r["pdf_digest"] = digest;
    r["full_text_checked_at"] = "2023-11-14T22:13:20Z";
  }
  return r;
}

AuditOutputs audit_small_ledger() {
  std::map<std::string, std::string> pdfs = draw_pdfs();
  auto digest = [&](const std::string& id) { return common::sha256_digest(pdfs[id + ".pdf"]); };
  Json papers = Json::array();
  for (const char* id : {"2402.00001v1", "2402.00002v2", "2402.00003v1"})
    papers.push_back(
        {{"id", id}, {"pdf_output", std::string(id) + ".pdf"}, {"pdf_digest", digest(id)}});
  Json triage = Json::array({{{"paper_id", "2402.00001v1"}, {"fit", "in-scope"}},
                             {{"paper_id", "2402.00002v2"}, {"fit", "weak-scope"}},
                             {{"paper_id", "2402.00003v1"}, {"fit", "in-scope"}}});
  Json rows = Json::array();
  rows.push_back(row("EV-a1", "2402.00001v1",
                     "Rotary embeddings encode relative position through rotation of query and "
                     "key pairs.",
                     1, "Abstract", "full-text", "supported", digest("2402.00001v1")));
  // The PDF says 40.3: the quote's number was changed after verify, so it must not re-verify.
  rows.push_back(row("EV-a2", "2402.00001v1",
                     "The ablated head lowers accuracy from 91.2 to 10.3 percent.", 2, "4 Results",
                     "full-text", "supported", digest("2402.00001v1")));
  rows[1]["flags"]["numeric"] = true;
  // A weak-scope paper's sentence used as support.
  rows.push_back(row("EV-b1", "2402.00002v2",
                     "Sinusoidal codes also mark position in radio channel models.", 1, "Abstract",
                     "full-text", "supported", digest("2402.00002v2")));
  // A numeric claim supported by its abstract alone.
  rows.push_back(row("EV-c1", "2402.00003v1", "Our method halves perplexity at 32k tokens.", 0, "",
                     "abstract", "supported", ""));
  rows[3]["flags"]["numeric"] = true;
  Json probes = Json::array();
  probes.push_back({{"row_id", "PR-rope-relative"},
                    {"claim_id", "rope-relative"},
                    {"status", "corroborated"},
                    {"source_depth", "probe"},
                    {"reason", "max relative deviation 3e-15, expected <= 1e-6"}});
  probes.push_back({{"row_id", "PR-single-head-deposit"},
                    {"claim_id", "single-head-deposit"},
                    {"status", "contradicted"},
                    {"source_depth", "probe"},
                    {"reason", "largest single-head drop 0.04, expected >= 0.3"}});

  AuditInputs in;
  in.papers = {"fetch", papers.dump()};
  in.evidence = {"verify", rows.dump()};
  in.triage = NamedInput{"triage", triage.dump()};
  in.probe_evidence = NamedInput{"probe", probes.dump()};
  in.read_pdf = [pdfs](const std::string& name) -> std::optional<std::string> {
    auto it = pdfs.find(name);
    if (it == pdfs.end()) return std::nullopt;
    return it->second;
  };
  return run_audit(in, AuditSettings{});
}

// Compares with the golden file, or rewrites it under QUIRE_UPDATE_GOLDEN=1.
void expect_golden(const std::string& name, const std::string& actual) {
  fs::path file = kGolden / name;
  if (std::getenv("QUIRE_UPDATE_GOLDEN")) {
    write_text(file, actual);
    GTEST_SKIP() << "rewrote " << file;
  }
  ASSERT_TRUE(fs::exists(file)) << file << " is missing: run with QUIRE_UPDATE_GOLDEN=1";
  EXPECT_EQ(actual, read_text(file)) << "differs from " << file;
}

TEST(AuditGoldenTest, SmallLedgerFindingsAndVerdict) {
  AuditOutputs out = audit_small_ledger();
  Json report = Json::parse(out.report_json);
  // The planted faults, spelled out, so a golden rewrite cannot quietly drop one.
  std::vector<std::string> errors, warnings;
  for (const Json& round : report["rounds"])
    for (const Json& f : round["findings"]) {
      std::string tag = std::to_string(f["round"].get<int>()) + " " +
                        f["check"].get<std::string>() + " " +
                        (f["subject"].is_string() ? f["subject"].get<std::string>() : "-");
      if (f["severity"] == "error") errors.push_back(tag);
      if (f["severity"] == "warning") warnings.push_back(tag);
    }
  // The abstract-only row is "supported" with no PDF behind it: rounds 3 and 4 say what is
  // missing, round 5 says why that matters for a numeric claim.
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "3 quote-not-found EV-a2", "3 pdf-digest-mismatch EV-c1",
                        "3 page-mismatch EV-c1", "4 missing-page EV-c1",
                        "4 missing-checked-at EV-c1", "5 supported-without-full-text EV-c1"}))
      << report.dump(2);
  EXPECT_EQ(warnings,
            (std::vector<std::string>{"4 missing-section EV-c1", "6 weak-scope-support EV-b1",
                                      "7 probe-contradicted single-head-deposit"}))
      << report.dump(2);
  EXPECT_EQ(report["verdict"], "blocked");

  expect_golden("small_ledger.audit_report.json", report.dump(2) + "\n");
  expect_golden("small_ledger.audit_report.md", out.report_md);
}

}  // namespace
}  // namespace quire::audit

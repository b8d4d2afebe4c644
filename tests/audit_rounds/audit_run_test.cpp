// The audit stage through the real quire binary: fetch from the bundled demo mirror, seed, verify,
// audit. Both seed and verify write evidence.json, so the stage must pick verify's; the report is
// byte-identical in a fresh cache; a PDF changed in the mirror after verify ran is caught by the
// independent re-check.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::audit {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using quire::testing::ProcessResult;
using quire::testing::read_text;
using quire::testing::run_quire;
using quire::testing::TempDir;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";

class AuditRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(fs::path(QUIRE_TEST_REPO) / "workflows/demo-mirror", dir_ / "mirror",
             fs::copy_options::recursive);
  }
  ProcessResult run(const std::string& name) {
    return run_quire(
        {"run", (fs::path(QUIRE_TEST_REPO) / "tests/workflows/audit_demo.toml").string(),
         "--run-dir", (dir_ / name).string(), "--cache", (dir_ / (name + "-cache")).string(),
         "--set", "fetch.mirror=" + (dir_ / "mirror").string()},
        {kEpoch});
  }
  Json report(const std::string& name) {
    return Json::parse(read_text(dir_ / name / "audit/audit_report.json"));
  }
  TempDir dir_;
};

TEST_F(AuditRunTest, AuditsVerifysLedgerAndIsDeterministic) {
  ProcessResult first = run("a");
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  Json a = report("a");
  EXPECT_EQ(a["verdict"], "ready") << a.dump(2);
  // Verify's rows were audited (they carry full-text locators), not seed's.
  EXPECT_EQ(a["scores"]["proof_score"], 1.0) << a["scores"].dump();
  EXPECT_GT(a["scores"]["supported"].get<int>(), 0);
  ASSERT_TRUE(fs::exists(dir_ / "a/audit/audit_report.md"));
  // The stage's scores.json reaches the run record, and stays there when the stage is cached.
  Json record = Json::parse(read_text(dir_ / "a/production_run.json"));
  EXPECT_EQ(record["scores"]["audit"]["verdict"], "ready") << record["scores"].dump();
  EXPECT_EQ(record["scores"]["audit"]["proof_score"], 1.0);
  EXPECT_EQ(record["scores"]["audit"]["verified_share"], a["scores"]["verified_share"]);
  ASSERT_EQ(run("a").exit_code, 0);
  Json again = Json::parse(read_text(dir_ / "a/production_run.json"));
  EXPECT_EQ(again["stages"][3]["status"], "cached");
  EXPECT_EQ(again["scores"], record["scores"]);

  ASSERT_EQ(run("b").exit_code, 0);
  EXPECT_EQ(read_text(dir_ / "a/audit/audit_report.json"),
            read_text(dir_ / "b/audit/audit_report.json"));
  EXPECT_EQ(read_text(dir_ / "a/audit/audit_report.md"),
            read_text(dir_ / "b/audit/audit_report.md"));
}

// The shipped research workflow, offline on the demo mirror exactly as scripts/demo runs it:
// every stage succeeds, the probes judge all twelve claims, and the audit finds no ledger error.
TEST_F(AuditRunTest, TheRopeWorkflowRunsOfflineEndToEnd) {
  if (!fs::exists(fs::path(QUIRE_TEST_PLUGINS) / "libquire_gpu_probe.so"))
    GTEST_SKIP() << "gpu-probe is not built here (no LibTorch)";
  fs::path repo(QUIRE_TEST_REPO);
  ProcessResult result =
      run_quire({"run", (repo / "workflows/rope-positional-bias.toml").string(), "--run-dir",
                 (dir_ / "rope").string(), "--cache", (dir_ / "rope-cache").string(), "--set",
                 "fetch.mirror=" + (repo / "workflows/demo-mirror").string(), "--set",
                 "fetch.ids=[]", "--set", "seed.anchors=[\"2401.90001\"]"},
                {kEpoch});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  Json probes = Json::parse(read_text(dir_ / "rope/probe/probes.json"));
  const Json& summary = probes["summary"];
  EXPECT_EQ(summary["corroborated"].get<int>() + summary["contradicted"].get<int>() +
                summary["inconclusive"].get<int>(),
            12)
      << summary.dump();
  Json audit = Json::parse(read_text(dir_ / "rope/audit/audit_report.json"));
  EXPECT_NE(audit["verdict"], "blocked") << audit["reasons"].dump(2);
  EXPECT_EQ(audit["scores"]["proof_score"], 1.0) << audit["scores"].dump();
}

}  // namespace
}  // namespace quire::audit

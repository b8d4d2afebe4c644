// draft-render through the real quire binary: fetch from the bundled demo mirror, triage, seed,
// verify, audit, draft. Every output is written, round 8 finds no mismatch in the rendered draft,
// a rerun is all cached and byte-identical, and a user's template directory replaces a section.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::draft {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using quire::testing::ProcessResult;
using quire::testing::read_text;
using quire::testing::run_quire;
using quire::testing::TempDir;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";
const char* const kOutputs[] = {"draft.md",          "evidence_matrix.csv", "claims.csv",
                                "audit_report.json", "audit_report.md",     "scores.json",
                                "draft_model.json"};

class DraftRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(fs::path(QUIRE_TEST_REPO) / "workflows/demo-mirror", dir_ / "mirror",
             fs::copy_options::recursive);
  }
  ProcessResult run(const std::string& name, const std::string& cache,
                    const std::string& workflow = "tests/workflows/draft_demo.toml",
                    const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"run",       (fs::path(QUIRE_TEST_REPO) / workflow).string(),
                                     "--run-dir", (dir_ / name).string(),
                                     "--cache",   (dir_ / cache).string(),
                                     "--set",     "fetch.mirror=" + (dir_ / "mirror").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_quire(args, {kEpoch});
  }
  std::string out(const std::string& run, const std::string& file) {
    return read_text(dir_ / run / "draft" / file);
  }
  TempDir dir_;
};

TEST_F(DraftRunTest, WritesEveryOutputAndRoundEightAgrees) {
  ProcessResult first = run("a", "cache");
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  for (const char* name : kOutputs) EXPECT_TRUE(fs::exists(dir_ / "a/draft" / name)) << name;
  EXPECT_TRUE(fs::exists(dir_ / "a/draft/dashboard.html"));

  Json report = Json::parse(out("a", "audit_report.json"));
  const Json& r8 = report["rounds"][7];
  EXPECT_EQ(r8["summary"]["present"], true);
  EXPECT_EQ(r8["counts"]["error"], 0) << r8.dump(2);
  EXPECT_GT(r8["summary"]["statements_checked"].get<int>(), 20);
  EXPECT_EQ(report["inputs"]["evidence.json"], "verify");

  Json scores = Json::parse(out("a", "scores.json"));
  EXPECT_EQ(scores["verified_share"], report["scores"]["verified_share"]);
  EXPECT_EQ(scores["findings_error"], report["counts"]["error"]);

  std::string md = out("a", "draft.md");
  EXPECT_NE(md.find("# Draft demo: rotary embeddings and attention sinks"), std::string::npos);
  EXPECT_NE(md.find("from the audit stage 'audit'"), std::string::npos) << md;
  EXPECT_NE(md.find("quire run tests/workflows/draft_demo.toml --no-fresh"), std::string::npos);

  // A --no-fresh rerun over the same cache is all cached, and the outputs are byte-identical.
  ProcessResult second = run("b", "cache", "tests/workflows/draft_demo.toml", {"--no-fresh"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE((second.out + second.err).find("6 stages, 6 cached"), std::string::npos)
      << second.out << second.err;
  for (const char* name : kOutputs) EXPECT_EQ(out("a", name), out("b", name)) << name;
  EXPECT_EQ(out("a", "dashboard.html"), out("b", "dashboard.html"));
  // And in a fresh cache too.
  ASSERT_EQ(run("c", "cache-c").exit_code, 0);
  for (const char* name : kOutputs) EXPECT_EQ(out("a", name), out("c", name)) << name;
}

TEST_F(DraftRunTest, ATemplateDirectoryReplacesASection) {
  fs::create_directories(dir_ / "templates");
  std::ofstream(dir_ / "templates/abstract.mustache")
      << "## Abstract\n\nA user's abstract over {{counts.rows}} evidence rows.\n";
  std::string toml = read_text(fs::path(QUIRE_TEST_REPO) / "tests/workflows/draft_demo.toml");
  toml += "\n[stages.templates]\nplugin = \"files\"\n[stages.templates.config]\ndir = \"" +
          (dir_ / "templates").string() + "\"\n";
  const std::string needs = "needs = [\"fetch\", \"triage\", \"seed\", \"verify\", \"audit\"]";
  size_t at = toml.find(needs);
  ASSERT_NE(at, std::string::npos);
  toml.replace(at, needs.size(),
               "needs = [\"fetch\", \"triage\", \"seed\", \"verify\", \"audit\", \"templates\"]");
  fs::path workflow = dir_ / "custom.toml";
  std::ofstream(workflow) << toml;
  ProcessResult result = run_quire(
      {"run", workflow.string(), "--run-dir", (dir_ / "t").string(), "--cache",
       (dir_ / "t-cache").string(), "--set", "fetch.mirror=" + (dir_ / "mirror").string()},
      {kEpoch});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err << toml;
  std::string md = out("t", "draft.md");
  EXPECT_NE(md.find("A user's abstract over "), std::string::npos) << md;
  EXPECT_EQ(md.find("fetched papers are cited by them"), std::string::npos);
  Json report = Json::parse(out("t", "audit_report.json"));
  EXPECT_EQ(report["rounds"][7]["counts"]["error"], 0) << report["rounds"][7].dump(2);
}

// `quire proof` re-checks the draft's evidence_matrix.csv (the last stage's) against the cached
// PDFs: all proven; then with every cached PDF object corrupted, every row fails and it exits 1.
TEST_F(DraftRunTest, ProofReadsTheDraftsMatrixAndFailsOnCorruptCachedPdfs) {
  ASSERT_EQ(run("p", "p-cache").exit_code, 0);
  ProcessResult proven = run_quire({"proof", (dir_ / "p").string()});
  ASSERT_EQ(proven.exit_code, 0) << proven.out << proven.err;
  Json proof = Json::parse(read_text(dir_ / "p/proof.json"));
  EXPECT_EQ(proof["matrix"], "draft/evidence_matrix.csv");
  EXPECT_EQ(proof["verdict"], "proven");
  EXPECT_GT(proof["counts"]["passed"].get<int>(), 0);

  Json papers = Json::parse(read_text(dir_ / "p/fetch/papers.json"));
  for (const Json& paper : papers) {
    std::string digest = paper.value("pdf_digest", "");
    if (digest.empty()) continue;
    fs::path object = dir_ / "p-cache/objects" / digest.substr(7, 2) / digest.substr(7);
    ASSERT_TRUE(fs::exists(object)) << object;
    fs::permissions(object, fs::perms::owner_write, fs::perm_options::add);
    std::ofstream(object, std::ios::binary | std::ios::app) << "tampered";
  }
  ProcessResult failed = run_quire({"proof", (dir_ / "p").string()});
  EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  proof = Json::parse(read_text(dir_ / "p/proof.json"));
  EXPECT_EQ(proof["verdict"], "below-threshold");
  EXPECT_EQ(proof["counts"]["passed"], 0);
  EXPECT_NE(proof["rows"][0]["reasons"].dump().find("corrupt"), std::string::npos)
      << proof["rows"][0].dump(2);
}

// The consistency check a user runs after editing the draft by hand: `quire proof` runs round 8
// again on the run's draft.md against the ledger the run recorded, names the line, exits 1.
TEST_F(DraftRunTest, ProofCatchesANumberEditedInTheRenderedDraft) {
  ASSERT_EQ(run("e", "e-cache").exit_code, 0);
  ProcessResult clean = run_quire({"proof", (dir_ / "e").string()});
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  Json proof = Json::parse(read_text(dir_ / "e/proof.json"));
  EXPECT_EQ(proof["draft"]["consistent"], true) << proof["draft"].dump(2);
  EXPECT_EQ(proof["draft"]["edited"], false);
  EXPECT_GT(proof["draft"]["statements_checked"].get<int>(), 20);

  // "N of M rows are supported" in the quality gate, with N moved by one.
  std::string md = out("e", "draft.md");
  static const std::regex gate(R"(Full-text support: (\d+) of (\d+) rows)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(md, m, gate)) << md;
  int n = std::stoi(m[1]);
  std::string edited =
      "Full-text support: " + std::to_string(n == 0 ? 1 : n - 1) + " of " + m[2].str() + " rows";
  md.replace(m.position(), m.length(), edited);
  std::ofstream(dir_ / "e/draft/draft.md", std::ios::binary | std::ios::trunc) << md;
  ProcessResult caught = run_quire({"proof", (dir_ / "e").string()});
  EXPECT_EQ(caught.exit_code, 1) << caught.out << caught.err;
  EXPECT_NE(caught.out.find("but the ledger has"), std::string::npos) << caught.out;
  proof = Json::parse(read_text(dir_ / "e/proof.json"));
  EXPECT_EQ(proof["verdict"], "draft-inconsistent");
  EXPECT_EQ(proof["draft"]["edited"], true);
  ASSERT_EQ(proof["draft"]["mismatches"].size(), 1u) << proof["draft"].dump(2);
  EXPECT_NE(proof["draft"]["mismatches"][0].get<std::string>().find("draft line"),
            std::string::npos);

  // A verdict word in the claim audit status, outside any count: the audit's own verdict, which
  // proof reads from the audit report beside the draft.
  static const std::regex verdict(R"(Verdict of rounds 1 to 7, from [^*]*\*\*([a-z-]+)\*\*)");
  ASSERT_TRUE(std::regex_search(md, m, verdict)) << md;
  std::string other = m[1] == "ready" ? "blocked" : "ready";
  md.replace(m.position(1), m.length(1), other);
  std::ofstream(dir_ / "e/draft/draft.md", std::ios::binary | std::ios::trunc) << md;
  caught = run_quire({"proof", (dir_ / "e").string()});
  EXPECT_EQ(caught.exit_code, 1) << caught.out << caught.err;
  EXPECT_NE(caught.out.find("the audit verdict says \"" + other + "\" but the audit has"),
            std::string::npos)
      << caught.out;

  // Editing the ledger to match does not help: the run recorded its digests.
  std::string evidence_stage =
      Json::parse(out("e", "audit_report.json"))["inputs"]["evidence.json"];
  std::ofstream(dir_ / "e" / evidence_stage / "evidence.json", std::ios::app) << " ";
  ProcessResult tampered = run_quire({"proof", (dir_ / "e").string()});
  EXPECT_EQ(tampered.exit_code, 1);
  proof = Json::parse(read_text(dir_ / "e/proof.json"));
  EXPECT_NE(proof["draft"]["problems"].dump().find("differs from what the run wrote"),
            std::string::npos)
      << proof["draft"].dump(2);
}

}  // namespace
}  // namespace quire::draft

// End to end: the real quire binary runs the gpu-probe stage on the CPU at tiny sizes. Records
// carry device and LibTorch version, verdicts carry their numbers, a recompute in a fresh cache
// is byte-identical, editing one probe re-measures only that probe, and configuration errors
// name the key.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <nlohmann/json.hpp>

#include "support/quire_process.hpp"
#include "support/temp_dir.hpp"

namespace quire::probe {
namespace {

using Json = nlohmann::json;
using quire::testing::ProcessResult;
using quire::testing::read_text;
using quire::testing::run_quire;
using quire::testing::TempDir;
using quire::testing::write_text;

constexpr const char* kEpoch = "SOURCE_DATE_EPOCH=1700000000";

const char* kHead = R"([workflow]
name = "probe-e2e"

[params]
seed = 11

[stages.probe]
plugin = "gpu-probe"
[stages.probe.config]
device = "cpu"
)";

const char* kClaims = R"(
[[stages.probe.config.claims]]
id = "rope-relative"
probe = "rope-relativity"
metric = "rope/max_rel_deviation"
comparison = "<="
threshold = 1e-9
statement = "RoPE attention scores depend only on the offset between positions."
paper = "2104.09864"
source = "PRODUCT.md §5"

[[stages.probe.config.claims]]
id = "absolute-is-relative"
probe = "rope-relativity"
metric = "absolute/max_rel_deviation"
comparison = "<="
threshold = 1e-9
statement = "Additive absolute positions also give offset-only scores (false: the control)."

[[stages.probe.config.claims]]
id = "rope-disperses"
probe = "svd"
metric = "top_share_drop"
comparison = ">"
threshold = 0.0
statement = "RoPE spreads a tight cluster: the top singular value's share falls."
source = "seed 002"
precondition = { metric = "sum_sq_max_rel_change", comparison = "<=", threshold = 1e-9 }
)";

std::string probes(int svd_dim) {
  return R"(
[[stages.probe.config.probes]]
probe = "rope-relativity"
dim = 16
positions = 32
trials = 2

[[stages.probe.config.probes]]
probe = "rope-svd-dispersion"
id = "svd"
dim = )" +
         std::to_string(svd_dim) +
         R"(
points = 64
spreads = [0, 4, 64, 1024]
)";
}

class ProbeStageRun : public ::testing::Test {
 protected:
  ProcessResult run(const std::string& config, const std::string& name,
                    std::vector<std::string> extra = {}) {
    write_text(dir_ / "probe.toml", kHead + config);
    std::vector<std::string> args = {"run",       (dir_ / "probe.toml").string(),
                                     "--run-dir", (dir_ / name).string(),
                                     "--cache",   (dir_ / (name + "-cache")).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_quire(args, {kEpoch});
  }
  std::string output(const std::string& run, const std::string& file) const {
    return read_text(dir_ / run / "probe" / file);
  }
  TempDir dir_;
};

TEST_F(ProbeStageRun, RecordsVerdictsAndEvidenceRows) {
  ProcessResult result = run(probes(16) + kClaims, "run");
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  std::string log = result.out + result.err;
  EXPECT_NE(log.find("2 probes; claims: 2 corroborated, 1 contradicted, 0 inconclusive"),
            std::string::npos)
      << log;

  Json out = Json::parse(output("run", "probes.json"));
  EXPECT_EQ(out["schema"], "quire.probes/1");
  // The stage's own seed, derived by the engine from params.seed and the stage.
  EXPECT_TRUE(out["seed"].is_number_unsigned());
  EXPECT_EQ(out["device"]["kind"], "cpu");
  EXPECT_EQ(out["device"]["name"], "cpu");
  EXPECT_EQ(out["device"]["libtorch"].get<std::string>().substr(0, 2),
            std::string(TORCH_VERSION).substr(0, 2));
  ASSERT_EQ(out["probes"].size(), 2u);
  const Json& relativity = out["probes"][0];
  EXPECT_EQ(relativity["id"], "rope-relativity");
  EXPECT_EQ(relativity["status"], "ok");
  EXPECT_EQ(relativity["config"], Json({{"dim", 16}, {"positions", 32}, {"trials", 2}}));
  EXPECT_LT(relativity["metrics"]["rope/max_rel_deviation"].get<double>(), 1e-9);
  EXPECT_GT(relativity["metrics"]["absolute/max_rel_deviation"].get<double>(), 1e-3);
  ASSERT_EQ(relativity["claims"].size(), 2u);
  EXPECT_EQ(relativity["seed"], out["seed"]);

  std::map<std::string, Json> verdicts;
  for (const auto& v : out["verdicts"]) verdicts[v["id"]] = v;
  EXPECT_EQ(verdicts["rope-relative"]["verdict"], "corroborated");
  EXPECT_EQ(verdicts["absolute-is-relative"]["verdict"], "contradicted");
  EXPECT_EQ(verdicts["rope-disperses"]["verdict"], "corroborated");
  // The verdict shows the measured value beside the expectation.
  const Json& control = verdicts["absolute-is-relative"];
  EXPECT_EQ(control["measured"], relativity["metrics"]["absolute/max_rel_deviation"]);
  EXPECT_EQ(control["expectation"], "absolute/max_rel_deviation <= 1e-09");
  EXPECT_EQ(control["reason"].get<std::string>().rfind("absolute/max_rel_deviation = ", 0), 0u);

  Json rows = Json::parse(output("run", "probe_evidence.json"));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["row_id"], "PR-rope-relative");
  EXPECT_EQ(rows[0]["paper_id"], "2104.09864");
  EXPECT_EQ(rows[0]["source_depth"], "probe");
  EXPECT_EQ(rows[0]["status"], "corroborated");
  EXPECT_EQ(rows[1]["paper_id"], nullptr);
  EXPECT_EQ(rows[1]["status"], "contradicted");
}

TEST_F(ProbeStageRun, RecomputeInAFreshCacheIsByteIdentical) {
  ASSERT_EQ(run(probes(16) + kClaims, "a").exit_code, 0);
  ASSERT_EQ(run(probes(16) + kClaims, "b").exit_code, 0);
  EXPECT_EQ(output("a", "probes.json"), output("b", "probes.json"));
  EXPECT_EQ(output("a", "probe_evidence.json"), output("b", "probe_evidence.json"));
}

TEST_F(ProbeStageRun, EditingOneProbeRemeasuresOnlyThatOne) {
  ProcessResult first = run(probes(16) + kClaims, "run", {"-v"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ProcessResult second = run(probes(32) + kClaims, "run", {"-v"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  std::string log = second.out + second.err;
  EXPECT_NE(log.find("svd: measured"), std::string::npos) << log;
  EXPECT_EQ(log.find("rope-relativity: measured"), std::string::npos) << log;
  Json out = Json::parse(output("run", "probes.json"));
  EXPECT_EQ(out["probes"][1]["config"]["dim"], 32);
}

TEST_F(ProbeStageRun, ConfigurationErrorsNameTheKey) {
  ProcessResult typo = run(R"(
[[stages.probe.config.probes]]
probe = "rope-relativity"
dimm = 16
)",
                           "typo");
  EXPECT_NE(typo.exit_code, 0);
  EXPECT_NE(typo.err.find("unknown key probes[0].dimm"), std::string::npos) << typo.err;

  // A typo in the last probe fails the stage before the first one runs.
  ProcessResult late = run(probes(16) + R"(
[[stages.probe.config.probes]]
probe = "deposit-pattern"
train = { step = 10 }
)",
                           "late", {"-v"});
  EXPECT_NE(late.exit_code, 0);
  EXPECT_NE(late.err.find("unknown key probes[2].train.step"), std::string::npos) << late.err;
  EXPECT_EQ((late.out + late.err).find("measured"), std::string::npos) << late.out << late.err;

  ProcessResult kind = run(R"(
[[stages.probe.config.probes]]
probe = "rope-relativty"
)",
                           "kind");
  EXPECT_NE(kind.exit_code, 0);
  EXPECT_NE(kind.err.find("probes[0].probe \"rope-relativty\" is not a probe"), std::string::npos)
      << kind.err;

  ProcessResult claim = run(probes(16) + R"(
[[stages.probe.config.claims]]
id = "x"
probe = "nowhere"
metric = "m"
comparison = ">"
threshold = 1
)",
                            "claim");
  EXPECT_NE(claim.exit_code, 0);
  EXPECT_NE(claim.err.find("claims[0].probe \"nowhere\" is not one of the configured probes"),
            std::string::npos)
      << claim.err;
}

TEST_F(ProbeStageRun, AskingForCudaWithoutOneSaysSo) {
  if (torch::cuda::is_available()) GTEST_SKIP() << "this machine has CUDA";
  ProcessResult result = run(probes(16), "cuda", {"--set", "probe.device=cuda"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("sees no CUDA device"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace quire::probe

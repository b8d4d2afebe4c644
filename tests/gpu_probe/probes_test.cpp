// The two pure-RoPE probes at small sizes: what each claims must hold, its control must fail,
// and the same seed must give the same numbers.
#include "probes.hpp"

#include <gtest/gtest.h>

#include "stats.hpp"

namespace quire::probe {
namespace {

ProbeEnv env_with_seed(uint64_t seed) {
  ProbeEnv env;
  env.seed = seed;
  return env;
}

const Series& curve(const ProbeResult& result, const std::string& name) {
  for (const Series& s : result.curves)
    if (s.name == name) return s;
  throw std::out_of_range("no curve " + name);
}

TEST(ProbeRelativity, RopeIsRelativeAndTheAbsoluteControlIsNot) {
  nlohmann::json config = {{"dim", 32}, {"positions", 64}, {"trials", 3}};
  ProbeResult r = run_rope_relativity(config, "probes[0]", env_with_seed(7));
  EXPECT_LT(r.metrics.at("rope/max_rel_deviation"), 1e-12);
  EXPECT_LT(r.metrics.at("rope/norm_max_rel_change"), 1e-12);
  // float32 rounding shows, but stays small.
  EXPECT_GT(r.metrics.at("rope/float32_max_rel_deviation"), r.metrics.at("rope/max_rel_deviation"));
  EXPECT_LT(r.metrics.at("rope/float32_max_rel_deviation"), 1e-4);
  EXPECT_GT(r.metrics.at("absolute/max_rel_deviation"), 1e-2);
  const Series& by_offset = curve(r, "absolute/deviation");
  ASSERT_EQ(by_offset.x.size(), 64u);
  EXPECT_EQ(by_offset.y.back(), 0.0);  // the last offset has a single pair
}

TEST(ProbeRelativity, SameSeedSameNumbersOtherSeedOthers) {
  nlohmann::json config = {{"dim", 16}, {"positions", 16}};
  auto metrics = [&](uint64_t seed) {
    return nlohmann::json(run_rope_relativity(config, "p", env_with_seed(seed)).metrics).dump();
  };
  EXPECT_EQ(metrics(3), metrics(3));
  EXPECT_NE(metrics(3), metrics(4));
}

TEST(ProbeRelativity, RejectsUnknownKeysAndOddDims) {
  try {
    run_rope_relativity({{"dims", 8}}, "probes[1]", {});
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("probes[1].dims"), std::string::npos) << e.what();
  }
  EXPECT_THROW(run_rope_relativity({{"dim", 7}}, "p", {}), std::invalid_argument);
}

TEST(ProbeSvdDispersion, RotationKeepsTheSumAndSpreadsTheCluster) {
  nlohmann::json config = {{"dim", 32}, {"points", 128}, {"spreads", {0, 4, 64, 1024}}};
  ProbeResult r = run_rope_svd_dispersion(config, "p", env_with_seed(11));
  EXPECT_LT(r.metrics.at("sum_sq_max_rel_change"), 1e-10);
  // A unit mean plus noise of std 0.05 in 32 dims: about 1 / (1 + 32 * 0.0025) of the energy.
  EXPECT_GT(r.metrics.at("top_share_at_min"), 0.85);
  EXPECT_LT(r.metrics.at("top_share_at_max"), 0.6);
  EXPECT_NEAR(r.metrics.at("top_share_drop"),
              r.metrics.at("top_share_at_min") - r.metrics.at("top_share_at_max"), 1e-15);
  EXPECT_EQ(r.metrics.at("top_share_monotone"), 1.0);
  const Series& sum_sq = curve(r, "sum_sq");
  EXPECT_EQ(sum_sq.x, (std::vector<double>{0, 4, 64, 1024}));
}

TEST(ProbeSvdDispersion, WithoutSpreadNothingChanges) {
  nlohmann::json config = {{"dim", 8}, {"points", 16}, {"spreads", {0, 0}}};
  ProbeResult r = run_rope_svd_dispersion(config, "p", env_with_seed(1));
  EXPECT_EQ(r.metrics.at("top_share_drop"), 0.0);
  EXPECT_EQ(r.metrics.at("sum_sq_max_rel_change"), 0.0);
}

TEST(ProbeSvdDispersion, RejectsNegativeSpreads) {
  EXPECT_THROW(run_rope_svd_dispersion({{"spreads", {-1, 2}}}, "p", {}), std::invalid_argument);
  EXPECT_THROW(run_rope_svd_dispersion({{"spreads", "wide"}}, "p", {}), std::invalid_argument);
}

TEST(ProbeRidge, RecoversALinearTargetAndNotNoise) {
  SeededRandom random(5);
  torch::Tensor x = random.normal_tensor({200, 6});
  torch::Tensor w = torch::tensor({1.0, -2.0, 0.5, 0.0, 3.0, 1.5}, torch::kFloat64);
  torch::Tensor y = torch::matmul(x, w) + 4.0;
  EXPECT_GT(ridge_r2(x.narrow(0, 0, 100), y.narrow(0, 0, 100), x.narrow(0, 100, 100),
                     y.narrow(0, 100, 100), 1e-6),
            0.999999);
  torch::Tensor noise = random.normal_tensor({200});
  EXPECT_LT(ridge_r2(x.narrow(0, 0, 100), noise.narrow(0, 0, 100), x.narrow(0, 100, 100),
                     noise.narrow(0, 100, 100), 1e-6),
            0.2);
}

TEST(ProbeStats, IdenticalRowsHaveExactlyZeroStd) {
  torch::Tensor row = torch::tensor({0.1f, -3.7f, 1e-3f});
  EXPECT_EQ(max_column_std(row.unsqueeze(0).expand({96, 3})), 0.0);
  EXPECT_NEAR(max_column_std(torch::tensor({{0.0}, {2.0}})), 1.0, 1e-15);
}

}  // namespace
}  // namespace quire::probe

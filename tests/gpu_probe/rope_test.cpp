// RoPE's defining properties, checked exactly on the CPU in float64: a rotation (norms kept),
// scores that depend only on the offset, and the hybrid split leaving NoPE dims untouched.
#include "rope.hpp"

#include <gtest/gtest.h>

#include "torch_compat.hpp"

namespace quire::probe {
namespace {

torch::Tensor random_vectors(int64_t n, int64_t dim, uint64_t seed) {
  torch::manual_seed(seed);
  return torch::randn({n, dim}, torch::kFloat64);
}

TEST(Rope, RotationKeepsEveryNorm) {
  torch::Tensor v = random_vectors(200, 64, 1);
  torch::Tensor rotated = rotate_to(v, torch::arange(0, 200, torch::kFloat64) * 37.5, 10000.0);
  double change = scalar((rotated.norm(2, -1) - v.norm(2, -1)).abs().max());
  EXPECT_LT(change, 1e-12);
}

TEST(Rope, ScoresDependOnlyOnTheOffset) {
  torch::Tensor q = random_vectors(1, 32, 2);
  torch::Tensor k = random_vectors(1, 32, 3);
  auto at = [&](double i, double j) {
    torch::Tensor qi = rotate_to(q, torch::tensor({i}, torch::kFloat64), 10000.0);
    torch::Tensor kj = rotate_to(k, torch::tensor({j}, torch::kFloat64), 10000.0);
    return scalar((qi * kj).sum());
  };
  for (double offset : {0.0, 1.0, 7.0, 100.0}) {
    double reference = at(0.0, offset);
    for (double start : {1.0, 13.0, 500.0, 4096.0})
      EXPECT_NEAR(at(start, start + offset), reference, 1e-9 * std::abs(reference) + 1e-12)
          << "offset " << offset << " start " << start;
  }
  // ...and a different offset gives a different score (the check can fail).
  EXPECT_GT(std::abs(at(0.0, 1.0) - at(0.0, 2.0)), 1e-6);
}

TEST(Rope, TableMatchesPerPositionRotation) {
  torch::Tensor x = random_vectors(16, 8, 4).reshape({1, 16, 8});
  RotaryTable table = rotary_table(16, 8, 10000.0, torch::kFloat64, torch::kCPU);
  torch::Tensor by_table = apply_rotary(x, table, 8);
  torch::Tensor by_position =
      rotate_to(x.reshape({16, 8}), torch::arange(0, 16, torch::kFloat64), 10000.0);
  EXPECT_LT(scalar((by_table.reshape({16, 8}) - by_position).abs().max()), 1e-12);
}

TEST(Rope, HybridRotatesOnlyTheLastDims) {
  torch::Tensor x = random_vectors(10, 8, 5).reshape({1, 10, 8});
  RotaryTable table = rotary_table(10, 4, 10000.0, torch::kFloat64, torch::kCPU);
  torch::Tensor y = apply_rotary(x, table, 4);
  EXPECT_TRUE(torch::equal(y.narrow(-1, 0, 4), x.narrow(-1, 0, 4)));
  EXPECT_FALSE(torch::equal(y.narrow(-1, 4, 4), x.narrow(-1, 4, 4)));
  EXPECT_THROW(apply_rotary(x, table, 3), std::invalid_argument);
}

}  // namespace
}  // namespace quire::probe

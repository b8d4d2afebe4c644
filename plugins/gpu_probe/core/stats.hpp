// Small numeric helpers shared by the probes: a closed-form ridge probe, and a few reductions
// done in float64 so that the results are exact where the math says they should be.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "probe_result.hpp"
#include "seeded_random.hpp"

namespace quire::probe {

// R^2 on (x_test, y_test) of a ridge regression with an unpenalised intercept fitted on
// (x_train, y_train). x: [N, F], y: [N]; computed in float64 on the CPU.
double ridge_r2(const torch::Tensor& x_train, const torch::Tensor& y_train,
                const torch::Tensor& x_test, const torch::Tensor& y_test, double ridge);

// Largest over columns of the population standard deviation over rows of x [N, F], in float64
// (identical rows give exactly 0).
double max_column_std(const torch::Tensor& x);

// A curve from parallel vectors.
Series make_series(std::string name, std::string x_label, std::string y_label,
                   std::vector<double> x, std::vector<double> y);

// 0, 1, ..., n-1 as doubles (the x axis of per-layer and per-offset curves).
std::vector<double> index_axis(int64_t n);

}  // namespace quire::probe

#include "stats.hpp"

#include <cmath>
#include <stdexcept>

#include "torch_compat.hpp"

namespace quire::probe {
namespace {

torch::Tensor cpu64(const torch::Tensor& t) { return t.to(torch::kCPU).to(torch::kFloat64); }

}  // namespace

double ridge_r2(const torch::Tensor& x_train, const torch::Tensor& y_train,
                const torch::Tensor& x_test, const torch::Tensor& y_test, double ridge) {
  torch::Tensor x = cpu64(x_train);
  torch::Tensor y = cpu64(y_train);
  // Centring both sides leaves the intercept out of the penalty.
  torch::Tensor x_mean = x.mean(0);
  torch::Tensor y_mean = y.mean();
  torch::Tensor xc = x - x_mean;
  torch::Tensor gram = torch::matmul(xc.t(), xc) +
                       ridge * torch::eye(x.size(1), torch::TensorOptions().dtype(torch::kFloat64));
  torch::Tensor rhs = torch::matmul(xc.t(), y - y_mean).unsqueeze(1);
  torch::Tensor w = torch::linalg::solve(gram, rhs, true).squeeze(1);
  torch::Tensor yt = cpu64(y_test);
  torch::Tensor predicted = torch::matmul(cpu64(x_test) - x_mean, w) + y_mean;
  double residual = scalar((yt - predicted).pow(2).sum());
  double total = scalar((yt - yt.mean()).pow(2).sum());
  if (total == 0.0) throw std::invalid_argument("ridge_r2: the held-out target is constant");
  return 1.0 - residual / total;
}

double max_column_std(const torch::Tensor& x) {
  torch::Tensor v = cpu64(x);
  return scalar((v - v.mean(0)).pow(2).mean(0).sqrt().max());
}

Series make_series(std::string name, std::string x_label, std::string y_label,
                   std::vector<double> x, std::vector<double> y) {
  return Series{std::move(name), std::move(x_label), std::move(y_label), std::move(x),
                std::move(y)};
}

std::vector<double> index_axis(int64_t n) {
  std::vector<double> axis;
  for (int64_t i = 0; i < n; ++i) axis.push_back(static_cast<double>(i));
  return axis;
}

}  // namespace quire::probe

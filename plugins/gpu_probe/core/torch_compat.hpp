// The few LibTorch calls whose spelling differs between Debian's 1.13 (CI) and the 2.x a GPU
// node has from pip. Everything else in the probes is written against the API both share.
#pragma once

#include <torch/torch.h>
#include <torch/version.h>

#include <string>

namespace quire::probe {

// "1.13.0" etc., from the headers the plugin was compiled against.
inline std::string libtorch_version() { return TORCH_VERSION; }

// Singular values, largest first.
inline torch::Tensor singular_values(const torch::Tensor& matrix) {
  return torch::linalg::svdvals(matrix, c10::nullopt);
}

// A scalar tensor's value as double, on whatever device it lives.
inline double scalar(const torch::Tensor& t) { return t.item().toDouble(); }

// The CUDA device's marketing name ("NVIDIA H100 80GB HBM3"); "cuda" when the CUDA runtime
// headers are not part of this LibTorch (a CPU-only build never reaches here).
std::string cuda_device_name(int index);

}  // namespace quire::probe

// Where the probes run and under which numeric rules: CUDA when asked for (or "auto" and one
// is present), the CPU otherwise; a fixed thread count and deterministic algorithms so a CPU run
// is bit-reproducible; every rule LibTorch cannot make deterministic is listed, not hidden.
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

namespace quire::probe {

struct DeviceInfo {
  torch::Device device{torch::kCPU};
  std::string name;              // "cpu" or the CUDA device name, e.g. "NVIDIA H100 80GB HBM3"
  std::string libtorch_version;  // compiled-against LibTorch version
  int threads = 1;               // intra-op threads on the CPU
  bool bf16 = false;             // mixed precision (bf16 autocast) for training on CUDA
  std::vector<std::string> nondeterminism;  // what this device cannot make bit-reproducible
  bool is_cuda() const { return device.is_cuda(); }
};

// want: "auto" | "cpu" | "cuda". Throws std::runtime_error when "cuda" is asked for and this
// LibTorch has none. precision: "fp32" | "bf16" (bf16 only takes effect on CUDA).
DeviceInfo select_device(const std::string& want, int threads, const std::string& precision);

// Seeds every generator LibTorch has (CPU and, when present, CUDA).
void seed_everything(uint64_t seed);

}  // namespace quire::probe

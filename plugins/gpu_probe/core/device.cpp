#include "device.hpp"

#include <ATen/Parallel.h>

#include <cstdlib>
#include <stdexcept>

#include "torch_compat.hpp"

namespace quire::probe {
namespace {

// cuBLAS reads this once, when its first handle is made: set it before any CUDA work so its
// GEMMs pick a deterministic reduction order (NVIDIA's documented requirement).
void ask_cublas_for_determinism() { setenv("CUBLAS_WORKSPACE_CONFIG", ":4096:8", 0); }

DeviceInfo cuda_device(const std::string& precision) {
  ask_cublas_for_determinism();
  DeviceInfo info;
  info.device = torch::Device(torch::kCUDA, 0);
  info.name = cuda_device_name(0);
  info.bf16 = precision == "bf16";
  // warn_only: an op with no deterministic CUDA kernel warns instead of failing the probe; the
  // record says so rather than claiming bit-reproducibility.
  at::globalContext().setDeterministicAlgorithms(true, /*warn_only=*/true);
  at::globalContext().setDeterministicCuDNN(true);
  at::globalContext().setBenchmarkCuDNN(false);
  info.nondeterminism.push_back(
      "CUDA: deterministic algorithms requested (warn-only); results are reproducible on the "
      "same GPU model, driver and LibTorch build, not bit-identical to the CPU");
  if (info.bf16)
    info.nondeterminism.push_back("training matmuls in bf16 autocast; evaluation in fp32");
  return info;
}

}  // namespace

DeviceInfo select_device(const std::string& want, int threads, const std::string& precision) {
  if (want != "auto" && want != "cpu" && want != "cuda")
    throw std::invalid_argument("device must be \"auto\", \"cpu\" or \"cuda\", not \"" + want +
                                "\"");
  if (precision != "fp32" && precision != "bf16")
    throw std::invalid_argument("precision must be \"fp32\" or \"bf16\", not \"" + precision +
                                "\"");
  bool have_cuda = torch::cuda::is_available();
  if (want == "cuda" && !have_cuda)
    throw std::runtime_error("device = \"cuda\" but this LibTorch (" + libtorch_version() +
                             ") sees no CUDA device; use \"auto\" or \"cpu\"");
  DeviceInfo info;
  if (want != "cpu" && have_cuda) {
    info = cuda_device(precision);
  } else {
    info.name = "cpu";
    at::globalContext().setDeterministicAlgorithms(true, /*warn_only=*/false);
    if (precision == "bf16")
      info.nondeterminism.push_back("bf16 asked for, but it only applies on CUDA; ran fp32");
  }
  info.threads = threads;
  info.libtorch_version = libtorch_version();
  // A fixed intra-op thread count fixes the CPU's reduction order: same count, same bits.
  at::set_num_threads(threads);
  return info;
}

void seed_everything(uint64_t seed) {
  torch::manual_seed(seed);
  if (torch::cuda::is_available()) torch::cuda::manual_seed_all(seed);
}

}  // namespace quire::probe

// gpu-probe: the plugin the engine loads. It declares the stage and its configuration and, when
// the stage runs, hands the work to the LibTorch half (gpu_probe_torch.cpp) loaded from beside
// it — so a run that does not use gpu-probe never loads LibTorch (see torch_half.hpp).
#include <dlfcn.h>

#include <mutex>
#include <quire/plugin.hpp>
#include <string>

#include "torch_half.hpp"

namespace quire::gpu_probe {
namespace {

// This library's directory, from the address of a function in it.
std::string own_directory() {
  Dl_info info{};
  if (!dladdr(reinterpret_cast<void*>(&own_directory), &info) || !info.dli_fname) return ".";
  std::string path = info.dli_fname;
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

// Loaded once per process and never unloaded: LibTorch registers global state that must not
// be torn down while the engine still runs.
TorchRunFunction load_torch_half() {
  static std::once_flag once;
  static TorchRunFunction entry = nullptr;
  static std::string error;
  std::call_once(once, [] {
    std::string path = own_directory() + "/" + kTorchHalfPath;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = dlerror();
      error = "gpu-probe: cannot load its LibTorch half " + path + ": " + (why ? why : "?");
      return;
    }
    entry = reinterpret_cast<TorchRunFunction>(dlsym(handle, kTorchRunSymbol));
    if (!entry) error = "gpu-probe: " + path + " does not export " + kTorchRunSymbol;
  });
  if (!entry) throw StageError(error);
  return entry;
}

class GpuProbeStage final : public Stage {
 public:
  void run(Context& ctx) override {
    TorchRunFunction entry = load_torch_half();
    char message[4096] = {0};
    int result = entry(&ctx, message, sizeof message);
    if (result == kTorchRunOk) return;
    if (result == kTorchRunCacheMiss) throw CacheMiss(message);
    if (result == kTorchRunCancelled) throw Cancelled(message);
    throw StageError(message);
  }
};

constexpr quire_config_field kFields[] = {
    {"probes", QUIRE_CONFIG_LIST, 1, nullptr,
     "the probes to run: tables {probe, id, ...the probe's keys} (docs/probes.md)"},
    {"claims", QUIRE_CONFIG_LIST, 0, "[]",
     "claims to judge: tables {id, probe, metric, than, comparison, threshold, statement, "
     "paper, source, margin, precondition}"},
    {"device", QUIRE_CONFIG_STRING, 0, "\"auto\"",
     "\"auto\" (CUDA when present), \"cpu\" or \"cuda\""},
    {"precision", QUIRE_CONFIG_STRING, 0, "\"fp32\"",
     "\"fp32\" or \"bf16\" (bf16 autocast while training, CUDA only)"},
    {"threads", QUIRE_CONFIG_INT, 0, "1",
     "CPU intra-op threads; fixed so CPU results are bit-reproducible"},
};

}  // namespace
}  // namespace quire::gpu_probe

QUIRE_PLUGIN(quire::gpu_probe::GpuProbeStage, "gpu-probe", QUIRE_GPU_PROBE_VERSION,
             "LibTorch probes that re-measure mechanistic claims (RoPE relativity, SVD "
             "dispersion, causal leakage, deposit pattern, sinks) and judge them",
             quire::gpu_probe::kFields, 0)

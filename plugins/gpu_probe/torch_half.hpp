// The contract between gpu-probe's two libraries. The plugin the engine loads
// (libquire_gpu_probe.so) is light: descriptor and config fields only, so listing or loading
// plugins never pays for LibTorch (hundreds of megabytes of relocations). Its run() loads
// gpu_probe/libquire_gpu_probe_torch.so from beside itself on first use and calls this entry.
#pragma once

#include <cstddef>

namespace quire {
class Context;
}

namespace quire::gpu_probe {

enum TorchRunResult : int {
  kTorchRunOk = 0,
  kTorchRunFailed = 1,     // message: what failed (a StageError's text)
  kTorchRunCacheMiss = 2,  // message: what was not cached
  kTorchRunCancelled = 3,
};

// The plugin's version: in its descriptor and in every probe's memo key, so a new version never
// replays an old version's results.
#define QUIRE_GPU_PROBE_VERSION "1.0.0"

// The exported symbol's name and type.
constexpr const char* kTorchRunSymbol = "quire_gpu_probe_torch_run";
using TorchRunFunction = int (*)(Context* ctx, char* message, size_t capacity);

// Where the LibTorch half sits, relative to the directory of the light plugin.
constexpr const char* kTorchHalfPath = "gpu_probe/libquire_gpu_probe_torch.so";

}  // namespace quire::gpu_probe

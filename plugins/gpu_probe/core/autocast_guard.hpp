// bf16 autocast on CUDA for one scope (the forward pass and loss of a training step), as Python's
// torch.autocast does it: enable, nest, and on leaving clear the cache of cast weights (they
// change at every optimiser step). LibTorch renamed these calls in 2.4, hence both spellings.
// Disabled (the CPU, fp32) it does nothing.
#pragma once

#include <ATen/autocast_mode.h>
#include <torch/version.h>

namespace quire::probe {

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define QUIRE_AUTOCAST_PER_DEVICE 1
#endif

class AutocastGuard {
 public:
  explicit AutocastGuard(bool enable) : active_(enable) {
    if (!active_) return;
#ifdef QUIRE_AUTOCAST_PER_DEVICE
    was_enabled_ = at::autocast::is_autocast_enabled(at::kCUDA);
    was_dtype_ = at::autocast::get_autocast_dtype(at::kCUDA);
    at::autocast::set_autocast_dtype(at::kCUDA, at::kBFloat16);
    at::autocast::set_autocast_enabled(at::kCUDA, true);
#else
    was_enabled_ = at::autocast::is_enabled();
    was_dtype_ = at::autocast::get_autocast_gpu_dtype();
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
#endif
    at::autocast::increment_nesting();
  }

  ~AutocastGuard() {
    if (!active_) return;
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
#ifdef QUIRE_AUTOCAST_PER_DEVICE
    at::autocast::set_autocast_enabled(at::kCUDA, was_enabled_);
    at::autocast::set_autocast_dtype(at::kCUDA, was_dtype_);
#else
    at::autocast::set_enabled(was_enabled_);
    at::autocast::set_autocast_gpu_dtype(was_dtype_);
#endif
  }

  AutocastGuard(const AutocastGuard&) = delete;
  AutocastGuard& operator=(const AutocastGuard&) = delete;

 private:
  bool active_;
  bool was_enabled_ = false;
  at::ScalarType was_dtype_ = at::kHalf;
};

}  // namespace quire::probe

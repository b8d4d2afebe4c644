#include "torch_compat.hpp"

#if __has_include(<ATen/cuda/CUDAContext.h>) && defined(QUIRE_PROBE_WITH_CUDA)
#include <ATen/cuda/CUDAContext.h>
#define QUIRE_PROBE_HAS_CUDA_HEADERS 1
#endif

namespace quire::probe {

std::string cuda_device_name(int index) {
#ifdef QUIRE_PROBE_HAS_CUDA_HEADERS
  const cudaDeviceProp* prop = at::cuda::getDeviceProperties(index);
  if (prop) return prop->name;
#endif
  return "cuda:" + std::to_string(index);
}

}  // namespace quire::probe

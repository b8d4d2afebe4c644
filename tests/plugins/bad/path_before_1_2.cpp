// Declares a path config field (ABI 1.2) while claiming ABI 1.1: an engine of 1.1 would not
// know the type, so the descriptor is inconsistent and refused.
#include "common.hpp"

namespace {
constexpr quire_config_field kFields[] = {{"dir", QUIRE_CONFIG_PATH, 0, "\"\"", "a directory"}};
}

BAD_EXPORT const quire_plugin_descriptor* quire_plugin_v1(void) {
  static quire_plugin_descriptor d = [] {
    auto x = bad::good_descriptor("path-before-1-2");
    x.abi_minor = 1;
    x.config_fields = kFields;
    x.config_field_count = 1;
    return x;
  }();
  return &d;
}

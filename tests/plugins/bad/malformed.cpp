// A descriptor with a NULL run function and a truncated struct size.
#include "common.hpp"

BAD_EXPORT const quire_plugin_descriptor* quire_plugin_v1(void) {
  static quire_plugin_descriptor d = [] {
    auto x = bad::good_descriptor("malformed");
    x.struct_size = 16;
    x.run = nullptr;
    return x;
  }();
  return &d;
}

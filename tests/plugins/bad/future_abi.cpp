// Built for a future ABI: only quire_plugin_v2 exists.
#include "common.hpp"

BAD_EXPORT const quire_plugin_descriptor* quire_plugin_v2(void) {
  static quire_plugin_descriptor d = bad::good_descriptor("future-abi");
  return &d;
}

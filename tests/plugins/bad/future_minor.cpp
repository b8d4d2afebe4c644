// Built against a newer minor ABI than this engine provides: it may call what is not there.
#include "common.hpp"

BAD_EXPORT const quire_plugin_descriptor* quire_plugin_v1(void) {
  static quire_plugin_descriptor d = [] {
    auto x = bad::good_descriptor("future-minor");
    x.abi_minor = QUIRE_ABI_MINOR + 1;
    return x;
  }();
  return &d;
}

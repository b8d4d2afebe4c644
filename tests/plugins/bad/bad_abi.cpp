// Exports the right symbol but claims ABI 99.
#include "common.hpp"

BAD_EXPORT const quire_plugin_descriptor* quire_plugin_v1(void) {
  static quire_plugin_descriptor d = [] {
    auto x = bad::good_descriptor("bad-abi");
    x.abi_major = 99;
    return x;
  }();
  return &d;
}

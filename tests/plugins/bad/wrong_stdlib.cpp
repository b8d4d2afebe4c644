// Claims another standard library: std::string would not be the same type on both sides.
#include "common.hpp"

BAD_EXPORT const quire_plugin_descriptor* quire_plugin_v1(void) {
  static quire_plugin_descriptor d = [] {
    auto x = bad::good_descriptor("wrong-stdlib");
    x.stdlib = "libc++ abi=1";
    return x;
  }();
  return &d;
}

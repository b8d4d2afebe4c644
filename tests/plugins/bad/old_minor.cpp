// Not broken: built against ABI 1.0, before Context::http_get. Older minors must keep loading.
#include "common.hpp"

BAD_EXPORT const quire_plugin_descriptor* quire_plugin_v1(void) {
  static quire_plugin_descriptor d = [] {
    auto x = bad::good_descriptor("old-minor");
    x.abi_minor = 0;
    return x;
  }();
  return &d;
}

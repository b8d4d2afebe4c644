// A second plugin calling itself test-throws: the first one found wins.
#include "common.hpp"

BAD_EXPORT const quire_plugin_descriptor* quire_plugin_v1(void) {
  static quire_plugin_descriptor d = bad::good_descriptor("test-throws");
  return &d;
}

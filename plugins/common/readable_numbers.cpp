#include "plugin_common/readable_numbers.hpp"

#include <cstdio>
#include <cstdlib>
#include <regex>

namespace quire::common {

std::string readable_numbers(const std::string& text) {
  static const std::regex long_number(R"(-?\d+\.\d{5,}(?:e[-+]?\d+)?|-?\d\.\d+e[-+]?\d+)");
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), long_number), end; it != end; ++it) {
    out.append(last, text.cbegin() + it->position());
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", std::strtod(it->str().c_str(), nullptr));
    out += buf;
    last = text.cbegin() + it->position() + it->length();
  }
  out.append(last, text.cend());
  return out;
}

}  // namespace quire::common

// Scores are rounded to three decimals before anything compares, ranks or prints them, so the
// explanation, the ranking and triage.json always agree.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace quire::triage {

inline double round3(double x) {
  double r = std::round(x * 1000.0) / 1000.0;
  return r == 0.0 ? 0.0 : r;  // no "-0"
}

// The number as people write it: at most three decimals, no trailing zeros ("3.5", "6", "-5").
inline std::string number_text(double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", round3(x));
  std::string text = buffer;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace quire::triage

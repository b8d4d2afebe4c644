// Long numbers in a probe's verdict text shortened for reading, shared by the draft and the
// dashboard so both show the same text; the full values stay in the ledger files.
#pragma once

#include <string>

namespace quire::common {

// Numbers with five or more decimals, or in exponent form, at 4 significant digits
// ("0.24555160142348756" -> "0.2456"); integers and short decimals as they are.
std::string readable_numbers(const std::string& text);

}  // namespace quire::common

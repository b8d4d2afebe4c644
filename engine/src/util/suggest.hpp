// "did you mean …?" for misspelt keys, stage ids and plugin names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire {

// The closest candidate within a small edit distance, or empty.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" or " (expected one of: a, b, c)" — a suffix for error messages.
std::string suggestion_suffix(std::string_view word, const std::vector<std::string>& candidates);
// "a, b, c"
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace quire

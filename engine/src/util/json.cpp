#include "util/json.hpp"

namespace quire {

std::string canonical(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::strict);
}

std::string pretty(const Json& value) {
  return value.dump(2, ' ', false, Json::error_handler_t::strict) + "\n";
}

bool parse_json(std::string_view text, Json* out, std::string* error) {
  try {
    *out = Json::parse(text.begin(), text.end());
    return true;
  } catch (const Json::exception& e) {
    *error = e.what();
    return false;
  }
}

}  // namespace quire

// The config types a plugin can declare (quire_config_type) and how JSON values match them.
#pragma once

#include <quire/abi.h>

#include "util/json.hpp"

namespace quire {

// "a string", "an integer", … for messages.
const char* config_type_name(quire_config_type type);
// True when `value` has the declared type.
bool config_value_matches(const Json& value, quire_config_type type);

}  // namespace quire

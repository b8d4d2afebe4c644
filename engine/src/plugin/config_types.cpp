#include "plugin/config_types.hpp"

namespace quire {

const char* config_type_name(quire_config_type type) {
  switch (type) {
    case QUIRE_CONFIG_STRING:
      return "a string";
    case QUIRE_CONFIG_INT:
      return "an integer";
    case QUIRE_CONFIG_FLOAT:
      return "a number";
    case QUIRE_CONFIG_BOOL:
      return "a boolean";
    case QUIRE_CONFIG_STRING_LIST:
      return "an array of strings";
    case QUIRE_CONFIG_LIST:
      return "an array";
    case QUIRE_CONFIG_TABLE:
      return "a table";
    case QUIRE_CONFIG_PATH:
      return "a path (string)";
  }
  return "a value";
}

bool config_value_matches(const Json& value, quire_config_type type) {
  switch (type) {
    case QUIRE_CONFIG_STRING:
    case QUIRE_CONFIG_PATH:
      return value.is_string();
    case QUIRE_CONFIG_INT:
      return value.is_number_integer();
    case QUIRE_CONFIG_FLOAT:
      return value.is_number();
    case QUIRE_CONFIG_BOOL:
      return value.is_boolean();
    case QUIRE_CONFIG_STRING_LIST:
      if (!value.is_array()) return false;
      for (const auto& v : value)
        if (!v.is_string()) return false;
      return true;
    case QUIRE_CONFIG_LIST:
      return value.is_array();
    case QUIRE_CONFIG_TABLE:
      return value.is_object();
  }
  return false;
}

}  // namespace quire

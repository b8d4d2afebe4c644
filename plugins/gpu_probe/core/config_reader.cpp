#include "config_reader.hpp"

#include <stdexcept>

namespace quire::probe {
namespace {

const nlohmann::json& null_json() {
  static const nlohmann::json kNull;
  return kNull;
}

std::string type_name(const nlohmann::json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "a table";
  return "null";
}

}  // namespace

ConfigReader::ConfigReader(const nlohmann::json& object, std::string path)
    : object_(object.is_null() ? null_json() : object), path_(std::move(path)) {
  if (!object_.is_null() && !object_.is_object())
    throw std::invalid_argument(path_ + " must be a table, not " + type_name(object_));
}

const nlohmann::json* ConfigReader::find(const std::string& key) {
  read_.insert(key);
  if (object_.is_null()) return nullptr;
  auto it = object_.find(key);
  return it == object_.end() ? nullptr : &*it;
}

void ConfigReader::wrong_type(const std::string& key, const char* wanted) const {
  throw std::invalid_argument(path_of(key) + " must be " + wanted + ", not " +
                              type_name(object_.at(key)));
}

int64_t ConfigReader::integer(const std::string& key, int64_t fallback) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  if (!value->is_number_integer()) wrong_type(key, "an integer");
  return value->get<int64_t>();
}

double ConfigReader::number(const std::string& key, double fallback) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  if (!value->is_number()) wrong_type(key, "a number");
  return value->get<double>();
}

bool ConfigReader::boolean(const std::string& key, bool fallback) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  if (!value->is_boolean()) wrong_type(key, "a boolean");
  return value->get<bool>();
}

std::string ConfigReader::text(const std::string& key, const std::string& fallback) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  if (!value->is_string()) wrong_type(key, "a string");
  return value->get<std::string>();
}

template <class T>
static std::vector<T> list_of(const nlohmann::json& value, const std::string& path,
                              bool (nlohmann::json::*is)() const noexcept, const char* wanted) {
  if (!value.is_array()) throw std::invalid_argument(path + " must be an array of " + wanted);
  std::vector<T> out;
  for (size_t i = 0; i < value.size(); ++i) {
    if (!(value[i].*is)())
      throw std::invalid_argument(path + "[" + std::to_string(i) + "] must be " + wanted +
                                  ", not " + type_name(value[i]));
    out.push_back(value[i].get<T>());
  }
  return out;
}

std::vector<std::string> ConfigReader::texts(const std::string& key,
                                             const std::vector<std::string>& fallback) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  return list_of<std::string>(*value, path_of(key), &nlohmann::json::is_string, "strings");
}

std::vector<int64_t> ConfigReader::integers(const std::string& key,
                                            const std::vector<int64_t>& fallback) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  return list_of<int64_t>(*value, path_of(key), &nlohmann::json::is_number_integer, "integers");
}

std::vector<double> ConfigReader::numbers(const std::string& key,
                                          const std::vector<double>& fallback) {
  const nlohmann::json* value = find(key);
  if (!value) return fallback;
  return list_of<double>(*value, path_of(key), &nlohmann::json::is_number, "numbers");
}

const nlohmann::json& ConfigReader::child(const std::string& key) {
  const nlohmann::json* value = find(key);
  if (!value) return null_json();
  if (!value->is_object()) wrong_type(key, "a table");
  return *value;
}

const nlohmann::json& ConfigReader::raw(const std::string& key) {
  const nlohmann::json* value = find(key);
  return value ? *value : null_json();
}

void ConfigReader::finish() const {
  if (object_.is_null()) return;
  std::string unknown;
  for (const auto& [key, value] : object_.items())
    if (!read_.count(key)) unknown += (unknown.empty() ? "" : ", ") + path_of(key);
  if (unknown.empty()) return;
  std::string known;
  for (const auto& key : read_) known += (known.empty() ? "" : ", ") + key;
  throw std::invalid_argument("unknown key " + unknown + " (known here: " + known + ")");
}

int64_t require_range(int64_t value, int64_t low, int64_t high, const std::string& path) {
  if (value < low || value > high)
    throw std::invalid_argument(path + " must be between " + std::to_string(low) + " and " +
                                std::to_string(high) + ", not " + std::to_string(value));
  return value;
}

}  // namespace quire::probe

#include "records.hpp"

#include <cmath>

namespace quire::probe {
namespace {

// JSON has no NaN or infinity: a value that is not finite is written as null (not measured)
// and read back as NaN, so a memo round-trip keeps it.
nlohmann::json finite_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

nlohmann::json numbers_json(const std::vector<double>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (double v : values) out.push_back(finite_or_null(v));
  return out;
}

double number_from(const nlohmann::json& value) {
  return value.is_null() ? std::nan("") : value.get<double>();
}

std::vector<double> numbers_from(const nlohmann::json& values) {
  std::vector<double> out;
  for (const auto& v : values) out.push_back(number_from(v));
  return out;
}

}  // namespace

nlohmann::json result_json(const ProbeResult& result) {
  nlohmann::json curves = nlohmann::json::array();
  for (const Series& s : result.curves)
    curves.push_back({{"name", s.name},
                      {"x_label", s.x_label},
                      {"y_label", s.y_label},
                      {"x", numbers_json(s.x)},
                      {"y", numbers_json(s.y)}});
  nlohmann::json tables = nlohmann::json::array();
  for (const Table& t : result.tables) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : t.values) rows.push_back(numbers_json(row));
    tables.push_back({{"name", t.name},
                      {"row_labels", t.row_labels},
                      {"col_labels", t.col_labels},
                      {"values", rows}});
  }
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& [name, value] : result.metrics) metrics[name] = finite_or_null(value);
  return {{"metrics", metrics},
          {"curves", curves},
          {"tables", tables},
          {"details", result.details},
          {"notes", result.notes}};
}

ProbeResult result_from_json(const nlohmann::json& json) {
  ProbeResult result;
  for (const auto& [name, value] : json.at("metrics").items())
    result.metrics[name] = number_from(value);
  for (const auto& c : json.at("curves"))
    result.curves.push_back({c.at("name"), c.at("x_label"), c.at("y_label"),
                             numbers_from(c.at("x")), numbers_from(c.at("y"))});
  for (const auto& t : json.at("tables")) {
    Table table{t.at("name"),
                t.at("row_labels").get<std::vector<std::string>>(),
                t.at("col_labels").get<std::vector<std::string>>(),
                {}};
    for (const auto& row : t.at("values")) table.values.push_back(numbers_from(row));
    result.tables.push_back(std::move(table));
  }
  result.details = json.at("details");
  result.notes = json.at("notes").get<std::vector<std::string>>();
  return result;
}

nlohmann::json device_json(const DeviceInfo& device) {
  return {{"kind", device.is_cuda() ? "cuda" : "cpu"},  {"name", device.name},
          {"libtorch", device.libtorch_version},        {"threads", device.threads},
          {"precision", device.bf16 ? "bf16" : "fp32"}, {"nondeterminism", device.nondeterminism}};
}

}  // namespace quire::probe

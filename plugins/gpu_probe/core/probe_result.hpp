// What one probe measured: named scalar metrics (what claims are checked against), curves and
// tables for plotting, and free-form details. Plain data; the stage turns it into JSON.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "device.hpp"

namespace quire::probe {

struct Series {
  std::string name;     // e.g. "rope/task1/test_accuracy"
  std::string x_label;  // e.g. "step"
  std::string y_label;  // e.g. "accuracy"
  std::vector<double> x;
  std::vector<double> y;
};

struct Table {
  std::string name;                         // e.g. "rope/task1/ablation_drop"
  std::vector<std::string> row_labels;      // e.g. "layer 0"
  std::vector<std::string> col_labels;      // e.g. "head 3"
  std::vector<std::vector<double>> values;  // [row][col]
};

struct ProbeResult {
  // Metric names are slash paths ("rope/task1/test_accuracy"); claims name them exactly.
  std::map<std::string, double> metrics;
  std::vector<Series> curves;
  std::vector<Table> tables;
  nlohmann::json details = nlohmann::json::object();
  std::vector<std::string> notes;  // caveats worth showing beside the numbers
};

// What a probe may use from its surroundings: the device rules, the stage seed, a log line, a
// cancellation check that throws, and a progress report.
struct ProbeEnv {
  DeviceInfo device;
  uint64_t seed = 0;
  std::function<void(const std::string&)> log = [](const std::string&) {};
  std::function<void()> check_cancelled = [] {};
};

}  // namespace quire::probe

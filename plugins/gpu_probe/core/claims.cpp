#include "claims.hpp"

#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "config_reader.hpp"

namespace quire::probe {
namespace {

const char* symbol(Comparison comparison) {
  switch (comparison) {
    case Comparison::kLess:
      return "<";
    case Comparison::kLessEqual:
      return "<=";
    case Comparison::kGreater:
      return ">";
    case Comparison::kGreaterEqual:
      return ">=";
  }
  return "?";
}

Comparison parse_comparison(const std::string& text, const std::string& path) {
  if (text == "<") return Comparison::kLess;
  if (text == "<=") return Comparison::kLessEqual;
  if (text == ">") return Comparison::kGreater;
  if (text == ">=") return Comparison::kGreaterEqual;
  throw std::invalid_argument(path + " must be one of \"<\", \"<=\", \">\", \">=\", not \"" + text +
                              "\"");
}

bool holds(Comparison comparison, double value, double threshold) {
  switch (comparison) {
    case Comparison::kLess:
      return value < threshold;
    case Comparison::kLessEqual:
      return value <= threshold;
    case Comparison::kGreater:
      return value > threshold;
    case Comparison::kGreaterEqual:
      return value >= threshold;
  }
  return false;
}

// Shortest text that reads back as the same double ("0.3", "1e-09"), so reasons are exact.
std::string number(double value) {
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

Expectation parse_expectation(ConfigReader& reader, const std::string& path) {
  Expectation out;
  out.metric = reader.text("metric", "");
  if (out.metric.empty()) throw std::invalid_argument(path + ".metric is required");
  out.than = reader.text("than", "");
  out.comparison = parse_comparison(reader.text("comparison", ""), path + ".comparison");
  const nlohmann::json& threshold = reader.raw("threshold");
  if (threshold.is_null() && !out.than.empty()) return out;
  if (!threshold.is_number())
    throw std::invalid_argument(path + ".threshold is required and must be a number");
  out.threshold = threshold.get<double>();
  return out;
}

Claim parse_claim(const nlohmann::json& table, const std::string& path,
                  const std::set<std::string>& probes) {
  ConfigReader reader(table, path);
  Claim claim;
  claim.id = reader.text("id", "");
  if (claim.id.empty()) throw std::invalid_argument(path + ".id is required");
  claim.probe = reader.text("probe", "");
  if (!probes.count(claim.probe))
    throw std::invalid_argument(path + ".probe \"" + claim.probe +
                                "\" is not one of the configured probes");
  claim.statement = reader.text("statement", "");
  claim.paper = reader.text("paper", "");
  claim.source = reader.text("source", "");
  claim.margin = reader.number("margin", 0.0);
  if (claim.margin < 0) throw std::invalid_argument(path + ".margin must not be negative");
  claim.expect = parse_expectation(reader, path);
  const nlohmann::json& pre = reader.child("precondition");
  if (!pre.is_null()) {
    ConfigReader pre_reader(pre, path + ".precondition");
    claim.precondition = parse_expectation(pre_reader, path + ".precondition");
    pre_reader.finish();
  }
  reader.finish();
  return claim;
}

std::optional<double> metric_of(const ProbeResult& result, const std::string& name) {
  auto it = result.metrics.find(name);
  if (it == result.metrics.end() || std::isnan(it->second)) return std::nullopt;
  return it->second;
}

// The value an expectation compares (a metric, or the difference of two), and the words that
// show how it was read: "a = 1" or "a = 3, b = 1, a - b = 2". Empty when not measured; then
// `missing` names the metric.
std::optional<double> read_value(const Expectation& e, const ProbeResult& result,
                                 std::string* shown, std::string* missing) {
  std::optional<double> value = metric_of(result, e.metric);
  if (!value) {
    *missing = e.metric;
    return std::nullopt;
  }
  *shown = e.metric + " = " + number(*value);
  if (e.than.empty()) return value;
  std::optional<double> other = metric_of(result, e.than);
  if (!other) {
    *missing = e.than;
    return std::nullopt;
  }
  double difference = *value - *other;
  *shown += ", " + e.than + " = " + number(*other) + ", " + e.metric + " - " + e.than + " = " +
            number(difference);
  return difference;
}

}  // namespace

std::string Expectation::text() const {
  std::string lhs = than.empty() ? metric : metric + " - " + than;
  return lhs + " " + symbol(comparison) + " " + number(threshold);
}

std::vector<Claim> parse_claims(const nlohmann::json& claims, const std::string& path,
                                const std::vector<std::string>& probe_ids) {
  if (claims.is_null()) return {};
  if (!claims.is_array()) throw std::invalid_argument(path + " must be an array of tables");
  std::set<std::string> probes(probe_ids.begin(), probe_ids.end());
  std::set<std::string> seen;
  std::vector<Claim> out;
  for (size_t i = 0; i < claims.size(); ++i) {
    std::string item = path + "[" + std::to_string(i) + "]";
    out.push_back(parse_claim(claims[i], item, probes));
    if (!seen.insert(out.back().id).second)
      throw std::invalid_argument(item + ".id \"" + out.back().id + "\" is used twice");
  }
  return out;
}

std::string verdict_name(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::kCorroborated:
      return "corroborated";
    case VerdictKind::kContradicted:
      return "contradicted";
    case VerdictKind::kInconclusive:
      return "inconclusive";
  }
  return "?";
}

Verdict judge(const Claim& claim, const ProbeResult* result, const std::string& failure) {
  Verdict verdict;
  if (!result) {
    verdict.reason = "probe " + claim.probe + " failed: " + failure;
    return verdict;
  }
  std::string shown, missing;
  if (claim.precondition) {
    std::optional<double> pre = read_value(*claim.precondition, *result, &shown, &missing);
    if (!pre) {
      verdict.reason = "precondition metric " + missing + " was not measured";
      return verdict;
    }
    if (!holds(claim.precondition->comparison, *pre, claim.precondition->threshold)) {
      verdict.reason = "precondition not met: " + shown + ", needs " + claim.precondition->text();
      std::string ignored_shown, ignored_missing;
      verdict.measured = read_value(claim.expect, *result, &ignored_shown, &ignored_missing);
      return verdict;
    }
  }
  shown.clear();
  verdict.measured = read_value(claim.expect, *result, &shown, &missing);
  if (!verdict.measured) {
    verdict.reason = "metric " + missing + " was not measured by probe " + claim.probe;
    return verdict;
  }
  double value = *verdict.measured;
  std::string expected = shown + ", expected " + claim.expect.text();
  if (holds(claim.expect.comparison, value, claim.expect.threshold)) {
    verdict.kind = VerdictKind::kCorroborated;
    verdict.reason = expected;
  } else if (claim.margin > 0 && std::abs(value - claim.expect.threshold) <= claim.margin) {
    verdict.reason = expected + ": within the margin " + number(claim.margin) + " of the threshold";
  } else {
    verdict.kind = VerdictKind::kContradicted;
    verdict.reason = expected;
  }
  return verdict;
}

}  // namespace quire::probe

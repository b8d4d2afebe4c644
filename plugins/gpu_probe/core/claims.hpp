// The claims a workflow wants tested, each with its expectation (probe, metric, comparison,
// threshold) and where it comes from (paper, seed section), and the verdict a probe's numbers
// give it. A verdict always carries the measured value beside the expectation.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "probe_result.hpp"

namespace quire::probe {

enum class Comparison { kLess, kLessEqual, kGreater, kGreaterEqual };

struct Expectation {
  std::string metric;  // a metric name of the probe, e.g. "rope/distance/max_drop"
  // When set, the value compared is metric - than (two measurements of one probe, e.g.
  // "softpick/sink_rate" than "softmax/sink_rate"), and threshold defaults to 0.
  std::string than;
  Comparison comparison = Comparison::kGreaterEqual;
  double threshold = 0.0;
  // "rope/distance/max_drop >= 0.3", "a - b < 0"
  std::string text() const;
};

struct Claim {
  std::string id;
  std::string probe;      // the probe id whose metrics decide it
  std::string statement;  // the claim in words
  std::string paper;      // arXiv id (or name) of the paper that makes the claim
  std::string source;     // where in the seeds/paper, e.g. "seed 004, §4.3"
  Expectation expect;
  // When set and not met, the probe could not test the claim (e.g. the model never learned the
  // task, so ablating it says nothing): the verdict is inconclusive.
  std::optional<Expectation> precondition;
  // A measured value on the wrong side but within `margin` of the threshold is inconclusive,
  // not contradicted.
  double margin = 0.0;
};

// Parses `claims` (an array of tables; null = none). `probe_ids` are the probes configured;
// a claim naming another fails. Throws std::invalid_argument naming `path[i].key`.
std::vector<Claim> parse_claims(const nlohmann::json& claims, const std::string& path,
                                const std::vector<std::string>& probe_ids);

enum class VerdictKind { kCorroborated, kContradicted, kInconclusive };
std::string verdict_name(VerdictKind kind);

struct Verdict {
  VerdictKind kind = VerdictKind::kInconclusive;
  std::optional<double> measured;  // absent when the metric is missing or the probe failed
  std::string reason;              // the numbers that decided it, in words
};

// `result` is null when the probe failed (`failure` says why).
Verdict judge(const Claim& claim, const ProbeResult* result, const std::string& failure);

}  // namespace quire::probe

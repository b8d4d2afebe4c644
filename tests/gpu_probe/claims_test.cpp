// Claims and verdicts: parsing errors name the key; a verdict shows the measured value beside
// the expectation; a failed precondition, a missing metric or a failed probe is inconclusive,
// never corroborated.
#include "claims.hpp"

#include <gtest/gtest.h>

#include "probe_plan.hpp"
#include "records.hpp"

namespace quire::probe {
namespace {

using Json = nlohmann::json;

Json claim_table(const std::string& comparison, double threshold) {
  return {{"id", "c1"},
          {"probe", "deposit-pattern"},
          {"metric", "rope/distance/max_drop"},
          {"comparison", comparison},
          {"threshold", threshold},
          {"statement", "one early head carries the task"},
          {"paper", "2510.00001"},
          {"source", "seed 004, §4.3"}};
}

Claim parse_one(const Json& table) {
  return parse_claims(Json::array({table}), "claims", {"deposit-pattern"}).at(0);
}

ProbeResult with_metrics(std::map<std::string, double> metrics) {
  ProbeResult result;
  result.metrics = std::move(metrics);
  return result;
}

std::string parse_error(const Json& claims) {
  try {
    parse_claims(claims, "claims", {"deposit-pattern"});
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Claims, CorroboratedAndContradictedShowTheNumbers) {
  Claim claim = parse_one(claim_table(">=", 0.3));
  ProbeResult high = with_metrics({{"rope/distance/max_drop", 0.55}});
  Verdict v = judge(claim, &high, "");
  EXPECT_EQ(verdict_name(v.kind), "corroborated");
  EXPECT_EQ(v.reason, "rope/distance/max_drop = 0.55, expected rope/distance/max_drop >= 0.3");
  ASSERT_TRUE(v.measured);
  EXPECT_EQ(*v.measured, 0.55);

  ProbeResult low = with_metrics({{"rope/distance/max_drop", 0.02}});
  v = judge(claim, &low, "");
  EXPECT_EQ(verdict_name(v.kind), "contradicted");
  EXPECT_EQ(v.reason, "rope/distance/max_drop = 0.02, expected rope/distance/max_drop >= 0.3");
}

TEST(Claims, EveryComparisonIsStrictOrNotAsWritten) {
  ProbeResult at = with_metrics({{"rope/distance/max_drop", 0.3}});
  EXPECT_EQ(judge(parse_one(claim_table(">=", 0.3)), &at, "").kind, VerdictKind::kCorroborated);
  EXPECT_EQ(judge(parse_one(claim_table(">", 0.3)), &at, "").kind, VerdictKind::kContradicted);
  EXPECT_EQ(judge(parse_one(claim_table("<=", 0.3)), &at, "").kind, VerdictKind::kCorroborated);
  EXPECT_EQ(judge(parse_one(claim_table("<", 0.3)), &at, "").kind, VerdictKind::kContradicted);
}

TEST(Claims, InconclusiveWhenTheProbeCouldNotTestIt) {
  Json table = claim_table(">=", 0.3);
  table["precondition"] = {
      {"metric", "rope/distance/test_accuracy"}, {"comparison", ">="}, {"threshold", 0.5}};
  Claim claim = parse_one(table);
  ProbeResult untrained =
      with_metrics({{"rope/distance/max_drop", 0.01}, {"rope/distance/test_accuracy", 0.2}});
  Verdict v = judge(claim, &untrained, "");
  EXPECT_EQ(v.kind, VerdictKind::kInconclusive);
  EXPECT_EQ(v.reason,
            "precondition not met: rope/distance/test_accuracy = 0.2, needs "
            "rope/distance/test_accuracy >= 0.5");

  ProbeResult missing = with_metrics({{"rope/distance/test_accuracy", 0.9}});
  v = judge(claim, &missing, "");
  EXPECT_EQ(v.kind, VerdictKind::kInconclusive);
  EXPECT_FALSE(v.measured);
  EXPECT_EQ(v.reason, "metric rope/distance/max_drop was not measured by probe deposit-pattern");

  v = judge(claim, nullptr, "CUDA out of memory");
  EXPECT_EQ(v.kind, VerdictKind::kInconclusive);
  EXPECT_EQ(v.reason, "probe deposit-pattern failed: CUDA out of memory");
}

TEST(Claims, ComparingTwoMeasurementsOfOneProbe) {
  Json table = {{"id", "softpick-fewer-sinks"},
                {"probe", "deposit-pattern"},
                {"metric", "softpick/sink_rate"},
                {"than", "softmax/sink_rate"},
                {"comparison", "<"}};
  Claim claim = parse_one(table);
  EXPECT_EQ(claim.expect.text(), "softpick/sink_rate - softmax/sink_rate < 0");
  ProbeResult fewer = with_metrics({{"softpick/sink_rate", 0.0}, {"softmax/sink_rate", 0.25}});
  Verdict v = judge(claim, &fewer, "");
  EXPECT_EQ(v.kind, VerdictKind::kCorroborated);
  EXPECT_EQ(*v.measured, -0.25);
  EXPECT_EQ(v.reason,
            "softpick/sink_rate = 0, softmax/sink_rate = 0.25, softpick/sink_rate - "
            "softmax/sink_rate = -0.25, expected softpick/sink_rate - softmax/sink_rate < 0");
  ProbeResult same = with_metrics({{"softpick/sink_rate", 0.0}, {"softmax/sink_rate", 0.0}});
  EXPECT_EQ(judge(claim, &same, "").kind, VerdictKind::kContradicted);
  ProbeResult half = with_metrics({{"softpick/sink_rate", 0.0}});
  v = judge(claim, &half, "");
  EXPECT_EQ(v.kind, VerdictKind::kInconclusive);
  EXPECT_EQ(v.reason, "metric softmax/sink_rate was not measured by probe deposit-pattern");
}

TEST(Claims, MarginTurnsANearMissIntoInconclusive) {
  Json table = claim_table(">=", 0.3);
  table["margin"] = 0.05;
  Claim claim = parse_one(table);
  ProbeResult near = with_metrics({{"rope/distance/max_drop", 0.27}});
  EXPECT_EQ(judge(claim, &near, "").kind, VerdictKind::kInconclusive);
  ProbeResult far = with_metrics({{"rope/distance/max_drop", 0.1}});
  EXPECT_EQ(judge(claim, &far, "").kind, VerdictKind::kContradicted);
}

TEST(Claims, ParseErrorsNameTheKey) {
  Json bad = claim_table("=>", 0.3);
  EXPECT_EQ(parse_error(Json::array({bad})),
            "claims[0].comparison must be one of \"<\", \"<=\", \">\", \">=\", not \"=>\"");
  bad = claim_table(">=", 0.3);
  bad["probe"] = "deposit";
  EXPECT_EQ(parse_error(Json::array({bad})),
            "claims[0].probe \"deposit\" is not one of the configured probes");
  bad = claim_table(">=", 0.3);
  bad["threshold"] = "high";
  EXPECT_EQ(parse_error(Json::array({bad})),
            "claims[0].threshold is required and must be a number");
  bad = claim_table(">=", 0.3);
  bad["treshold"] = 1;
  EXPECT_NE(parse_error(Json::array({bad})).find("unknown key claims[0].treshold"),
            std::string::npos);
  EXPECT_EQ(parse_error(Json::array({claim_table(">=", 0.3), claim_table("<", 1)})),
            "claims[1].id \"c1\" is used twice");
}

TEST(ProbePlan, KindsIdsAndErrors) {
  Json probes = Json::array({{{"probe", "rope-relativity"}, {"dim", 8}},
                             {{"probe", "rope-relativity"}, {"id", "small"}, {"dim", 4}}});
  std::vector<PlannedProbe> plan = plan_probes(probes);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0].id, "rope-relativity");
  EXPECT_EQ(plan[1].id, "small");
  EXPECT_EQ(plan[1].config, Json({{"dim", 4}}));
  EXPECT_EQ(plan[1].path, "probes[1]");

  probes[1].erase("id");
  EXPECT_THROW(plan_probes(probes), std::invalid_argument);
  try {
    plan_probes(Json::array({{{"probe", "rope-relativty"}}}));
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("probes[0].probe \"rope-relativty\" is not a probe"),
              std::string::npos);
  }
}

TEST(Records, ResultSurvivesTheMemoRoundTripIncludingNaN) {
  ProbeResult result;
  result.metrics = {{"a", 0.1}, {"b", std::nan("")}};
  result.curves.push_back({"c", "step", "loss", {0, 1}, {2.5, 1.25}});
  result.tables.push_back({"t", {"layer 0"}, {"head 0", "head 1"}, {{0.5, -0.25}}});
  result.notes = {"tiny"};
  Json once = result_json(result);
  ProbeResult back = result_from_json(Json::parse(once.dump()));
  EXPECT_EQ(result_json(back).dump(), once.dump());
  EXPECT_TRUE(once["metrics"]["b"].is_null());
  EXPECT_TRUE(std::isnan(back.metrics.at("b")));
}

}  // namespace
}  // namespace quire::probe

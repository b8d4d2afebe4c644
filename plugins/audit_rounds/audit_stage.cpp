// audit-rounds: audits the evidence ledger in eight numbered rounds (integrity, source depth, an
// independent re-check of every supported quote against its PDF, locators, the numeric gate,
// taxonomy leakage, probe corroboration, draft consistency) and gives a readiness verdict.
// Writes audit_report.json, audit_report.md and scores.json (docs/audit.md).
#include <nlohmann/json.hpp>
#include <quire/plugin.hpp>

#include "audit.hpp"
#include "stage_inputs.hpp"

namespace quire::audit {
namespace {

using Json = nlohmann::json;

AuditSettings read_settings(Context& ctx) {
  AuditSettings s;
  s.min_verified_share = ctx.get_float("min_verified_share");
  if (!(s.min_verified_share >= 0 && s.min_verified_share <= 1))
    throw StageError("config key 'min_verified_share' must be in [0, 1]");
  s.jaccard = ctx.get_float("jaccard");
  if (!(s.jaccard > 0 && s.jaccard <= 1))
    throw StageError("config key 'jaccard' must be in (0, 1]");
  int64_t cap = ctx.get_int("max_findings_per_round");
  if (cap < 1 || cap > 1000000)
    throw StageError("config key 'max_findings_per_round' must be between 1 and 1000000");
  s.max_findings_per_round = static_cast<size_t>(cap);
  return s;
}

// The report's scores and verdict as scores.json: the engine copies it into production_run.json.
std::string scores_of(const std::string& report_json) {
  Json report = Json::parse(report_json);
  Json scores = report.value("scores", Json::object());
  scores["verdict"] = report.value("verdict", "");
  return scores.dump();
}

class AuditStage final : public Stage {
 public:
  void run(Context& ctx) override {
    AuditSettings settings = read_settings(ctx);
    AuditInputs in = read_ledger_inputs(ctx, ctx.get_string("evidence_stage"));
    AuditOutputs out;
    try {
      out = run_audit(in, settings);
    } catch (const AuditInputError& e) {
      throw StageError(e.what());
    }
    ctx.write_json("audit_report.json", out.report_json);
    ctx.write_blob("audit_report.md", out.report_md);
    ctx.write_json("scores.json", scores_of(out.report_json));
    if (out.verdict != "ready")
      ctx.warn(out.summary);
    else
      ctx.info(out.summary);
  }
};

constexpr quire_config_field kFields[] = {
    {"min_verified_share", QUIRE_CONFIG_FLOAT, 0, "0.5",
     "least share of rows supported by full text for a ready verdict"},
    {"jaccard", QUIRE_CONFIG_FLOAT, 0, "0.6",
     "round 3: least token-set Jaccard of a window that re-finds a quote"},
    {"evidence_stage", QUIRE_CONFIG_STRING, 0, "\"\"",
     "the stage whose evidence.json is audited; empty: the verified one"},
    {"max_findings_per_round", QUIRE_CONFIG_INT, 0, "200",
     "findings listed per round; the rest are summarised in one finding"},
};

}  // namespace
}  // namespace quire::audit

QUIRE_PLUGIN(quire::audit::AuditStage, "audit-rounds", "0.1.0",
             "audits the evidence ledger in numbered rounds and gives a readiness verdict",
             quire::audit::kFields, 0)

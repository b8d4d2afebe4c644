// draft-render: the paper draft (Markdown from replaceable Mustache templates), the evidence
// matrix, the claim ledger, the final audit (round 8 reads the rendered draft), scores.json and
// the dashboard. Everything is computed by the core library (core/); this file finds the inputs
// and writes the outputs (docs/draft.md).
#include <nlohmann/json.hpp>
#include <quire/plugin.hpp>

#include "dashboard.hpp"
#include "draft.hpp"
#include "stage_inputs.hpp"

namespace quire::draft {
namespace {

using Json = nlohmann::json;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Every upstream blob named *.mustache replaces the built-in template of that name.
std::map<std::string, std::string> template_overrides(Context& ctx) {
  std::map<std::string, std::string> out;
  std::map<std::string, std::string> from;
  for (const InputRef& ref : ctx.inputs()) {
    if (!ends_with(ref.name, ".mustache")) continue;
    if (from.count(ref.name))
      throw StageError("template '" + ref.name + "' is given by two stages ('" + from[ref.name] +
                       "' and '" + ref.stage + "')");
    from[ref.name] = ref.stage;
    out[ref.name] = ctx.read(ref.stage, ref.name);
  }
  return out;
}

// A negative setting takes the audit stage's (from its report), else `fallback`.
double audit_setting(Context& ctx, const char* key, const Json& report, double fallback) {
  double value = ctx.get_float(key);
  if (value >= 0) return value;
  Json settings = report.value("settings", Json::object());
  return settings.value(key, Json(fallback)).is_number() ? settings.value(key, fallback) : fallback;
}

DraftSettings read_settings(Context& ctx, const std::optional<audit::NamedInput>& audit_report) {
  DraftSettings s;
  s.title = ctx.get_string("title");
  s.direction = ctx.get_string("direction");
  s.questions = ctx.get_strings("questions");
  s.workflow = ctx.get_string("workflow");
  if (s.workflow.empty()) throw StageError("config key 'workflow' must not be empty");
  s.run_clock = ctx.run_clock();
  Json report = audit_report ? Json::parse(audit_report->text, nullptr, false) : Json::object();
  if (!report.is_object()) report = Json::object();
  s.audit.min_verified_share = audit_setting(ctx, "min_verified_share", report, 0.5);
  if (s.audit.min_verified_share > 1)
    throw StageError("config key 'min_verified_share' must be in [0, 1]");
  s.audit.jaccard = audit_setting(ctx, "jaccard", report, 0.6);
  if (!(s.audit.jaccard > 0 && s.audit.jaccard <= 1))
    throw StageError("config key 'jaccard' must be in (0, 1]");
  int64_t cap = ctx.get_int("max_findings_per_round");
  if (cap < 0)
    cap = report.value("settings", Json::object()).value("max_findings_per_round", int64_t{200});
  if (cap < 1 || cap > 1000000)
    throw StageError("config key 'max_findings_per_round' must be between 1 and 1000000");
  s.audit.max_findings_per_round = static_cast<size_t>(cap);
  return s;
}

class DraftStage final : public Stage {
 public:
  void run(Context& ctx) override {
    audit::AuditInputs ledger = audit::read_ledger_inputs(ctx, ctx.get_string("evidence_stage"));
    DraftInputs in;
    in.papers = ledger.papers;
    in.evidence = ledger.evidence;
    in.triage = ledger.triage;
    in.probes = ledger.probes;
    in.probe_evidence = ledger.probe_evidence;
    in.read_pdf = ledger.read_pdf;
    in.audit_report = audit::optional_input(ctx, "audit_report.json");
    in.templates = template_overrides(ctx);
    DraftSettings settings = read_settings(ctx, in.audit_report);

    DraftOutputs out;
    try {
      out = render_draft(in, settings);
    } catch (const DraftError& e) {
      throw StageError(e.what());
    }
    ctx.write_blob("draft.md", out.draft_md);
    ctx.write_json("draft_model.json", out.model_json);
    ctx.write_blob("evidence_matrix.csv", out.evidence_matrix_csv);
    ctx.write_blob("claims.csv", out.claims_csv);
    ctx.write_json("audit_report.json", out.audit_report_json);
    ctx.write_blob("audit_report.md", out.audit_report_md);
    ctx.write_json("scores.json", out.scores_json);
    write_dashboard(ctx, in, settings, out);

    if (out.round8_errors > 0)
      ctx.warn("draft-render: round 8 found " + std::to_string(out.round8_errors) +
               " number(s) in draft.md that disagree with the ledger (see audit_report.md); "
               "a replaced template may state a number by hand");
    if (out.verdict != "ready")
      ctx.warn(out.summary);
    else
      ctx.info(out.summary);
  }

 private:
  static void write_dashboard(Context& ctx, const DraftInputs& in, const DraftSettings& settings,
                              const DraftOutputs& out) {
    DashboardInputs d;
    d.title = settings.title.empty() ? "Evidence ledger draft" : settings.title;
    d.papers_json = in.papers.text;
    d.evidence_json = in.evidence.text;
    d.triage_json = in.triage ? in.triage->text : "";
    d.probes_json = in.probes ? in.probes->text : "";
    d.probe_evidence_json = in.probe_evidence ? in.probe_evidence->text : "";
    d.audit_report_json = out.audit_report_json;
    d.read_pdf = in.read_pdf;
    DashboardSettings ds;
    ds.crop_dpi = ctx.get_float("crop_dpi");
    if (!(ds.crop_dpi >= 10 && ds.crop_dpi <= 600))
      throw StageError("config key 'crop_dpi' must be between 10 and 600");
    int64_t crops = ctx.get_int("max_crops");
    if (crops < 0 || crops > 100000)
      throw StageError("config key 'max_crops' must be between 0 and 100000");
    ds.max_crops = static_cast<size_t>(crops);
    try {
      ctx.write_blob("dashboard.html", render_dashboard(d, ds));
    } catch (const DashboardInputError& e) {
      throw StageError(e.what());
    }
  }
};

constexpr quire_config_field kFields[] = {
    {"title", QUIRE_CONFIG_STRING, 0, "\"\"",
     "the draft's title; empty: \"Evidence ledger draft\""},
    {"direction", QUIRE_CONFIG_STRING, 0, "\"\"", "the research direction, one sentence"},
    {"questions", QUIRE_CONFIG_STRING_LIST, 0, "[]",
     "research questions; empty: the draft asks the ledger's generic ones"},
    {"workflow", QUIRE_CONFIG_STRING, 0, "\"WORKFLOW.toml\"",
     "the workflow file named in the draft's rerun command"},
    {"evidence_stage", QUIRE_CONFIG_STRING, 0, "\"\"",
     "the stage whose evidence.json is drafted; empty: the verified one"},
    {"min_verified_share", QUIRE_CONFIG_FLOAT, 0, "-1",
     "audit: least verified share for a ready verdict; negative: the audit stage's, else 0.5"},
    {"jaccard", QUIRE_CONFIG_FLOAT, 0, "-1",
     "audit round 3's window threshold; negative: the audit stage's, else 0.6"},
    {"max_findings_per_round", QUIRE_CONFIG_INT, 0, "-1",
     "audit findings listed per round; negative: the audit stage's, else 200"},
    {"crop_dpi", QUIRE_CONFIG_FLOAT, 0, "110", "dashboard: resolution of the quote crops"},
    {"max_crops", QUIRE_CONFIG_INT, 0, "200", "dashboard: quotes shown on a crop of their page"},
};

}  // namespace
}  // namespace quire::draft

QUIRE_PLUGIN(quire::draft::DraftStage, "draft-render", "0.1.0",
             "renders the paper draft, evidence matrix, claim ledger, final audit and dashboard",
             quire::draft::kFields, 0)

#include "stage_inputs.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace quire::audit {
namespace {

using Json = nlohmann::json;

std::string stage_list(const std::vector<InputRef>& refs) {
  std::string s;
  for (const auto& r : refs) s += (s.empty() ? "'" : ", '") + r.stage + "'";
  return s;
}

// True when the rows carry verify's fields (a verified ledger rather than seed's).
bool looks_verified(const std::string& evidence) {
  Json rows = Json::parse(evidence, nullptr, false);
  if (!rows.is_array()) return false;
  for (const Json& row : rows)
    if (row.is_object() && (row.contains("full_text_checked_at") || row.contains("match_method")))
      return true;
  return false;
}

}  // namespace

std::optional<NamedInput> optional_input(Context& ctx, const char* name) {
  std::vector<InputRef> refs = ctx.inputs_named(name);
  if (refs.empty()) return std::nullopt;
  if (refs.size() > 1)
    throw StageError(std::string("several stages give ") + name + " (" + stage_list(refs) + ")");
  return NamedInput{refs[0].stage, ctx.read(refs[0].stage, refs[0].name)};
}

NamedInput pick_evidence(Context& ctx, const std::string& wanted_stage,
                         const std::string& config_key) {
  std::vector<InputRef> refs = ctx.inputs_named("evidence.json");
  if (!wanted_stage.empty()) {
    for (const auto& r : refs)
      if (r.stage == wanted_stage) return {r.stage, ctx.read(r.stage, r.name)};
    throw StageError("config key '" + config_key + "': stage '" + wanted_stage +
                     "' gives no evidence.json among the inputs");
  }
  if (refs.empty())
    throw StageError("no evidence.json among the inputs: list seed or verify in 'needs'");
  if (refs.size() == 1) return {refs[0].stage, ctx.read(refs[0].stage, refs[0].name)};
  std::vector<NamedInput> verified;
  for (const auto& r : refs) {
    std::string text = ctx.read(r.stage, r.name);
    if (looks_verified(text)) verified.push_back({r.stage, std::move(text)});
  }
  if (verified.size() == 1) return verified[0];
  throw StageError("several stages give evidence.json (" + stage_list(refs) +
                   "); set config key '" + config_key + "' to choose one");
}

AuditInputs read_ledger_inputs(Context& ctx, const std::string& evidence_stage) {
  AuditInputs in;
  std::optional<NamedInput> papers = optional_input(ctx, "papers.json");
  if (!papers) throw StageError("no papers.json among the inputs: list the fetch stage in 'needs'");
  in.papers = *papers;
  in.evidence = pick_evidence(ctx, evidence_stage, "evidence_stage");
  in.triage = optional_input(ctx, "triage.json");
  in.probes = optional_input(ctx, "probes.json");
  in.probe_evidence = optional_input(ctx, "probe_evidence.json");
  in.draft = optional_input(ctx, "draft.md");
  std::string fetch = in.papers.stage;
  in.read_pdf = [&ctx, fetch](const std::string& output) -> std::optional<std::string> {
    try {
      return ctx.read(fetch, output);
    } catch (const StageError&) {
      return std::nullopt;
    }
  };
  return in;
}

}  // namespace quire::audit

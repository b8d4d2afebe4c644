#include "proof/draft_inputs.hpp"

#include "util/digest.hpp"
#include "util/files.hpp"
#include "util/json.hpp"

namespace quire {

namespace {

namespace fs = std::filesystem;

// The digest the run recorded for `stage`'s output `name`; empty when it recorded none.
std::string recorded_digest(const RunLayout& run, const std::string& stage,
                            const std::string& name) {
  for (const auto& s : run.stages)
    if (s.id == stage)
      for (const auto& o : s.outputs)
        if (o.name == name) return o.digest;
  return "";
}

}  // namespace

std::optional<DraftInputs> find_draft_inputs(const RunLayout& run) {
  auto stage = run.last_stage_with("draft.md");
  if (!stage || !is_safe_name(*stage)) return std::nullopt;
  DraftInputs in;
  in.draft_path = *stage + "/draft.md";
  auto draft = read_file(run.dir / in.draft_path);
  if (!draft) {
    in.problems.push_back("cannot read " + in.draft_path);
    return in;
  }
  in.draft_text = std::move(*draft);
  in.draft_edited = digest_of(in.draft_text) != recorded_digest(run, *stage, "draft.md");

  // The final audit beside the draft names the stage each ledger input came from.
  auto report_text = read_file(run.dir / *stage / "audit_report.json");
  Json report = report_text ? Json::parse(*report_text, nullptr, false) : Json();
  if (!report.is_object() || !report.value("inputs", Json()).is_object()) {
    in.problems.push_back("no audit_report.json with an 'inputs' map beside " + in.draft_path +
                          ": cannot tell which ledger the draft was rendered from");
    return in;
  }
  // It also holds the audit's rounds, verdict and proof score, which the draft states.
  if (digest_of(*report_text) != recorded_digest(run, *stage, "audit_report.json"))
    in.problems.push_back(*stage + "/audit_report.json differs from what the run wrote");
  in.audit_report = std::move(*report_text);
  for (const auto& [name, from] : report["inputs"].items()) {
    if (name == "draft.md" || !from.is_string()) continue;
    std::string from_stage = from.get<std::string>();
    if (!is_safe_name(from_stage) || !is_safe_name(name)) {
      in.problems.push_back("audit_report.json names an unsafe input '" + from_stage + "/" + name +
                            "'");
      continue;
    }
    std::string relative = from_stage + "/" + name;
    auto text = read_file(run.dir / relative);
    if (!text) {
      in.problems.push_back("cannot read " + relative);
      continue;
    }
    if (digest_of(*text) != recorded_digest(run, from_stage, name))
      in.problems.push_back(relative + " differs from what the run wrote");
    in.ledger[name] = {from_stage, std::move(*text)};
  }
  return in;
}

}  // namespace quire

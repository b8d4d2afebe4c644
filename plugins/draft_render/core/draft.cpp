// render_draft: the ledger view, the audit the draft describes (rounds 1-7), the model, the
// templates; then the final audit with round 8 reading the rendered draft, and the files.
#include "draft.hpp"

#include "model.hpp"

namespace quire::draft {
namespace {

audit::AuditInputs audit_inputs(const DraftInputs& in) {
  audit::AuditInputs a;
  a.papers = in.papers;
  a.evidence = in.evidence;
  a.triage = in.triage;
  a.probes = in.probes;
  a.probe_evidence = in.probe_evidence;
  a.read_pdf = in.read_pdf;
  return a;
}

audit::AuditOutputs audit_or_throw(const audit::AuditInputs& in, const audit::AuditSettings& s) {
  try {
    return audit::run_audit(in, s);
  } catch (const audit::AuditInputError& e) {
    throw DraftError(e.what());
  }
}

// scores.json: numbers only; a score that does not apply (no supported row, no probe) is left
// out rather than written as null.
std::string scores_json(const Json& report) {
  Json scores = report.value("scores", Json::object()), out = Json::object();
  for (const char* key : {"verified_share", "proof_score", "corroboration_share"})
    if (scores.value(key, Json()).is_number()) out[key] = scores[key];
  Json counts = report.value("counts", Json::object());
  out["findings_error"] = counts.value("error", 0);
  out["findings_warning"] = counts.value("warning", 0);
  return out.dump(2) + "\n";
}

size_t round8_errors(const Json& report) {
  for (const Json& r : report.value("rounds", Json::array()))
    if (r.value("round", 0) == 8) return r.value("counts", Json::object()).value("error", 0);
  return 0;
}

}  // namespace

DraftOutputs render_draft(const DraftInputs& in, const DraftSettings& settings) {
  LedgerView view = load_view(in);
  audit::AuditInputs a = audit_inputs(in);

  // The audit the draft describes: the audit stage's, else our own run without a draft.
  Json described;
  std::string source;
  if (in.audit_report) {
    described = Json::parse(in.audit_report->text, nullptr, false);
    if (!described.is_object())
      throw DraftError("audit_report.json (from stage '" + in.audit_report->stage +
                       "') is not a JSON object");
    source = "the audit stage '" + in.audit_report->stage + "'";
  } else {
    described = Json::parse(audit_or_throw(a, settings.audit).report_json);
    source = "draft-render's own audit run";
  }

  DraftOutputs out;
  Json model = build_model(view, described, source, settings);
  out.model_json = model.dump(2) + "\n";
  out.draft_md = render_templates(model, in.templates);

  a.draft = audit::NamedInput{"draft-render", out.draft_md};
  audit::AuditOutputs final_audit = audit_or_throw(a, settings.audit);
  Json report = Json::parse(final_audit.report_json);
  out.audit_report_json = final_audit.report_json;
  out.audit_report_md = final_audit.report_md;
  out.verdict = final_audit.verdict;
  out.summary = final_audit.summary;
  out.round8_errors = round8_errors(report);
  out.scores_json = scores_json(report);
  out.evidence_matrix_csv = evidence_matrix_csv(view);
  out.claims_csv = claims_csv(view, report);
  return out;
}

}  // namespace quire::draft

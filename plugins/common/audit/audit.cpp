// Runs the rounds in order, then decides the verdict and the scores and writes the report.
#include "audit.hpp"

#include <cmath>

#include "rounds.hpp"

namespace quire::audit {
namespace {

Json rounded(double value) { return std::round(value * 10000.0) / 10000.0; }

Json ratio(size_t part, size_t whole) {
  return whole == 0 ? Json(nullptr)
                    : rounded(static_cast<double>(part) / static_cast<double>(whole));
}

// The round as JSON, its findings cut at `cap` with one finding that counts the rest.
Json round_json(const Round& r, size_t cap) {
  Json findings = Json::array();
  size_t omitted = 0, omitted_errors = 0, omitted_warnings = 0;
  for (const Finding& f : r.findings) {
    if (findings.size() >= cap) {
      ++omitted;
      omitted_errors += f.severity == "error";
      omitted_warnings += f.severity == "warning";
      continue;
    }
    findings.push_back({{"round", r.number},
                        {"check", f.check},
                        {"severity", f.severity},
                        {"subject", f.subject},
                        {"message", f.message}});
  }
  if (omitted > 0)
    findings.push_back({{"round", r.number},
                        {"check", "findings-omitted"},
                        {"severity", omitted_errors     ? "error"
                                     : omitted_warnings ? "warning"
                                                        : "info"},
                        {"subject", nullptr},
                        {"message", std::to_string(omitted) + " more findings not listed (" +
                                        std::to_string(omitted_errors) + " errors, " +
                                        std::to_string(omitted_warnings) + " warnings)"}});
  return {
      {"round", r.number},
      {"name", r.name},
      {"title", r.title},
      {"summary", r.summary},
      {"counts",
       {{"error", r.count("error")}, {"warning", r.count("warning")}, {"info", r.count("info")}}},
      {"findings", findings}};
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

Json input_stages(const AuditInputs& in) {
  auto stage = [](const std::optional<NamedInput>& i) {
    return i ? Json(i->stage) : Json(nullptr);
  };
  return {{"papers.json", in.papers.stage},
          {"evidence.json", in.evidence.stage},
          {"triage.json", stage(in.triage)},
          {"probes.json", stage(in.probes)},
          {"probe_evidence.json", stage(in.probe_evidence)},
          {"draft.md", stage(in.draft)}};
}

// The verdict over `rounds`, with the reasons a reader needs.
struct Judgement {
  std::string verdict;
  std::vector<std::string> reasons;
  size_t errors = 0, warnings = 0, infos = 0;
};

Judgement judge(const std::vector<Round>& rounds, double verified_share,
                const AuditSettings& settings) {
  Judgement j;
  for (const Round& r : rounds) {
    size_t e = r.count("error"), w = r.count("warning");
    j.errors += e;
    j.warnings += w;
    j.infos += r.count("info");
    if (e + w == 0) continue;
    std::string what = e && w ? plural(e, "error") + ", " + plural(w, "warning")
                       : e    ? plural(e, "error")
                              : plural(w, "warning");
    j.reasons.push_back("round " + std::to_string(r.number) + " (" + r.name + "): " + what);
  }
  bool low_share = verified_share < settings.min_verified_share;
  if (low_share)
    j.reasons.push_back("verified share " + rounded(verified_share).dump() +
                        " is below min_verified_share " +
                        rounded(settings.min_verified_share).dump());
  j.verdict = j.errors ? "blocked" : (j.warnings || low_share) ? "needs-work" : "ready";
  if (j.reasons.empty())
    j.reasons.push_back("no errors or warnings; verified share meets the minimum");
  return j;
}

}  // namespace

AuditOutputs run_audit(const AuditInputs& inputs, const AuditSettings& settings) {
  Ledger ledger = load_ledger(inputs);
  std::vector<Round> rounds;
  rounds.push_back(round_integrity(ledger));
  rounds.push_back(round_source_depth(ledger));
  rounds.push_back(round_quotes(ledger, inputs, settings));
  rounds.push_back(round_locators(ledger));
  rounds.push_back(round_numeric_gate(ledger));
  rounds.push_back(round_taxonomy(ledger));
  rounds.push_back(round_probes(ledger));

  size_t rows = ledger.rows.size(), supported = 0, supported_full = 0;
  for (const Json& row : ledger.rows) {
    bool s = text_of(row, "status") == "supported";
    supported += s;
    supported_full += s && text_of(row, "source_depth") == "full-text";
  }
  size_t proof_passed = rounds[2].summary["passed"].get<size_t>();
  size_t claims = ledger.probe_claims.size(),
         corroborated = rounds[6].summary["corroborated"].get<size_t>();
  double verified_share =
      rows ? static_cast<double>(supported_full) / static_cast<double>(rows) : 0;
  Json proof_score = ratio(proof_passed, supported);

  // Round 8 reads the draft, which states the verdict of rounds 1-7.
  std::string before_draft = judge(rounds, verified_share, settings).verdict;
  AuditFacts facts = facts_of(
      rounds, before_draft,
      proof_score.is_number() ? std::optional<double>(proof_score.get<double>()) : std::nullopt,
      settings.min_verified_share);
  rounds.push_back(round_draft(ledger, &facts));
  Judgement j = judge(rounds, verified_share, settings);

  Json round_list = Json::array();
  for (const Round& r : rounds)
    round_list.push_back(round_json(r, settings.max_findings_per_round));
  Json report = {{"audit_version", 1},
                 {"inputs", input_stages(inputs)},
                 {"verdict", j.verdict},
                 {"verdict_before_draft", before_draft},
                 {"reasons", j.reasons},
                 {"counts", {{"error", j.errors}, {"warning", j.warnings}, {"info", j.infos}}},
                 {"scores",
                  {{"verified_share", rounded(verified_share)},
                   {"proof_score", proof_score},
                   {"corroboration_share", ratio(corroborated, claims)},
                   {"rows", rows},
                   {"supported", supported},
                   {"supported_full_text", supported_full},
                   {"proof_passed", proof_passed},
                   {"probe_claims", claims},
                   {"corroborated", corroborated}}},
                 {"settings",
                  {{"min_verified_share", settings.min_verified_share},
                   {"jaccard", settings.jaccard},
                   {"max_findings_per_round", settings.max_findings_per_round}}},
                 {"rounds", round_list}};

  AuditOutputs out;
  out.report_json = report.dump(2) + "\n";
  out.report_md = render_markdown(report);
  out.verdict = j.verdict;
  out.summary = "audit: " + j.verdict + " (" + plural(j.errors, "error") + ", " +
                plural(j.warnings, "warning") + "); verified share " +
                rounded(verified_share).dump() + ", " + std::to_string(proof_passed) + " of " +
                std::to_string(supported) + " supported rows re-verified";
  return out;
}

DraftCheck check_draft(const AuditInputs& inputs, const std::optional<std::string>& report_json) {
  if (!inputs.draft) throw AuditInputError("no draft.md to check");
  std::optional<AuditFacts> facts;
  if (report_json) {
    Json report = Json::parse(*report_json, nullptr, false);
    if (!report.is_object()) throw AuditInputError("audit_report.json is not a JSON object");
    facts = facts_from_report(report);
  }
  Round r = round_draft(load_ledger(inputs), facts ? &*facts : nullptr);
  DraftCheck check;
  check.statements_checked = r.summary.value("statements_checked", size_t{0});
  for (const Finding& f : r.findings)
    if (f.severity == "error") check.mismatches.push_back(f.message);
  return check;
}

}  // namespace quire::audit

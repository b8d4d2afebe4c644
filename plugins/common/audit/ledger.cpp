// Loading the inputs, and the rounds that read only the ledger's fields: integrity (1), source
// depth (2), locators (4), the numeric/comparative gate (5) and taxonomy leakage (6).
#include <cmath>
#include <set>

#include "rounds.hpp"

namespace quire::audit {
namespace {

// A probe claim's measured value as text: a string as it is, anything else as JSON.
std::string measured_text(const Json& claim) {
  auto it = claim.find("measured");
  if (it == claim.end() || it->is_null()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

Json parse_input(const NamedInput& input, const char* name) {
  try {
    return Json::parse(input.text);
  } catch (const Json::parse_error& e) {
    throw AuditInputError(std::string(name) + " (from stage '" + input.stage +
                          "') is not valid JSON: " + e.what());
  }
}

Json parse_array_of_objects(const NamedInput& input, const char* name) {
  Json value = parse_input(input, name);
  if (!value.is_array())
    throw AuditInputError(std::string(name) + " (from stage '" + input.stage +
                          "') must be a JSON array");
  for (size_t i = 0; i < value.size(); ++i)
    if (!value[i].is_object())
      throw AuditInputError(std::string(name) + " (from stage '" + input.stage + "'): entry " +
                            std::to_string(i) + " is not an object");
  return value;
}

std::string subject_of(const Json& row) {
  std::string id = text_of(row, "row_id");
  return id.empty() ? "(row without row_id)" : id;
}

std::string percent(size_t part, size_t whole) {
  if (whole == 0) return "0%";
  double p = std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
  std::string s = std::to_string(p);
  s.erase(s.find('.') + 2);
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.erase(s.size() - 2);
  return s + "%";
}

double share(size_t part, size_t whole) {
  if (whole == 0) return 0;
  return std::round(10000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10000.0;
}

bool is_supported(const Json& row) { return text_of(row, "status") == "supported"; }

}  // namespace

size_t Round::count(const std::string& severity) const {
  size_t n = 0;
  for (const Finding& f : findings) n += f.severity == severity;
  return n;
}

std::string text_of(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool flag_of(const Json& object, const char* outer, const char* inner) {
  auto it = object.find(outer);
  if (it == object.end() || !it->is_object()) return false;
  auto flag = it->find(inner);
  return flag != it->end() && flag->is_boolean() && flag->get<bool>();
}

Ledger load_ledger(const AuditInputs& inputs) {
  Ledger ledger;
  ledger.papers = parse_array_of_objects(inputs.papers, "papers.json");
  for (size_t i = 0; i < ledger.papers.size(); ++i)
    ledger.paper_index.emplace(text_of(ledger.papers[i], "id"), i);
  ledger.rows = parse_array_of_objects(inputs.evidence, "evidence.json");
  if (inputs.triage) {
    ledger.has_triage = true;
    for (const Json& entry : parse_array_of_objects(*inputs.triage, "triage.json"))
      ledger.triage_fit[text_of(entry, "paper_id")] = text_of(entry, "fit");
  }
  if (inputs.probe_evidence) {
    ledger.has_probes = true;
    for (const Json& row : parse_array_of_objects(*inputs.probe_evidence, "probe_evidence.json"))
      ledger.probe_claims.push_back({text_of(row, "claim_id"), text_of(row, "status"),
                                     text_of(row, "reason"), measured_text(row)});
  } else if (inputs.probes) {
    Json probes = parse_input(*inputs.probes, "probes.json");
    if (!probes.is_object() || !probes.contains("verdicts") || !probes["verdicts"].is_array())
      throw AuditInputError("probes.json (from stage '" + inputs.probes->stage +
                            "') has no 'verdicts' array");
    ledger.has_probes = true;
    for (const Json& v : probes["verdicts"])
      if (v.is_object())
        ledger.probe_claims.push_back(
            {text_of(v, "id"), text_of(v, "verdict"), text_of(v, "reason"), measured_text(v)});
  }
  if (inputs.draft) ledger.draft = inputs.draft->text;
  return ledger;
}

Round round_integrity(const Ledger& ledger) {
  Round r{1, "ledger-integrity", "Ledger integrity", {}, Json::object()};
  std::set<std::string> seen;
  size_t unknown = 0, duplicates = 0, untriaged = 0, empty = 0;
  for (const Json& row : ledger.rows) {
    std::string id = text_of(row, "row_id"), paper = text_of(row, "paper_id");
    if (id.empty()) r.add("missing-row-id", "error", nullptr, "a row has no row_id");
    if (!id.empty() && !seen.insert(id).second) {
      ++duplicates;
      r.add("duplicate-row-id", "error", id, "row_id " + id + " appears more than once");
    }
    if (!ledger.paper_index.count(paper)) {
      ++unknown;
      r.add("unknown-paper", "error", subject_of(row),
            "paper '" + paper + "' is not in papers.json");
    } else if (ledger.has_triage && !ledger.triage_fit.count(paper)) {
      ++untriaged;
      r.add("paper-not-triaged", "warning", subject_of(row),
            "paper " + paper + " is not in triage.json");
    }
    for (const char* field : {"claim", "source_quote"})
      if (text_of(row, field).find_first_not_of(" \t\r\n") == std::string::npos) {
        ++empty;
        r.add("empty-text", "error", subject_of(row), std::string(field) + " is empty");
      }
  }
  r.summary = {{"rows", ledger.rows.size()},         {"papers", ledger.papers.size()},
               {"duplicate_row_ids", duplicates},    {"unknown_papers", unknown},
               {"rows_not_in_triage", untriaged},    {"empty_texts", empty},
               {"triage_present", ledger.has_triage}};
  return r;
}

Round round_source_depth(const Ledger& ledger) {
  Round r{2, "source-depth", "Source depth", {}, Json::object()};
  std::map<std::string, size_t> depth;
  for (const Json& row : ledger.rows) {
    std::string d = text_of(row, "source_depth");
    ++depth[d.empty() ? "unknown" : d];
  }
  size_t probe_rows = ledger.probe_claims.size() + depth["probe"];
  size_t total = ledger.rows.size() + ledger.probe_claims.size();
  size_t abstract = depth["abstract"], full = depth["full-text"];
  size_t other = ledger.rows.size() - abstract - full - depth["probe"];
  r.add("abstract-rows", "info", nullptr,
        std::to_string(abstract) + " of " + std::to_string(total) + " rows (" +
            percent(abstract, total) + ") rest on an abstract only");
  r.add("full-text-rows", "info", nullptr,
        std::to_string(full) + " of " + std::to_string(total) + " rows (" + percent(full, total) +
            ") were checked against full text");
  r.add("probe-rows", "info", nullptr,
        std::to_string(probe_rows) + " of " + std::to_string(total) + " rows (" +
            percent(probe_rows, total) + ") come from probes");
  if (other > 0)
    r.add("other-depth", "info", nullptr,
          std::to_string(other) + " rows have another or no source_depth");
  r.summary = {{"rows", total},
               {"abstract", abstract},
               {"full_text", full},
               {"probe", probe_rows},
               {"other", other},
               {"abstract_share", share(abstract, total)},
               {"full_text_share", share(full, total)},
               {"probe_share", share(probe_rows, total)}};
  return r;
}

Round round_locators(const Ledger& ledger) {
  Round r{4, "locators", "Locators", {}, Json::object()};
  size_t supported = 0, complete = 0;
  for (const Json& row : ledger.rows) {
    if (!is_supported(row)) continue;
    ++supported;
    bool ok = true;
    const Json* loc =
        row.contains("locators") && row["locators"].is_object() ? &row["locators"] : nullptr;
    if (!loc || !loc->contains("page") || !(*loc)["page"].is_number_integer() ||
        (*loc)["page"].get<int64_t>() < 1) {
      ok = false;
      r.add("missing-page", "error", subject_of(row), "supported row without a page locator");
    }
    if (!loc || !loc->contains("section") || !(*loc)["section"].is_string()) {
      ok = false;
      r.add("missing-section", "warning", subject_of(row),
            "supported row without a section locator");
    }
    if (text_of(row, "full_text_checked_at").empty()) {
      ok = false;
      r.add("missing-checked-at", "error", subject_of(row),
            "supported row without full_text_checked_at");
    }
    complete += ok;
  }
  r.summary = {{"supported", supported}, {"complete", complete}};
  return r;
}

Round round_numeric_gate(const Ledger& ledger) {
  Round r{5, "numeric-gate", "Numeric and comparative claims", {}, Json::object()};
  size_t flagged = 0, full = 0, blocked = 0, weak_anchors = 0;
  for (const Json& row : ledger.rows) {
    bool numeric = flag_of(row, "flags", "numeric"),
         comparative = flag_of(row, "flags", "comparative");
    if (!numeric && !comparative) continue;
    ++flagged;
    std::string kind = numeric && comparative ? "numeric and comparative"
                       : numeric              ? "numeric"
                                              : "comparative";
    std::string depth = text_of(row, "source_depth");
    if (depth == "full-text" || depth == "probe") {
      ++full;
    } else if (is_supported(row)) {
      ++blocked;
      r.add("supported-without-full-text", "error", subject_of(row),
            kind + " claim marked supported with source_depth '" + depth +
                "': such claims need full-text support");
    } else if (text_of(row, "role") == "anchor") {
      ++weak_anchors;
      r.add("anchor-abstract-only", "warning", subject_of(row),
            kind + " anchor claim rests on the abstract only (status '" + text_of(row, "status") +
                "')");
    }
  }
  r.summary = {{"flagged", flagged},
               {"full_text_or_probe", full},
               {"supported_without_full_text", blocked},
               {"anchors_abstract_only", weak_anchors}};
  return r;
}

Round round_taxonomy(const Ledger& ledger) {
  Round r{6, "taxonomy-leakage", "Taxonomy leakage", {}, Json::object()};
  size_t weak = 0, out = 0;
  for (const Json& row : ledger.rows) {
    std::string paper = text_of(row, "paper_id");
    auto fit_it = ledger.triage_fit.find(paper);
    std::string fit =
        fit_it != ledger.triage_fit.end() ? fit_it->second : text_of(row, "taxonomy_fit");
    if (fit != "weak-scope" && fit != "out-of-scope") continue;
    bool anchor = text_of(row, "role") == "anchor";
    if (!is_supported(row) && !anchor) continue;
    std::string use = anchor && is_supported(row) ? "a supported anchor"
                      : anchor                    ? "an anchor"
                                                  : "supported";
    bool is_out = fit == "out-of-scope";
    (is_out ? out : weak) += 1;
    r.add(is_out ? "out-of-scope-support" : "weak-scope-support", is_out ? "error" : "warning",
          subject_of(row), "row of " + fit + " paper " + paper + " is " + use);
  }
  r.summary = {{"weak_scope_used", weak}, {"out_of_scope_used", out}};
  return r;
}

}  // namespace quire::audit

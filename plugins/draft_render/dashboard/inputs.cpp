#include "inputs.hpp"

namespace quire::draft::dash {
namespace {

using nlohmann::json;

json parse(const std::string& text, const char* name) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw DashboardInputError(std::string("dashboard: ") + name + " is not JSON: " + e.what());
  }
}

[[noreturn]] void shape(const char* name, const std::string& what) {
  throw DashboardInputError(std::string("dashboard: ") + name + ": " + what);
}

// A list of objects; some stages wrap it as {"rows": [...]} or {"papers": [...]}.
const json& object_list(const json& j, const char* name, const char* wrapper) {
  const json& list = j.is_object() && j.contains(wrapper) ? j.at(wrapper) : j;
  if (!list.is_array()) shape(name, "expected a list of objects");
  for (size_t i = 0; i < list.size(); ++i)
    if (!list[i].is_object()) shape(name, "entry " + std::to_string(i) + " is not an object");
  return list;
}

std::vector<WordBox> boxes_of(const json& row) {
  std::vector<WordBox> boxes;
  auto locators = row.find("locators");
  if (locators == row.end() || !locators->is_object()) return boxes;
  auto list = locators->find("boxes");
  if (list == locators->end() || !list->is_array()) return boxes;
  for (const json& b : *list) {
    if (!b.is_object() || !b.value("page", json()).is_number_integer()) continue;
    WordBox box{b["page"].get<int>(), number_of(b, "x"), number_of(b, "y"), number_of(b, "width"),
                number_of(b, "height")};
    if (std::isfinite(box.x) && std::isfinite(box.y) && std::isfinite(box.width) &&
        std::isfinite(box.height))
      boxes.push_back(box);
  }
  return boxes;
}

Row evidence_row(const json& j, const std::map<std::string, std::string>& fits) {
  Row row;
  row.row_id = text_of(j, "row_id");
  row.paper_id = text_of(j, "paper_id");
  row.title = text_of(j, "title");
  row.fit = text_of(j, "taxonomy_fit");
  if (row.fit.empty()) {
    auto fit = fits.find(row.paper_id);
    row.fit = fit != fits.end() ? fit->second : "unknown";
  }
  row.status = text_of(j, "status");
  row.depth = text_of(j, "source_depth");
  row.claim = text_of(j, "claim");
  row.quote = text_of(j, "source_quote");
  row.match_method = text_of(j, "match_method");
  row.match_score = number_of(j, "match_score");
  if (j.contains("locators") && j["locators"].is_object()) {
    const json& loc = j["locators"];
    if (loc.value("page", json()).is_number_integer()) row.page = loc["page"].get<int>();
    row.section = text_of(loc, "section");
  }
  row.boxes = boxes_of(j);
  return row;
}

Row probe_row(const json& j) {
  Row row;
  row.probe = true;
  row.row_id = text_of(j, "row_id");
  row.paper_id = text_of(j, "paper_id");
  row.title = text_of(j, "source");
  row.fit = "probe";
  row.status = text_of(j, "status");
  row.depth = text_of(j, "source_depth");
  row.claim = text_of(j, "claim");
  row.probe_reason = text_of(j, "reason");
  return row;
}

}  // namespace

std::string text_of(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number() || it->is_boolean()) return it->dump();
  return "";
}

double number_of(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}

Model parse_inputs(const DashboardInputs& inputs) {
  Model model;
  json papers = parse(inputs.papers_json, "papers.json");
  for (const json& p : object_list(papers, "papers.json", "papers")) {
    Paper paper{text_of(p, "id"),         text_of(p, "title"),      text_of(p, "abs_url"),
                text_of(p, "pdf_output"), text_of(p, "pdf_status"), text_of(p, "pdf_error")};
    model.paper_index.emplace(paper.id, model.papers.size());
    std::string base = text_of(p, "base_id");
    if (!base.empty()) model.paper_index.emplace(base, model.papers.size());
    model.papers.push_back(std::move(paper));
  }
  std::map<std::string, std::string> fits;
  if (!inputs.triage_json.empty()) {
    json triage = parse(inputs.triage_json, "triage.json");
    for (const json& t : object_list(triage, "triage.json", "papers"))
      fits.emplace(text_of(t, "paper_id"), text_of(t, "fit"));
    model.has_triage = true;
  }
  json evidence = parse(inputs.evidence_json, "evidence.json");
  for (const json& r : object_list(evidence, "evidence.json", "rows")) {
    if (!r.value("row_id", json()).is_string())
      shape("evidence.json", "a row has no string row_id");
    model.rows.push_back(evidence_row(r, fits));
  }
  if (!inputs.probe_evidence_json.empty()) {
    json probe = parse(inputs.probe_evidence_json, "probe_evidence.json");
    for (const json& r : object_list(probe, "probe_evidence.json", "rows")) {
      if (!r.value("row_id", json()).is_string())
        shape("probe_evidence.json", "a row has no string row_id");
      model.rows.push_back(probe_row(r));
    }
    model.has_probe_evidence = true;
  }
  if (!inputs.probes_json.empty()) {
    model.probes = parse(inputs.probes_json, "probes.json");
    if (!model.probes.is_object() || !model.probes.value("probes", json()).is_array())
      shape("probes.json", "expected an object with a \"probes\" list");
  }
  if (!inputs.audit_report_json.empty()) {
    model.audit = parse(inputs.audit_report_json, "audit_report.json");
    if (!model.audit.is_object() || !model.audit.value("rounds", json()).is_array())
      shape("audit_report.json", "expected an object with a \"rounds\" list");
  }
  return model;
}

}  // namespace quire::draft::dash

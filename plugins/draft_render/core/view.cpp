// The inputs as typed records. Shape errors name the input and the stage it came from; absent
// optional fields read as empty, since seed's rows lack verify's fields.
#include <cctype>
#include <set>

#include "model.hpp"
#include "plugin_common/arxiv_ref.hpp"

namespace quire::draft {
namespace {

std::string where(const char* name, const audit::NamedInput& in) {
  return std::string(name) + " (from stage '" + in.stage + "')";
}

Json parse(const char* name, const audit::NamedInput& in) {
  Json value = Json::parse(in.text, nullptr, false);
  if (value.is_discarded()) throw DraftError(where(name, in) + " is not valid JSON");
  return value;
}

Json parse_array(const char* name, const audit::NamedInput& in) {
  Json value = parse(name, in);
  if (!value.is_array()) throw DraftError(where(name, in) + " is not a JSON array");
  for (const Json& item : value)
    if (!item.is_object())
      throw DraftError(where(name, in) + " holds an entry that is not an object");
  return value;
}

std::string str(const Json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

bool flag(const Json& row, const char* kind) {
  auto flags = row.find("flags");
  if (flags == row.end() || !flags->is_object()) return false;
  auto it = flags->find(kind);
  return it != flags->end() && it->is_boolean() && it->get<bool>();
}

// One line: whitespace runs (newlines included) collapsed, so a sentence never breaks a table
// row or a line round 8 reads.
std::string one_line(const std::string& text) {
  std::string out;
  bool gap = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += c;
  }
  return out;
}

Paper paper_from(const Json& p) {
  Paper out{one_line(str(p, "id")),
            one_line(str(p, "title")),
            str(p, "published").substr(0, 4),
            str(p, "abs_url"),
            str(p, "pdf_output"),
            str(p, "pdf_digest"),
            {}};
  if (out.url.empty() && !out.id.empty()) out.url = "https://arxiv.org/abs/" + out.id;
  auto authors = p.find("authors");
  if (authors != p.end() && authors->is_array())
    for (const Json& a : *authors) {
      std::string name = a.is_object() ? str(a, "name") : a.is_string() ? a.get<std::string>() : "";
      if (!name.empty()) out.authors.push_back(one_line(name));
    }
  return out;
}

Row row_from(const Json& r, const std::map<std::string, TriageEntry>& triage) {
  Row row;
  row.raw = r;
  row.row_id = str(r, "row_id");
  row.paper_id = str(r, "paper_id");
  row.title = one_line(str(r, "title"));
  row.claim = one_line(str(r, "claim"));
  row.quote = one_line(str(r, "source_quote"));
  row.status = str(r, "status");
  row.depth = str(r, "source_depth");
  row.role = str(r, "role");
  auto fit = triage.find(row.paper_id);
  row.fit = fit != triage.end() ? fit->second.fit : str(r, "taxonomy_fit");
  auto loc = r.find("locators");
  if (loc != r.end() && loc->is_object()) {
    auto page = loc->find("page");
    if (page != loc->end() && page->is_number_integer()) row.page = page->get<long long>();
    row.section = one_line(str(*loc, "section"));
  }
  row.elided = r.value("elided", Json(false)).is_boolean() && r.value("elided", false);
  row.numeric = flag(r, "numeric");
  row.comparative = flag(r, "comparative");
  row.result = flag(r, "result");
  return row;
}

// The measured value as text: numbers in full, as the probe stage wrote them.
std::string measured_text(const Json& v) {
  if (v.is_null()) return "";
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// Titles compared loosely: case, punctuation and spacing aside.
std::string title_key(const std::string& title) {
  std::string key;
  for (unsigned char c : title) {
    if (std::isalnum(c)) {
      key += static_cast<char>(std::tolower(c));
    } else if (c >= 0x80) {
      key += static_cast<char>(c);  // UTF-8 letters kept as they are
    } else if (!key.empty() && key.back() != ' ') {
      key += ' ';
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

void resolve_paper(ProbeClaim& c, const std::vector<Paper>& papers) {
  if (auto id = common::parse_arxiv_id(c.paper)) {
    const Paper* same_version = nullptr;
    const Paper* same_paper = nullptr;
    for (const Paper& p : papers) {
      if (p.id == *id) same_version = &p;
      if (common::strip_version(p.id) == common::strip_version(*id)) same_paper = &p;
    }
    const Paper* found = same_version ? same_version : same_paper;
    c.paper_id = found ? found->id : *id;
    c.paper_title = found ? found->title : "";
    return;
  }
  std::string key = title_key(c.paper);
  for (const Paper& p : papers)
    if (!key.empty() && title_key(p.title) == key) {
      c.paper_id = p.id;
      c.paper_title = p.title;
      return;
    }
  c.paper_title = c.paper;
}

ProbeClaim claim_from(const Json& e, const std::map<std::string, std::string>& kinds) {
  ProbeClaim c;
  c.claim_id = str(e, "claim_id");
  if (c.claim_id.empty()) c.claim_id = str(e, "id");
  c.row_id = str(e, "row_id");
  if (c.row_id.empty()) c.row_id = "PR-" + c.claim_id;
  c.probe_id = str(e, "probe");
  auto kind = kinds.find(c.probe_id);
  c.kind = kind != kinds.end() ? kind->second : c.probe_id;
  c.statement = one_line(str(e, "statement"));
  if (c.statement.empty()) c.statement = one_line(str(e, "claim"));
  c.verdict = str(e, "status");
  if (c.verdict.empty()) c.verdict = str(e, "verdict");
  c.paper = one_line(str(e, "paper"));
  c.source = one_line(str(e, "source"));
  c.expectation = one_line(str(e, "expectation"));
  c.reason = one_line(str(e, "reason"));
  c.measured = measured_text(e.value("measured", Json()));
  return c;
}

}  // namespace

LedgerView load_view(const DraftInputs& in) {
  LedgerView view;
  for (const Json& p : parse_array("papers.json", in.papers)) {
    Paper paper = paper_from(p);
    if (paper.id.empty())
      throw DraftError(where("papers.json", in.papers) + " has a paper without id");
    view.paper_index.emplace(paper.id, view.papers.size());
    view.papers.push_back(std::move(paper));
  }
  if (in.triage) {
    view.has_triage = true;
    for (const Json& t : parse_array("triage.json", *in.triage))
      view.triage[str(t, "paper_id")] = {str(t, "fit"), t.value("selected", Json(false)) == true};
  }
  for (const Json& r : parse_array("evidence.json", in.evidence))
    view.rows.push_back(row_from(r, view.triage));

  std::map<std::string, std::string> kinds;  // probe id -> kind
  Json verdicts = Json::array();
  if (in.probes) {
    view.has_probes = true;
    Json probes = parse("probes.json", *in.probes);
    if (!probes.is_object())
      throw DraftError(where("probes.json", *in.probes) + " is not an object");
    for (const Json& p : probes.value("probes", Json::array()))
      if (p.is_object()) kinds[str(p, "id")] = str(p, "probe");
    if (probes.contains("device") && probes["device"].is_object())
      view.probe_device = str(probes["device"], "name");
    verdicts = probes.value("verdicts", Json::array());
  }
  if (in.probe_evidence) {
    view.has_probes = true;
    verdicts = parse_array("probe_evidence.json", *in.probe_evidence);
  }
  for (const Json& v : verdicts)
    if (v.is_object()) {
      view.probe_claims.push_back(claim_from(v, kinds));
      resolve_paper(view.probe_claims.back(), view.papers);
    }
  return view;
}

}  // namespace quire::draft

// The draft model: every count, share and status the draft states, computed from the ledger in
// one place. Templates choose wording with the booleans here; they never type a number.
#include "model.hpp"

#include <cstdio>
#include <ctime>
#include <set>

#include "plugin_common/readable_numbers.hpp"

namespace quire::draft {
namespace {

// A Markdown table cell: pipes escaped, so a quote never splits its row.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string date_of(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string authors_text(const std::vector<std::string>& authors) {
  if (authors.empty()) return "";
  if (authors.size() > 6) return authors[0] + " et al.";
  std::string out;
  for (size_t i = 0; i < authors.size(); ++i)
    out += (i == 0 ? "" : i + 1 == authors.size() ? " and " : ", ") + authors[i];
  return out;
}

struct Tally {
  size_t rows = 0, supported = 0, supported_full = 0, full_text = 0, abstract = 0, preliminary = 0,
         not_found = 0, pdf_failed = 0, not_checked = 0, numeric = 0, comparative = 0,
         flagged_unverified = 0, leakage = 0;
  size_t claims = 0, corroborated = 0, contradicted = 0, inconclusive = 0;
  size_t triaged = 0, in_scope = 0, weak_scope = 0, out_of_scope = 0;
  size_t papers_cited = 0;  // fetched papers with at least one evidence row
};

Tally tally(const LedgerView& v) {
  Tally t;
  t.rows = v.rows.size();
  std::set<std::string> cited;
  for (const Row& r : v.rows)
    if (v.paper_index.count(r.paper_id)) cited.insert(r.paper_id);
  t.papers_cited = cited.size();
  for (const Row& r : v.rows) {
    t.supported += r.status == "supported";
    t.supported_full += r.supported_full_text();
    t.full_text += r.depth == "full-text";
    t.abstract += r.depth == "abstract";
    t.preliminary += r.status == "preliminary-linked";
    t.not_found += r.status == "not-found";
    t.pdf_failed += r.status == "pdf-failed";
    t.not_checked += r.status == "not-checked";
    t.numeric += r.numeric;
    t.comparative += r.comparative;
    t.flagged_unverified += (r.numeric || r.comparative) && !r.supported_full_text();
    t.leakage += r.status == "supported" && (r.fit == "weak-scope" || r.fit == "out-of-scope");
  }
  t.claims = v.probe_claims.size();
  for (const ProbeClaim& c : v.probe_claims) {
    t.corroborated += c.verdict == "corroborated";
    t.contradicted += c.verdict == "contradicted";
    t.inconclusive += c.verdict == "inconclusive";
  }
  t.triaged = v.triage.size();
  for (const auto& [id, e] : v.triage) {
    t.in_scope += e.fit == "in-scope";
    t.weak_scope += e.fit == "weak-scope";
    t.out_of_scope += e.fit == "out-of-scope";
  }
  return t;
}

Json counts_json(const LedgerView& v, const Tally& t) {
  return {{"papers", v.papers.size()},
          {"papers_cited", t.papers_cited},
          {"rows", t.rows},
          {"supported", t.supported},
          {"supported_full_text", t.supported_full},
          {"full_text", t.full_text},
          {"abstract", t.abstract},
          {"preliminary", t.preliminary},
          {"not_found", t.not_found},
          {"pdf_failed", t.pdf_failed},
          {"not_checked", t.not_checked},
          {"numeric", t.numeric},
          {"comparative", t.comparative},
          {"probe_claims", t.claims},
          {"corroborated", t.corroborated},
          {"contradicted", t.contradicted},
          {"inconclusive", t.inconclusive},
          {"triaged", t.triaged},
          {"in_scope", t.in_scope},
          {"weak_scope", t.weak_scope},
          {"out_of_scope", t.out_of_scope}};
}

Json flags_json(const LedgerView& v, const Tally& t, const std::string& verdict, double min_share) {
  double share = t.rows ? static_cast<double>(t.supported_full) / t.rows : 0;
  return {{"has_rows", t.rows > 0},
          {"none_verified", t.supported_full == 0},
          {"some_verified", t.supported_full > 0 && t.supported_full < t.rows},
          {"all_verified", t.rows > 0 && t.supported_full == t.rows},
          {"has_abstract_rows", t.abstract > 0},
          {"has_preliminary", t.preliminary > 0},
          {"has_not_found", t.not_found > 0},
          {"has_pdf_failed", t.pdf_failed > 0},
          {"has_not_checked", t.not_checked > 0},
          {"has_numeric", t.numeric > 0},
          {"has_comparative", t.comparative > 0},
          {"has_flagged_unverified", t.flagged_unverified > 0},
          {"flagged_all_verified", t.numeric + t.comparative > 0 && t.flagged_unverified == 0},
          {"has_triage", v.has_triage},
          {"has_weak_scope", t.weak_scope > 0},
          {"has_out_of_scope", t.out_of_scope > 0},
          {"has_leakage", t.leakage > 0},
          {"has_probes", v.has_probes},
          {"has_probe_claims", t.claims > 0},
          {"all_corroborated", t.claims > 0 && t.corroborated == t.claims},
          {"has_contradicted", t.contradicted > 0},
          {"has_inconclusive", t.inconclusive > 0},
          {"below_min_share", share < min_share},
          {"verdict_ready", verdict == "ready"},
          {"verdict_needs_work", verdict == "needs-work"},
          {"verdict_blocked", verdict == "blocked"}};
}

Json row_json(const LedgerView& v, const Row& r) {
  auto p = v.paper_index.find(r.paper_id);
  std::string title = p != v.paper_index.end() ? v.papers[p->second].title : r.title;
  return {{"row_id", r.row_id},
          {"paper_id", r.paper_id},
          {"title", title},
          {"title_cell", cell(title)},
          {"fit", r.fit.empty() ? "unknown" : r.fit},
          {"depth", r.depth},
          {"status", r.status},
          {"role", r.role},
          {"supported", r.status == "supported"},
          {"has_page", r.page.has_value()},
          {"page", r.page ? std::to_string(*r.page) : ""},
          {"section", r.section},
          {"has_section", !r.section.empty()},
          {"section_cell", cell(r.section)},
          {"claim", r.claim},
          {"quote", r.quote},
          {"quote_cell", cell(r.quote)},
          {"elided", r.elided},
          {"numeric", r.numeric},
          {"comparative", r.comparative}};
}

// Papers the draft cites: those with evidence rows or probe claims naming them, in papers.json
// order.
Json papers_json(const LedgerView& v) {
  std::map<std::string, std::vector<const Row*>> rows;
  for (const Row& r : v.rows) rows[r.paper_id].push_back(&r);
  std::set<std::string> probed;
  for (const ProbeClaim& c : v.probe_claims) probed.insert(c.paper_id);
  Json out = Json::array();
  for (const Paper& p : v.papers) {
    auto it = rows.find(p.id);
    bool has_rows = it != rows.end();
    if (!has_rows && !probed.count(p.id)) continue;
    size_t supported = 0;
    Json quotes = Json::array();
    std::string result;
    std::string fit;
    if (has_rows)
      for (const Row* r : it->second) {
        fit = r->fit;
        if (!r->supported_full_text()) continue;
        ++supported;
        quotes.push_back(row_json(v, *r));
        if (result.empty() && (r->result || r->numeric || r->comparative)) result = r->quote;
      }
    auto t = v.triage.find(p.id);
    if (t != v.triage.end()) fit = t->second.fit;
    out.push_back({{"id", p.id},
                   {"title", p.title},
                   {"title_cell", cell(p.title)},
                   {"authors", authors_text(p.authors)},
                   {"has_authors", !p.authors.empty()},
                   {"year", p.year},
                   {"has_year", !p.year.empty()},
                   {"url", p.url},
                   {"fit", fit.empty() ? "unknown" : fit},
                   {"rows", has_rows ? std::to_string(it->second.size()) : "0"},
                   {"supported", std::to_string(supported)},
                   {"has_quotes", !quotes.empty()},
                   {"quotes", quotes},
                   {"has_result", !result.empty()},
                   {"result_cell", cell(result)},
                   {"has_pdf", !p.pdf_digest.empty()},
                   {"pdf_output", p.pdf_output},
                   {"pdf_digest", p.pdf_digest}});
  }
  return out;
}

Json probes_json(const LedgerView& v) {
  std::vector<std::string> kinds;  // first-seen order, as the probe stage ran them
  std::map<std::string, Json> by_kind;
  for (const ProbeClaim& c : v.probe_claims) {
    if (!by_kind.count(c.kind)) kinds.push_back(c.kind);
    by_kind[c.kind].push_back({{"claim_id", c.claim_id},
                               {"row_id", c.row_id},
                               {"probe", c.probe_id},
                               {"statement", c.statement},
                               {"verdict", c.verdict},
                               {"corroborated", c.verdict == "corroborated"},
                               {"contradicted", c.verdict == "contradicted"},
                               {"inconclusive", c.verdict == "inconclusive"},
                               {"measured", common::readable_numbers(c.measured)},
                               {"has_measured", !c.measured.empty()},
                               {"expectation", c.expectation},
                               {"reason", common::readable_numbers(c.reason)},
                               {"has_reason", !c.reason.empty()},
                               {"paper", c.paper},
                               {"paper_id", c.paper_id},
                               {"paper_title", c.paper_title},
                               {"source", c.source},
                               {"has_source", !c.source.empty()}});
  }
  Json out = Json::array();
  for (const std::string& k : kinds) out.push_back({{"kind", k}, {"claims", by_kind[k]}});
  return out;
}

Json audit_json(const Json& report, const std::string& source) {
  Json reasons = Json::array(), rounds = Json::array();
  for (const Json& r : report.value("reasons", Json::array()))
    if (r.is_string()) reasons.push_back({{"text", r}});
  for (const Json& r : report.value("rounds", Json::array())) {
    if (!r.is_object() || r.value("round", 0) == 8) continue;  // round 8 reads this very draft
    const Json counts = r.value("counts", Json::object());
    rounds.push_back({{"number", std::to_string(r.value("round", 0))},
                      {"name", r.value("name", "")},
                      {"title", r.value("title", "")},
                      {"errors", std::to_string(counts.value("error", 0))},
                      {"warnings", std::to_string(counts.value("warning", 0))},
                      {"infos", std::to_string(counts.value("info", 0))}});
  }
  Json scores = report.value("scores", Json::object());
  Json proof = scores.value("proof_score", Json());
  return {{"verdict", report.value("verdict", "unknown")},
          {"reasons", reasons},
          {"rounds", rounds},
          {"source", source},
          {"has_proof_score", proof.is_number()},
          {"proof_score", proof.is_number() ? proof.dump() : ""}};
}

Json questions_json(const std::vector<std::string>& questions) {
  Json out = Json::array();
  for (size_t i = 0; i < questions.size(); ++i)
    out.push_back({{"number", std::to_string(i + 1)}, {"text", questions[i]}});
  return out;
}

}  // namespace

std::string percent(size_t part, size_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", whole ? 100.0 * part / whole : 0.0);
  return buf;
}

Json build_model(const LedgerView& v, const Json& audit_report, const std::string& audit_source,
                 const DraftSettings& s) {
  Tally t = tally(v);
  std::string verdict = audit_report.value("verdict", "unknown");
  char min_share[32];
  std::snprintf(min_share, sizeof min_share, "%.1f%%", 100.0 * s.audit.min_verified_share);
  Json rows = Json::array(), flagged = Json::array();
  for (const Row& r : v.rows) {
    rows.push_back(row_json(v, r));
    if ((r.numeric || r.comparative) && !r.supported_full_text())
      flagged.push_back({{"row_id", r.row_id}, {"paper_id", r.paper_id}});
  }
  Json counts = counts_json(v, t);
  for (auto& [key, value] : counts.items()) value = std::to_string(value.get<size_t>());
  Json model = {
      {"title", s.title.empty() ? "Evidence ledger draft" : s.title},
      {"date", date_of(s.run_clock)},
      {"direction", s.direction},
      {"has_direction", !s.direction.empty()},
      {"questions", questions_json(s.questions)},
      {"has_questions", !s.questions.empty()},
      {"counts", counts},
      {"shares",
       {{"verified", percent(t.supported_full, t.rows)},
        {"corroboration", percent(t.corroborated, t.claims)},
        {"min_verified", min_share}}},
      {"flags", flags_json(v, t, verdict, s.audit.min_verified_share)},
      {"rows", rows},
      {"flagged_unverified", flagged},
      {"papers", papers_json(v)},
      {"probe_kinds", probes_json(v)},
      {"probe_device", v.probe_device},
      {"has_probe_device", !v.probe_device.empty()},
      {"audit", audit_json(audit_report, audit_source)},
      {"jaccard", Json(s.audit.jaccard).dump()},
      {"commands",
       {{"rerun", "quire run " + s.workflow + " --no-fresh"}, {"proof", "quire proof RUN_DIR"}}}};
  return model;
}

}  // namespace quire::draft

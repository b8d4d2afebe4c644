// Round 7 (probe corroboration) and round 8 (the draft's numbers against the ledger's).
#include <cmath>
#include <regex>
#include <set>
#include <sstream>

#include "rounds.hpp"

namespace quire::audit {
namespace {

// What a draft may state a number about: the ledger's count and the total it is a share of.
struct Quantity {
  size_t count = 0;
  size_t total = 0;
  std::string what;  // "supported rows", ...
};

struct Counts {
  std::map<std::string, size_t> status, depth, fit, flagged;
  size_t rows = 0, papers = 0, probe_claims = 0, supported_full = 0, fit_total = 0;
  size_t papers_cited = 0;  // papers of papers.json with at least one evidence row
  bool fit_papers = false;
  std::map<std::string, size_t> probe;
};

Counts count_ledger(const Ledger& ledger) {
  Counts c;
  c.rows = ledger.rows.size();
  c.papers = ledger.papers.size();
  std::set<std::string> cited;
  for (const Json& row : ledger.rows)
    if (ledger.paper_index.count(text_of(row, "paper_id"))) cited.insert(text_of(row, "paper_id"));
  c.papers_cited = cited.size();
  for (const Json& row : ledger.rows) {
    ++c.status[text_of(row, "status")];
    ++c.depth[text_of(row, "source_depth")];
    c.supported_full +=
        text_of(row, "status") == "supported" && text_of(row, "source_depth") == "full-text";
  }
  c.probe_claims = ledger.probe_claims.size();
  for (const ProbeClaim& p : ledger.probe_claims) ++c.probe[p.status];
  // Taxonomy fit counts papers when triage ran (its fit is the one the ledger trusts), else rows.
  if (ledger.has_triage) {
    for (const auto& [id, fit] : ledger.triage_fit) ++c.fit[fit];
    c.fit_total = ledger.triage_fit.size();
    c.fit_papers = true;
  } else {
    for (const Json& row : ledger.rows) ++c.fit[text_of(row, "taxonomy_fit")];
    c.fit_total = c.rows;
  }
  for (const Json& row : ledger.rows)
    for (const char* flag : {"numeric", "comparative"})
      c.flagged[flag] += flag_of(row, "flags", flag);
  return c;
}

std::string lower(std::string s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

// The quantity a status word refers to; nullopt for a word that is not one.
std::optional<Quantity> quantity_for(const Counts& c, std::string word) {
  word = lower(word);
  for (char& ch : word)
    if (ch == ' ') ch = '-';
  if (word == "supported" || word == "verified")
    return Quantity{c.status.count("supported") ? c.status.at("supported") : 0, c.rows,
                    "supported rows"};
  if (word == "full-text")
    return Quantity{c.depth.count("full-text") ? c.depth.at("full-text") : 0, c.rows,
                    "full-text rows"};
  if (word == "abstract")
    return Quantity{c.depth.count("abstract") ? c.depth.at("abstract") : 0, c.rows,
                    "abstract rows"};
  for (const char* status : {"not-found", "pdf-failed", "not-checked", "preliminary-linked"})
    if (word == status)
      return Quantity{c.status.count(status) ? c.status.at(status) : 0, c.rows,
                      std::string(status) + " rows"};
  for (const char* verdict : {"corroborated", "contradicted", "inconclusive"})
    if (word == verdict)
      return Quantity{c.probe.count(verdict) ? c.probe.at(verdict) : 0, c.probe_claims,
                      std::string(verdict) + " probe claims"};
  for (const char* fit : {"in-scope", "weak-scope", "out-of-scope"})
    if (word == fit)
      return Quantity{c.fit.count(fit) ? c.fit.at(fit) : 0, c.fit_total,
                      std::string(fit) + (c.fit_papers ? " papers (triage)" : " rows")};
  if (word == "cited") return Quantity{c.papers_cited, c.papers, "papers cited by evidence rows"};
  for (const char* flag : {"numeric", "comparative"})
    if (word == flag)
      return Quantity{c.flagged.count(flag) ? c.flagged.at(flag) : 0, c.rows,
                      std::string("rows flagged ") + flag};
  return std::nullopt;
}

const char* kStatusWords =
    "(supported|verified|corroborated|contradicted|inconclusive|full-text|abstract|not[- ]found|"
    "pdf-failed|not[- ]checked|preliminary-linked|in-scope|weak-scope|out-of-scope|numeric|"
    "comparative|cited)";

std::string number_text(double value) {
  std::ostringstream out;
  out << std::round(value * 100) / 100;
  return out.str();
}

// Blanks what the draft quotes rather than states: “curly-quoted” spans (sentences from the
// papers), `code` spans (ids, digests, measured values) and Markdown block quotes. A paper's own
// "12 papers" or "3 of 5" is not a claim about this ledger.
std::string mask_quoted(const std::string& line) {
  std::string out = line;
  size_t start = out.find_first_not_of(' ');
  if (start != std::string::npos && out[start] == '>') return std::string(out.size(), ' ');
  auto blank = [&out](size_t from, size_t to) {
    for (size_t i = from; i < to && i < out.size(); ++i) out[i] = ' ';
  };
  static const std::string kOpen = "\xE2\x80\x9C", kClose = "\xE2\x80\x9D";  // “ ”
  for (size_t at = out.find(kOpen); at != std::string::npos; at = out.find(kOpen, at)) {
    size_t close = out.find(kClose, at + kOpen.size());
    size_t stop = close == std::string::npos ? out.size() : close + kClose.size();
    blank(at, stop);
    at = stop;
  }
  for (size_t at = out.find('`'); at != std::string::npos; at = out.find('`', at)) {
    size_t close = out.find('`', at + 1);
    size_t stop = close == std::string::npos ? out.size() : close + 1;
    blank(at, stop);
    at = stop;
  }
  return out;
}

// Checks one draft line; adds a finding per mismatch and returns how many statements it checked.
size_t check_line(const std::string& raw, size_t line_no, const Counts& c, Round& r) {
  static const std::regex ratio(R"((\d+)\s*(?:/|of|out of)\s*(\d+))", std::regex::icase);
  static const std::regex status_word(std::string(R"(\b)") + kStatusWords, std::regex::icase);
  static const std::regex direct(
      std::string(
          R"((\d+)\s+(?:(?:evidence\s+)?(?:rows?|claims?)\s+)?(?:(?:are|were|is|was)\s+)?)") +
          kStatusWords + R"(\b)",
      std::regex::icase);
  static const std::regex totals(R"((\d+)\s+(?:evidence\s+)?(rows|papers|probe\s+claims)\b)",
                                 std::regex::icase);
  static const std::regex percent(R"((\d+(?:\.(\d+))?)\s*%)");
  const std::string line = mask_quoted(raw);
  std::string where = "draft line " + std::to_string(line_no);
  std::string masked = line;
  size_t checked = 0;
  auto mismatch = [&](const std::string& said, const std::string& truth) {
    r.add("draft-number-mismatch", "error", nullptr, where + ": \"" + said + "\" but " + truth);
  };
  auto blank = [](std::string& s, long pos, long len) {
    s.replace(static_cast<size_t>(pos), static_cast<size_t>(len),
              std::string(static_cast<size_t>(len), ' '));
  };

  for (std::sregex_iterator it(line.begin(), line.end(), ratio), end; it != end; ++it) {
    const std::smatch& m = *it;
    std::string after = line.substr(m.position() + m.length(), 80);
    std::smatch w;
    std::optional<Quantity> q;
    if (std::regex_search(after, w, status_word)) q = quantity_for(c, w[1]);
    size_t n = std::stoul(m[1]), total = std::stoul(m[2]);
    blank(masked, m.position(), m.length());
    if (!q) continue;
    ++checked;
    if (n != q->count || total != q->total)
      mismatch(m.str() + " " + w.str(), "the ledger has " + std::to_string(q->count) + " of " +
                                            std::to_string(q->total) + " " + q->what);
  }
  // A direct statement ("3 rows are supported") is blanked once read, so its "3 rows" is not
  // read again as the ledger's total.
  const std::string ratios_masked = masked;
  for (std::sregex_iterator it(ratios_masked.begin(), ratios_masked.end(), direct), end; it != end;
       ++it) {
    std::optional<Quantity> q = quantity_for(c, (*it)[2]);
    if (!q) continue;
    ++checked;
    blank(masked, it->position(), it->length());
    if (std::stoul((*it)[1]) != q->count)
      mismatch(it->str(), "the ledger has " + std::to_string(q->count) + " " + q->what);
  }
  for (std::sregex_iterator it(masked.begin(), masked.end(), totals), end; it != end; ++it) {
    std::string what = lower((*it)[2]);
    size_t truth = what == "rows" ? c.rows : what == "papers" ? c.papers : c.probe_claims;
    std::string name = what == "rows" ? " rows" : what == "papers" ? " papers" : " probe claims";
    ++checked;
    if (std::stoul((*it)[1]) != truth)
      mismatch(it->str(), "the ledger has " + std::to_string(truth) + name);
  }
  std::string lowered = lower(line);
  for (std::sregex_iterator it(line.begin(), line.end(), percent), end; it != end; ++it) {
    bool probes = lowered.find("corroborat") != std::string::npos;
    bool verified = lowered.find("supported") != std::string::npos ||
                    lowered.find("verified") != std::string::npos ||
                    lowered.find("full-text") != std::string::npos;
    if (!probes && !verified) continue;
    size_t corroborated = c.probe.count("corroborated") ? c.probe.at("corroborated") : 0;
    double truth = probes ? (c.probe_claims ? 100.0 * corroborated / c.probe_claims : 0)
                          : (c.rows ? 100.0 * c.supported_full / c.rows : 0);
    double said = std::stod((*it)[1]);
    int decimals = (*it)[2].matched ? static_cast<int>((*it)[2].length()) : 0;
    ++checked;
    if (std::fabs(said - truth) > 0.5 * std::pow(10.0, -decimals) + 1e-9)
      mismatch(it->str(), std::string("the ledger's ") +
                              (probes ? "corroboration share" : "verified share") + " is " +
                              number_text(truth) + "%");
  }
  return checked;
}

}  // namespace

Round round_probes(const Ledger& ledger) {
  Round r{7, "probe-corroboration", "Probe corroboration", {}, Json::object()};
  std::map<std::string, size_t> n;
  for (const ProbeClaim& p : ledger.probe_claims) {
    ++n[p.status];
    if (p.status == "contradicted")
      r.add("probe-contradicted", "warning", p.id, "probe contradicts the claim: " + p.reason);
  }
  if (ledger.probe_claims.empty())
    r.add("no-probes", "info", nullptr,
          ledger.has_probes ? "no probe claims in the probe outputs" : "no probes: no probe input");
  r.summary = {{"present", ledger.has_probes},
               {"claims", ledger.probe_claims.size()},
               {"corroborated", n["corroborated"]},
               {"contradicted", n["contradicted"]},
               {"inconclusive", n["inconclusive"]}};
  return r;
}

Round round_draft(const Ledger& ledger, const AuditFacts* facts) {
  Round r{8, "draft-consistency", "Draft consistency", {}, Json::object()};
  if (!ledger.draft) {
    r.add("not-run", "info", nullptr, "not run: no draft.md input");
    r.summary = {{"present", false}, {"statements_checked", 0}, {"mismatches", 0}};
    return r;
  }
  Counts c = count_ledger(ledger);
  std::istringstream in(*ledger.draft);
  std::string line;
  size_t line_no = 0, checked = 0;
  while (std::getline(in, line)) checked += check_line(line, ++line_no, c, r);
  checked += check_draft_rows(ledger, facts, *ledger.draft, r);
  if (checked == 0)
    r.add("no-statements", "info", nullptr, "the draft states no ledger counts this round reads");
  r.summary = {{"present", true},
               {"lines", line_no},
               {"statements_checked", checked},
               {"mismatches", r.count("error")}};
  return r;
}

}  // namespace quire::audit

// Round 8, row by row: a draft line that names a ledger subject (an evidence row, a paper, an
// audit round, a probe claim) must say about it what the ledger says. The line-by-line counts and
// shares are in probes_draft.cpp; this half reads the tables by their column names, so a
// replaced template that reorders or drops columns is still checked.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <sstream>

#include "rounds.hpp"

namespace quire::audit {
namespace {

std::string trim(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t"), end = s.find_last_not_of(" \t");
  return begin == std::string::npos ? "" : s.substr(begin, end - begin + 1);
}

bool is_table_line(const std::string& line) {
  std::string t = trim(line);
  return !t.empty() && t.front() == '|';
}

bool is_separator(const std::string& line) {
  static const std::regex separator(R"(^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$)");
  return std::regex_match(line, separator);
}

// The cells of "| a | b |", split at bars that are not escaped as "\|".
std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  size_t i = line.find('|') + 1;
  for (; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (line[i] == '|') {
      cells.push_back(trim(cell));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  if (!trim(cell).empty()) cells.push_back(trim(cell));
  return cells;
}

// "`x`" -> "x"; other text as it is.
std::string unquoted(const std::string& cell) {
  if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`')
    return cell.substr(1, cell.size() - 2);
  return cell;
}

// How a draft writes "nothing here": an empty cell, a dash, "none".
std::string absent_as_empty(const std::string& cell) {
  return cell == "\xE2\x80\x94" || cell == "-" || cell == "none" ? "" : cell;
}

std::vector<std::string> numbers_in(const std::string& text) {
  static const std::regex number(R"(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)");
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it)
    out.push_back(it->str());
  return out;
}

// The draft may shorten a long number to 4 significant digits; anything else must be equal.
bool same_number(const std::string& said, const std::string& truth) {
  if (said == truth) return true;
  double s = std::strtod(said.c_str(), nullptr), t = std::strtod(truth.c_str(), nullptr);
  return std::fabs(s - t) <= 5e-4 * std::fabs(t);
}

bool same_numbers(const std::string& said, const std::string& truth) {
  std::vector<std::string> a = numbers_in(said), b = numbers_in(truth);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!same_number(a[i], b[i])) return false;
  return true;
}

class RowChecker {
 public:
  RowChecker(const Ledger& ledger, const AuditFacts* facts, Round& r)
      : ledger_(ledger), facts_(facts), r_(r) {
    for (const Json& row : ledger.rows) {
      rows_[text_of(row, "row_id")] = &row;
      auto& paper = papers_[text_of(row, "paper_id")];
      ++paper.rows;
      bool full =
          text_of(row, "status") == "supported" && text_of(row, "source_depth") == "full-text";
      paper.supported_full += full;
      supported_full_ += full;
      paper.last_fit = fit_of(row);
    }
    for (const ProbeClaim& c : ledger.probe_claims) claims_[c.id] = &c;
  }

  size_t checked() const { return checked_; }

  // A table is keyed by its "Row" column (evidence rows), else "Round", else "Paper", wherever
  // that column stands.
  void table_row(const std::vector<std::string>& header, const std::vector<std::string>& cells,
                 const std::string& where) {
    for (const char* kind : {"Row", "Round", "Paper"}) {
      auto column = std::find(header.begin(), header.end(), kind);
      if (column == header.end()) continue;
      size_t at = static_cast<size_t>(column - header.begin());
      if (at >= cells.size()) return;
      const std::string key = unquoted(cells[at]), name = kind;
      if (name == "Row") evidence_row(header, cells, key, where);
      if (name == "Round" && facts_) round_row(header, cells, key, where);
      if (name == "Paper") paper_row(header, cells, key, where);
      return;
    }
  }

  void prose(const std::string& line, const std::string& where) {
    static const std::regex verdict_claim(
        R"(\*\*(corroborated|contradicted|inconclusive)\*\*.*\bclaim `([^`]+)`)");
    static const std::regex bold_verdict(R"(\*\*(ready|needs-work|blocked)\*\*)");
    static const std::regex proof_score(R"([Pp]roof score[^`]*`([^`]*)`)");
    static const std::regex reason(R"(`round (\d+) \(([^)]*)\): ([^`]*)`)");
    std::smatch m;
    if (std::regex_search(line, m, verdict_claim)) probe_line(line, m[1], m[2], where);
    share_sentences(line, where);
    if (!facts_) return;
    if (std::regex_search(line, m, bold_verdict))
      expect(where, "the audit verdict", m[1], facts_->verdict, kAudit);
    if (std::regex_search(line, m, proof_score)) {
      ++checked_;
      std::string truth = facts_->proof_score ? Json(*facts_->proof_score).dump() : "";
      if (truth.empty() || numbers_in(m[1]).size() != 1 || !same_numbers(m[1], truth))
        mismatch(where, "the proof score", m[1], truth.empty() ? "none (no supported row)" : truth,
                 kAudit);
    }
    if (std::regex_search(line, m, reason)) reason_line(m[1], m[2], m[3], where);
  }

 private:
  struct PaperTotals {
    size_t rows = 0, supported_full = 0;
    std::string last_fit;
  };

  // Triage's fit for the row's paper when triage ran, else the row's own.
  std::string fit_of(const Json& row) const {
    auto t = ledger_.triage_fit.find(text_of(row, "paper_id"));
    std::string fit = t != ledger_.triage_fit.end() ? t->second : text_of(row, "taxonomy_fit");
    return fit.empty() ? "unknown" : fit;
  }

  static std::string page_of(const Json& row) {
    auto loc = row.find("locators");
    if (loc == row.end() || !loc->is_object()) return "";
    auto page = loc->find("page");
    return page != loc->end() && page->is_number_integer() ? page->dump() : "";
  }

  void evidence_row(const std::vector<std::string>& header, const std::vector<std::string>& cells,
                    const std::string& id, const std::string& where) {
    auto it = rows_.find(id);
    if (it == rows_.end()) return unknown(where, "evidence row", id);
    const Json& row = *it->second;
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) {
      const std::string& column = header[i];
      std::string said = absent_as_empty(unquoted(cells[i]));
      std::string what = "row " + id + "'s " + column;
      if (column == "Paper") expect(where, what, said, text_of(row, "paper_id"));
      if (column == "Fit") expect(where, what, said, fit_of(row));
      if (column == "Depth") expect(where, what, said, text_of(row, "source_depth"));
      if (column == "Status") expect(where, what, said, text_of(row, "status"));
      if (column == "Page") expect(where, what, said, page_of(row));
    }
  }

  void paper_row(const std::vector<std::string>& header, const std::vector<std::string>& cells,
                 const std::string& id, const std::string& where) {
    auto index = ledger_.paper_index.find(id);
    if (index == ledger_.paper_index.end()) return unknown(where, "paper", id);
    const Json& paper = ledger_.papers[index->second];
    PaperTotals totals;
    if (auto t = papers_.find(id); t != papers_.end()) totals = t->second;
    auto triage = ledger_.triage_fit.find(id);
    std::string fit = triage != ledger_.triage_fit.end() ? triage->second : totals.last_fit;
    if (fit.empty()) fit = "unknown";
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) {
      const std::string& column = header[i];
      std::string said = absent_as_empty(unquoted(cells[i]));
      std::string what = "paper " + id + "'s " + column;
      if (column == "Fit") expect(where, what, said, fit);
      if (column == "Rows") expect(where, what, said, std::to_string(totals.rows));
      if (column == "Supported by full text")
        expect(where, what, said, std::to_string(totals.supported_full));
      if (column == "PDF") expect(where, what, said, text_of(paper, "pdf_output"));
      if (column == "SHA-256") expect(where, what, said, text_of(paper, "pdf_digest"));
    }
  }

  void round_row(const std::vector<std::string>& header, const std::vector<std::string>& cells,
                 const std::string& key, const std::string& where) {
    int number = std::atoi(key.c_str());
    auto it = facts_->rounds.find(number);
    if (it == facts_->rounds.end()) return unknown(where, "audit round", key);
    const AuditFacts::Counts& round = it->second;
    for (size_t i = 0; i < header.size() && i < cells.size(); ++i) {
      const std::string& column = header[i];
      std::string what = "round " + key + "'s " + column;
      if (column == "Check") expect(where, what, cells[i], round.name, kAudit);
      if (column == "Errors") expect(where, what, cells[i], std::to_string(round.errors), kAudit);
      if (column == "Warnings")
        expect(where, what, cells[i], std::to_string(round.warnings), kAudit);
      if (column == "Notes") expect(where, what, cells[i], std::to_string(round.infos), kAudit);
    }
  }

  // The built-in templates' sentences about the verified share and the readiness threshold: each
  // is chosen by the model from the ledger, so a hand edit that flips one must be caught.
  void share_sentences(const std::string& line, const std::string& where) {
    const size_t supported_full = supported_full_, rows = ledger_.rows.size();
    double share = rows ? static_cast<double>(supported_full) / static_cast<double>(rows) : 0;
    auto says = [&line](const char* words) { return line.find(words) != std::string::npos; };
    if (says("No row is supported by full text"))
      expect(where, "the sentence on full-text support", "no row supported",
             supported_full == 0 ? "no row supported"
                                 : std::to_string(supported_full) + " rows supported");
    if (!facts_ || !facts_->min_verified_share) return;
    const double min = *facts_->min_verified_share;
    const std::string truth = share >= min ? "meets" : "is below";
    if (says("verified share meets the readiness threshold"))
      expect(where, "the readiness sentence", "meets", truth, kAudit);
    if (says("verified share is below the readiness threshold"))
      expect(where, "the readiness sentence", "is below", truth, kAudit);
    static const std::regex needs(R"(Readiness needs a share of at least (\d+(?:\.\d+)?)%)");
    static const std::regex low(
        R"(`verified share ([\d.]+) is below min_verified_share ([\d.]+)`)");
    std::smatch m;
    if (std::regex_search(line, m, needs)) {
      ++checked_;
      if (std::fabs(std::strtod(m[1].str().c_str(), nullptr) - 100 * min) > 0.05 + 1e-9)
        mismatch(where, "the readiness threshold", m[1].str() + "%",
                 Json(std::round(1000 * min) / 10).dump() + "%", kAudit);
    }
    if (std::regex_search(line, m, low)) {
      expect(where, "the reason on the verified share", "below",
             share < min ? "below" : "not below", kAudit);
      ++checked_;
      if (!same_number(m[1], Json(std::round(share * 10000) / 10000).dump()) ||
          !same_number(m[2], Json(min).dump()))
        mismatch(where, "the reason on the verified share", m[1].str() + " < " + m[2].str(),
                 Json(share).dump() + " < " + Json(min).dump(), kAudit);
    }
  }

  // "round 3 (quote-reverification): 2 errors, 1 warning", as the verdict's reasons list it.
  void reason_line(const std::string& number, const std::string& name, const std::string& counts,
                   const std::string& where) {
    auto it = facts_->rounds.find(std::atoi(number.c_str()));
    if (it == facts_->rounds.end()) return unknown(where, "audit round", number);
    static const std::regex errors(R"((\d+) errors?)"), warnings(R"((\d+) warnings?)");
    std::smatch m;
    std::string said_errors = std::regex_search(counts, m, errors) ? m[1].str() : "0";
    std::string said_warnings = std::regex_search(counts, m, warnings) ? m[1].str() : "0";
    std::string what = "the reason for round " + number;
    expect(where, what + "'s check", name, it->second.name, kAudit);
    expect(where, what + "'s errors", said_errors, std::to_string(it->second.errors), kAudit);
    expect(where, what + "'s warnings", said_warnings, std::to_string(it->second.warnings), kAudit);
  }

  void probe_line(const std::string& line, const std::string& verdict, const std::string& id,
                  const std::string& where) {
    auto it = claims_.find(id);
    if (it == claims_.end()) return unknown(where, "probe claim", id);
    const ProbeClaim& claim = *it->second;
    expect(where, "claim " + id + "'s verdict", verdict, claim.status);
    static const std::regex measured(R"(Measured: `([^`]*)`)");
    std::smatch m;
    if (!std::regex_search(line, m, measured)) return;
    ++checked_;
    // A template may show the verdict's reason or the bare measurement; either must match.
    if (!same_numbers(m[1], claim.reason) && !same_numbers(m[1], claim.measured))
      mismatch(where, "claim " + id + "'s measured numbers", m[1],
               claim.reason.empty() ? claim.measured : claim.reason);
  }

  static constexpr const char* kLedger = "the ledger";
  static constexpr const char* kAudit = "the audit";

  void expect(const std::string& where, const std::string& what, const std::string& said,
              const std::string& truth, const char* source = kLedger) {
    ++checked_;
    if (said != truth) mismatch(where, what, said, truth.empty() ? "nothing" : truth, source);
  }

  void mismatch(const std::string& where, const std::string& what, const std::string& said,
                const std::string& truth, const char* source = kLedger) {
    r_.add("draft-row-mismatch", "error", nullptr,
           where + ": " + what + " says \"" + said + "\" but " + source + " has \"" + truth + "\"");
  }

  void unknown(const std::string& where, const std::string& kind, const std::string& id) {
    ++checked_;
    r_.add("draft-unknown-subject", "error", nullptr,
           where + ": " + kind + " \"" + id + "\" is not in the ledger");
  }

  const Ledger& ledger_;
  const AuditFacts* facts_;
  Round& r_;
  std::map<std::string, const Json*> rows_;
  std::map<std::string, PaperTotals> papers_;
  std::map<std::string, const ProbeClaim*> claims_;
  size_t supported_full_ = 0;  // rows supported by full text, all papers
  size_t checked_ = 0;
};

}  // namespace

size_t check_draft_rows(const Ledger& ledger, const AuditFacts* facts, const std::string& draft,
                        Round& r) {
  RowChecker checker(ledger, facts, r);
  std::vector<std::string> lines;
  std::istringstream in(draft);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::vector<std::string> header;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string where = "draft line " + std::to_string(i + 1);
    if (!is_table_line(lines[i])) {
      header.clear();
      checker.prose(lines[i], where);
    } else if (i + 1 < lines.size() && is_separator(lines[i + 1])) {
      header = cells_of(lines[i]);
      ++i;
    } else {
      checker.table_row(header, cells_of(lines[i]), where);
    }
  }
  return checker.checked();
}

AuditFacts facts_of(const std::vector<Round>& rounds, const std::string& verdict,
                    std::optional<double> proof_score, double min_verified_share) {
  AuditFacts facts;
  for (const Round& r : rounds)
    facts.rounds[r.number] = {r.name, r.count("error"), r.count("warning"), r.count("info")};
  facts.verdict = verdict;
  facts.proof_score = proof_score;
  facts.min_verified_share = min_verified_share;
  return facts;
}

AuditFacts facts_from_report(const Json& report) {
  AuditFacts facts;
  for (const Json& r : report.value("rounds", Json::array())) {
    if (!r.is_object() || r.value("round", 0) == 8) continue;  // round 8 reads the draft itself
    Json counts = r.value("counts", Json::object());
    facts.rounds[r.value("round", 0)] = {r.value("name", ""), counts.value("error", size_t{0}),
                                         counts.value("warning", size_t{0}),
                                         counts.value("info", size_t{0})};
  }
  facts.verdict = report.value("verdict_before_draft", report.value("verdict", ""));
  Json scores = report.value("scores", Json::object());
  if (Json proof = scores.value("proof_score", Json()); proof.is_number())
    facts.proof_score = proof.get<double>();
  Json settings = report.value("settings", Json::object());
  if (Json min = settings.value("min_verified_share", Json()); min.is_number())
    facts.min_verified_share = min.get<double>();
  return facts;
}

}  // namespace quire::audit

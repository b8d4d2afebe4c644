// draft-render's core on a small ledger: every number the draft states comes from the ledger and
// round 8 agrees with it; a ledger without full-text rows never claims verification; quotes are
// whole sentences; templates can be replaced (and a typo in a name is an error); the CSVs; byte-
// identical reruns; and the consistency test: one edited number in the draft blocks the audit.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "draft.hpp"
#include "fixtures_draft.hpp"

namespace quire::draft {
namespace {

using namespace testing;  // NOLINT: the fixture's ids and quotes
using Json = nlohmann::json;

class DraftCoreTest : public ::testing::Test, public DraftFixture {
 protected:
  static Json round8(const DraftOutputs& out) {
    return Json::parse(out.audit_report_json)["rounds"][7];
  }
  static bool has(const std::string& text, const std::string& what) {
    return text.find(what) != std::string::npos;
  }
  static std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }
  // Runs the audit on `draft` as if draft-render had rendered it.
  Json audit_of(const std::string& draft) {
    DraftInputs d = inputs();
    audit::AuditInputs a;
    a.papers = d.papers;
    a.evidence = d.evidence;
    a.triage = d.triage;
    a.probes = d.probes;
    a.probe_evidence = d.probe_evidence;
    a.read_pdf = d.read_pdf;
    a.draft = audit::NamedInput{"draft-render", draft};
    return Json::parse(audit::run_audit(a, settings().audit).report_json);
  }
};

TEST_F(DraftCoreTest, CountsComeFromTheLedgerAndRoundEightAgrees) {
  DraftOutputs out = render();
  const std::string& md = out.draft_md;
  EXPECT_TRUE(has(md, "# Rotary embeddings and sinks")) << md;
  EXPECT_TRUE(has(md, "holds 5 evidence rows; 2 of 2 fetched papers are cited by them.")) << md;
  EXPECT_TRUE(has(md, "3 of 5 rows are supported by full-text quotes")) << md;
  EXPECT_TRUE(has(md, "Verified share: 60.0% of rows")) << md;
  EXPECT_TRUE(has(md, "1 of 5 rows are preliminary-linked")) << md;
  EXPECT_TRUE(has(md, "1 of 5 rows were not found")) << md;
  EXPECT_TRUE(has(md, "1 of 2 triaged papers are in-scope")) << md;
  EXPECT_TRUE(has(md, "1 corroborated, 1 contradicted and 0 inconclusive")) << md;
  EXPECT_TRUE(has(md, "Corroboration share: 50.0%")) << md;
  Json r8 = round8(out);
  EXPECT_EQ(r8["counts"]["error"], 0) << r8.dump(2) << md;
  EXPECT_GE(r8["summary"]["statements_checked"].get<int>(), 30) << r8.dump(2);
  EXPECT_EQ(out.round8_errors, 0u);

  // Another ledger, other numbers: one more supported row.
  rows_.push_back(supported("EV-a3", kPaperA, kQuoteA1, 1, "Abstract"));
  DraftOutputs more = render();
  EXPECT_TRUE(has(more.draft_md, "holds 6 evidence rows")) << more.draft_md;
  EXPECT_TRUE(has(more.draft_md, "4 of 6 rows are supported by full-text quotes"));
  EXPECT_TRUE(has(more.draft_md, "Verified share: 66.7% of rows"));
  EXPECT_EQ(round8(more)["counts"]["error"], 0) << round8(more).dump(2);
}

TEST_F(DraftCoreTest, NoFullTextRowsNeverClaimsVerification) {
  for (Json& row : rows_) {
    Json plain = preliminary(row["row_id"], row["paper_id"], row["claim"]);
    row = plain;
  }
  DraftOutputs out = render();
  const std::string& md = out.draft_md;
  EXPECT_TRUE(has(md, "No row has been verified against its paper's full text yet")) << md;
  EXPECT_TRUE(has(md, "0 of 5 rows are supported by full-text quotes")) << md;
  EXPECT_TRUE(has(md, "Verified share: 0.0%"));
  EXPECT_FALSE(has(md, "supported by a quote found in the paper's PDF")) << md;
  EXPECT_FALSE(has(md, "findings below cite only rows supported"));
  EXPECT_FALSE(has(md, "Every flagged row is supported"));
  EXPECT_EQ(round8(out)["counts"]["error"], 0) << round8(out).dump(2);
  EXPECT_EQ(Json::parse(out.audit_report_json)["verdict"], "needs-work");
}

TEST_F(DraftCoreTest, QuotesAreWholeSentencesAndElisionsSaySo) {
  std::string md = render().draft_md;
  for (const char* quote : {kQuoteA1, kQuoteB1})
    EXPECT_TRUE(has(md, std::string("“") + quote + "”")) << quote;
  EXPECT_TRUE(has(md, "“We study how 12 papers describe 3 of 5 rows.” (elided)")) << md;
  EXPECT_FALSE(has(md, "…"));
  // A table cell escapes the pipe of a title rather than splitting its row.
  EXPECT_TRUE(has(md, "“A study \\| numbered 2401.00001v1”")) << md;
}

TEST_F(DraftCoreTest, ATemplateCanBeReplaced) {
  templates_["abstract.mustache"] = "## Abstract\n\nOur own words over {{counts.rows}} rows.\n";
  std::string md = render().draft_md;
  EXPECT_TRUE(has(md, "Our own words over 5 rows.")) << md;
  EXPECT_FALSE(has(md, "fetched papers are cited by them"));
  EXPECT_TRUE(has(md, "## 1. Introduction"));
}

TEST_F(DraftCoreTest, AnUnknownTemplateNameIsAnError) {
  templates_["abstrct.mustache"] = "x";
  try {
    (void)render();
    FAIL() << "no error";
  } catch (const DraftError& e) {
    std::string what = e.what();
    EXPECT_TRUE(has(what, "'abstrct.mustache'")) << what;
    EXPECT_TRUE(has(what, "abstract.mustache, agenda.mustache")) << what;
  }
  templates_.clear();
  templates_["abstract.mustache"] = "{{#counts}}never closed\n";
  try {
    (void)render();
    FAIL() << "no error";
  } catch (const DraftError& e) {
    EXPECT_TRUE(has(e.what(), "abstract.mustache' line 1")) << e.what();
  }
}

TEST_F(DraftCoreTest, AHandTypedNumberInATemplateBlocksTheVerdict) {
  templates_["abstract.mustache"] =
      "## Abstract\n\nWe found that 5 of 5 rows are supported by full text.\n";
  DraftOutputs out = render();
  EXPECT_EQ(out.round8_errors, 1u) << round8(out).dump(2);
  EXPECT_EQ(out.verdict, "blocked");
  EXPECT_EQ(Json::parse(out.audit_report_json)["verdict_before_draft"], "needs-work");
  EXPECT_TRUE(has(out.audit_report_md, "Before round 8 read the draft: needs-work.\n"))
      << out.audit_report_md;
  EXPECT_FALSE(out.draft_md.empty());  // everything is still written
}

// The consistency test: edit one number of the rendered draft and round 8 catches it.
TEST_F(DraftCoreTest, AnEditedNumberInTheDraftIsAMismatch) {
  std::string md = render().draft_md;
  Json clean = audit_of(md);
  EXPECT_EQ(clean["rounds"][7]["counts"]["error"], 0) << clean["rounds"][7].dump(2);
  const std::string said = "3 of 5 rows are supported";
  size_t at = md.find(said);
  ASSERT_NE(at, std::string::npos) << md;
  std::string edited = md;
  edited.replace(at, 1, "4");
  Json r = audit_of(edited);
  bool found = false;
  for (const Json& f : r["rounds"][7]["findings"])
    found |=
        f["check"] == "draft-number-mismatch" && has(f["message"].get<std::string>(), "4 of 5");
  EXPECT_TRUE(found) << r["rounds"][7].dump(2);
  EXPECT_EQ(r["verdict"], "blocked");
}

// Every count the prose states is read by round 8: changing any of them is caught. Numbers in
// tables, quotes and code are the ledger's own fields; the rest of the exceptions are named.
TEST_F(DraftCoreTest, EveryStatedCountIsCheckedByRoundEight) {
  std::string md = render().draft_md;
  std::vector<std::string> all = lines(md);
  static const std::regex number(R"((^|[\s(])(\d+(?:\.\d+)?)(?=[\s%,.;:)]|$))");
  static const std::regex quoted("“[^”]*”|`[^`]*`|\\(page \\d+");  // and a row's own page
  size_t tried = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    const std::string& line = all[i];
    if (line.empty() || line[0] == '|' || line[0] == '#' || line[0] == '_') continue;
    if (has(line, "round ") || has(line, "rounds ") || has(line, "Round ") ||
        line.rfind("- `", 0) == 0 || std::regex_search(line, std::regex(R"(^\d+\. |^- RQ\d)")))
      continue;  // round numbers; references (ids, years); list markers
    std::string masked = std::regex_replace(line, quoted, "");
    for (std::sregex_iterator it(masked.begin(), masked.end(), number), end; it != end; ++it) {
      std::string value = (*it)[2];
      std::string bumped = value.find('.') != std::string::npos
                               ? std::to_string(std::stod(value) + 3.0).substr(0, value.size() + 1)
                               : std::to_string(std::stoul(value) + 1);
      std::string edited_line = masked;
      edited_line.replace((*it).position(2), value.size(), bumped);
      std::vector<std::string> copy = all;
      copy[i] = edited_line;
      std::string edited;
      for (const std::string& l : copy) edited += l + "\n";
      Json r = audit_of(edited);
      EXPECT_GT(r["rounds"][7]["counts"]["error"].get<int>(), 0)
          << "unchecked number " << value << " on line: " << line;
      ++tried;
    }
  }
  EXPECT_GE(tried, 30u);
}

// The draft's tables, probe verdicts, audit verdict, reasons and proof score are the ledger's and
// the audit's too: change any cell or word that states a fact, and round 8 says so. Free text
// (titles, quotes, result sentences) is the papers' own and is left alone.
TEST_F(DraftCoreTest, EveryTableCellAndVerdictIsCheckedByRoundEight) {
  std::vector<std::string> all = lines(render().draft_md);
  auto errors_with = [&](size_t i, const std::string& line) {
    std::vector<std::string> copy = all;
    copy[i] = line;
    std::string edited;
    for (const std::string& l : copy) edited += l + "\n";
    return audit_of(edited)["rounds"][7]["counts"]["error"].get<int>();
  };
  auto split = [](const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    for (size_t i = 1; i < line.size(); ++i) {
      if (line[i] != '|' || line[i - 1] == '\\') {  // "\|" is a bar inside a cell
        cell += line[i];
        continue;
      }
      cells.push_back(cell.substr(1, cell.size() - 2));  // " x " -> "x"
      cell.clear();
    }
    return cells;
  };
  auto join = [](const std::vector<std::string>& cells) {
    std::string line = "|";
    for (const std::string& c : cells) line += " " + c + " |";
    return line;
  };
  auto mutated = [](const std::string& cell) -> std::string {
    if (!cell.empty() && std::all_of(cell.begin(), cell.end(), ::isdigit))
      return std::to_string(std::stoul(cell) + 1);
    if (cell.size() > 2 && cell.front() == '`') return cell.substr(0, cell.size() - 1) + "x`";
    if (cell == "—" || cell == "none") return "1";
    return cell + "x";
  };
  static const std::set<std::string> kFreeText = {"Title", "Quote", "Verified result sentence"};
  size_t tried = 0;
  std::vector<std::string> header;
  for (size_t i = 0; i < all.size(); ++i) {
    const std::string& line = all[i];
    if (line.rfind("|", 0) == 0) {
      if (i + 1 < all.size() && all[i + 1].rfind("|---", 0) == 0) {
        header = split(line);
        ++i;
        continue;
      }
      std::vector<std::string> cells = split(line);
      ASSERT_EQ(cells.size(), header.size()) << line;
      ASSERT_EQ(errors_with(i, join(cells)), 0) << "a faithful line is refused: " << line;
      for (size_t c = 0; c < cells.size(); ++c) {
        if (kFreeText.count(header[c])) continue;
        std::vector<std::string> edited = cells;
        edited[c] = mutated(cells[c]);
        EXPECT_GT(errors_with(i, join(edited)), 0)
            << "unchecked " << header[c] << " cell on line: " << line;
        ++tried;
      }
      continue;
    }
    std::smatch m;
    static const std::regex verdict(
        R"(\*\*(corroborated|contradicted|ready|needs-work|blocked)\*\*)");
    if (std::regex_search(line, m, verdict)) {
      std::string other = m[1] == "corroborated" ? "contradicted"
                          : m[1] == "ready"      ? "blocked"
                          : m[1] == "blocked"    ? "ready"
                          : m[1] == "needs-work" ? "ready"
                                                 : "corroborated";
      std::string edited = line;
      edited.replace(m.position(1), m.length(1), other);
      EXPECT_GT(errors_with(i, edited), 0) << "unchecked verdict on line: " << line;
      ++tried;
    }
    static const std::regex code_number(
        R"((Measured: `[^`0-9]*|Proof score[^`]*`|`round \d+ \([^)]*\): )(\d+(?:\.\d+)?))");
    if (std::regex_search(line, m, code_number)) {
      std::string value = m[2];
      std::string bumped = value.find('.') != std::string::npos
                               ? std::to_string(std::stod(value) * 1.1 + 0.01)
                               : std::to_string(std::stoul(value) + 1);
      std::string edited = line;
      edited.replace(m.position(2), m.length(2), bumped);
      EXPECT_GT(errors_with(i, edited), 0) << "unchecked number " << value << " on: " << line;
      ++tried;
    }
  }
  EXPECT_GE(tried, 40u);
}

// The readiness sentences are chosen from the ledger; flipping one by hand is a mismatch.
TEST_F(DraftCoreTest, ReadinessSentencesFollowTheVerifiedShare) {
  std::string md = render().draft_md;  // 3 of 5 rows verified: 60% against 50%
  ASSERT_EQ(audit_of(md)["rounds"][7]["counts"]["error"], 0);
  auto errors_after = [&](const std::string& from, const std::string& to) {
    std::string edited = md;
    size_t at = edited.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) edited.replace(at, from.size(), to);
    return audit_of(edited)["rounds"][7]["counts"]["error"].get<int>();
  };
  EXPECT_GT(errors_after("verified share meets the readiness threshold",
                         "verified share is below the readiness threshold"),
            0);
  EXPECT_GT(errors_after("a share of at least 50.0%", "a share of at least 40.0%"), 0);
  EXPECT_GT(errors_after("## 5. Evidence base", "No row is supported by full text.\n\n## 5."), 0);

  // Below the threshold the draft says so, gives the reason, and round 8 agrees.
  DraftSettings strict = settings();
  strict.audit.min_verified_share = 0.9;
  DraftOutputs out = render_draft(inputs(), strict);
  EXPECT_TRUE(has(out.draft_md, "verified share is below the readiness threshold")) << out.draft_md;
  EXPECT_TRUE(has(out.draft_md, "`verified share 0.6 is below min_verified_share 0.9`"))
      << out.draft_md;
  EXPECT_EQ(round8(out)["counts"]["error"], 0) << round8(out).dump(2);
}

// A replaced template may order the columns as it likes: they are read by name.
TEST_F(DraftCoreTest, ReorderedColumnsOfAReplacedTemplateAreStillChecked) {
  templates_["evidence_base.mustache"] =
      "## 5. Evidence base\n\n| Status | Page | Row |\n|---|---|---|\n"
      "{{#rows}}\n| {{status}} | {{#has_page}}{{page}}{{/has_page}} | `{{row_id}}` |\n{{/rows}}\n";
  std::string md = render().draft_md;
  EXPECT_EQ(audit_of(md)["rounds"][7]["counts"]["error"], 0);
  const std::string line = "| supported | 2 | `EV-a2` |";
  size_t at = md.find(line);
  ASSERT_NE(at, std::string::npos) << md;
  md.replace(at, line.size(), "| not-found | 2 | `EV-a2` |");
  Json r8 = audit_of(md)["rounds"][7];
  ASSERT_EQ(r8["counts"]["error"], 1) << r8.dump(2);
  EXPECT_TRUE(has(r8["findings"][0]["message"].get<std::string>(),
                  "'s Status says \"not-found\" but the ledger has \"supported\""))
      << r8.dump(2);
}

TEST_F(DraftCoreTest, EvidenceMatrixHasVerifysColumnsAndProbeRows) {
  DraftOutputs out = render();
  std::vector<std::string> csv = lines(out.evidence_matrix_csv);
  EXPECT_EQ(csv[0],
            "row_id,paper_id,role,taxonomy_fit,status,source_depth,claim_class,numeric,comparative,"
            "result,triggers,claim,source_quote,page,section,match_method,match_score,"
            "full_text_checked_at,pdf_digest,pdf_output,paper_title\r");
  ASSERT_EQ(csv.size(), 1u + 5u + 2u);
  EXPECT_TRUE(has(csv[1], ",1,Abstract,exact,1.0000,2023-11-14T22:13:20Z,sha256:"));
  EXPECT_TRUE(has(csv[1], ",2401.00001v1.pdf,A study | numbered 2401.00001v1\r"));
  // RFC 4180: a field with a comma or a quote is quoted, its quotes doubled.
  EXPECT_TRUE(has(csv[2],
                  "\"Accuracy reaches 92.5 percent, which beats the baseline, on the "
                  "\"\"distance\"\" task.\""))
      << csv[2];
  EXPECT_TRUE(has(csv[6], "PR-rope-offset-only,2401.00001v1,probe,,corroborated,probe,"));
  EXPECT_TRUE(has(csv[7], "causal/r2 = 0.01, expected >= 0.2"));
}

// A probe claim names its paper as the workflow author wrote it: an id (any version) or a title.
// The matrix's paper_id holds the fetched paper it means, or the id as written, never a title.
TEST_F(DraftCoreTest, ProbeRowsNameTheirPaperByIdWhetherTheClaimGaveAnIdOrATitle) {
  probe_evidence_[0]["paper"] = "2401.00002";                       // base id of a fetched paper
  probe_evidence_[1]["paper"] = "a STUDY: numbered 2401.00001v1.";  // its title, loosely
  Json unfetched = probe_evidence_[1];
  unfetched["claim_id"] = "from-a-seed";
  unfetched["row_id"] = "PR-from-a-seed";
  unfetched["paper"] = "Where Sinks Come From";
  unfetched["source"] = "seed 003, section 2";
  Json other_id = unfetched;
  other_id["claim_id"] = "other-id";
  other_id["row_id"] = "PR-other-id";
  other_id["paper"] = "arXiv:2504.20966";
  probe_evidence_.push_back(unfetched);
  probe_evidence_.push_back(other_id);
  DraftOutputs out = render();
  std::vector<std::string> csv = lines(out.evidence_matrix_csv);
  ASSERT_EQ(csv.size(), 1u + 5u + 4u);
  EXPECT_EQ(csv[6].rfind("PR-rope-offset-only,2401.00002v1,probe,", 0), 0u) << csv[6];
  EXPECT_TRUE(has(csv[6], ",A study | numbered 2401.00002v1\r")) << csv[6];
  EXPECT_EQ(csv[7].rfind("PR-causal-leak,2401.00001v1,probe,", 0), 0u) << csv[7];
  EXPECT_EQ(csv[8].rfind("PR-from-a-seed,,probe,", 0), 0u) << csv[8];
  EXPECT_TRUE(has(csv[8], ",\"seed 003, section 2\",,,,,,Where Sinks Come From\r")) << csv[8];
  EXPECT_EQ(csv[9].rfind("PR-other-id,2504.20966,probe,", 0), 0u) << csv[9];
  std::vector<std::string> claims = lines(out.claims_csv);
  EXPECT_TRUE(has(claims.back(), "other-id,")) << claims.back();
  EXPECT_TRUE(has(claims.back(), ",probe,2504.20966,PR-other-id,")) << claims.back();
}

TEST_F(DraftCoreTest, ClaimsCsvListsEveryClaimWithItsFindings) {
  DraftOutputs out = render();
  std::vector<std::string> csv = lines(out.claims_csv);
  EXPECT_EQ(csv[0],
            "claim_id,claim,kind,status,source_depth,paper_ids,evidence_rows,page,section,"
            "audit_findings,draft_section\r");
  ASSERT_EQ(csv.size(), 1u + 5u + 2u);
  EXPECT_EQ(csv[1],
            "EV-a1,Rotary embeddings encode relative position through rotation.,literature,"
            "supported,full-text,2401.00001v1,EV-a1,1,Abstract,0,evidence-base; findings\r");
  // EV-b1 is supported on a weak-scope paper: round 6 says so.
  EXPECT_TRUE(has(csv[3], ",EV-b1,1,,1,evidence-base; findings\r")) << csv[3];
  // The contradicted probe claim has round 7's warning.
  EXPECT_EQ(csv[7],
            "causal-leak,Position is readable under a causal mask.,probe,contradicted,probe,"
            "2401.00001v1,PR-causal-leak,,\"seed 001, abstract\",1,probe-results\r");
}

TEST_F(DraftCoreTest, ScoresComeFromTheFinalAudit) {
  DraftOutputs out = render();
  Json scores = Json::parse(out.scores_json);
  Json report = Json::parse(out.audit_report_json);
  EXPECT_EQ(scores["verified_share"], report["scores"]["verified_share"]);
  EXPECT_EQ(scores["proof_score"], 1.0);
  EXPECT_EQ(scores["corroboration_share"], 0.5);
  EXPECT_EQ(scores["findings_error"], report["counts"]["error"]);
  EXPECT_EQ(scores["findings_warning"], report["counts"]["warning"]);
  EXPECT_EQ(report["inputs"]["draft.md"], "draft-render");
}

TEST_F(DraftCoreTest, ProbeNumbersReadShortInTheDraftAndStayFullInTheMatrix) {
  probe_evidence_[1]["reason"] =
      "causal/r2 = 0.5309046499475532, bidirectional/r2 = -0.0026152079455741273, expected >= 0.2";
  DraftOutputs out = render();
  EXPECT_TRUE(
      has(out.draft_md, "causal/r2 = 0.5309, bidirectional/r2 = -0.002615, expected >= 0.2"))
      << out.draft_md;
  EXPECT_TRUE(has(out.evidence_matrix_csv, "0.5309046499475532"));
}

TEST_F(DraftCoreTest, RenderingTwiceGivesTheSameBytes) {
  DraftOutputs a = render(), b = render();
  EXPECT_EQ(a.draft_md, b.draft_md);
  EXPECT_EQ(a.evidence_matrix_csv, b.evidence_matrix_csv);
  EXPECT_EQ(a.claims_csv, b.claims_csv);
  EXPECT_EQ(a.audit_report_json, b.audit_report_json);
  EXPECT_EQ(a.scores_json, b.scores_json);
}

}  // namespace
}  // namespace quire::draft

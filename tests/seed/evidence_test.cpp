// Choosing sentences, building rows, and evidence.json / evidence_matrix.csv.
#include "evidence.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "csv_reader.hpp"
#include "render.hpp"
#include "row_id.hpp"

namespace quire::seed {
namespace {

using Json = nlohmann::json;
using Ids = std::vector<size_t>;
constexpr auto F = ClaimClass::kFinding;
constexpr auto C = ClaimClass::kContribution;
constexpr auto B = ClaimClass::kBackground;

TEST(SelectSentencesTest, FindingsThenContributionsThenPosition) {
  EXPECT_EQ(select_sentences({B, C, F, B, F}, 3, 1), (Ids{1, 2, 4}));
  EXPECT_EQ(select_sentences({B, C, F, B, F}, 2, 1), (Ids{2, 4}));
  EXPECT_EQ(select_sentences({C, C, C, F}, 2, 1), (Ids{0, 3}));
  EXPECT_EQ(select_sentences({F, F, F, F}, 3, 1), (Ids{0, 1, 2}));
}

TEST(SelectSentencesTest, BackgroundOnlyFillsTheMinimum) {
  EXPECT_EQ(select_sentences({B, B, B}, 3, 1), (Ids{0}));
  EXPECT_EQ(select_sentences({B, B, B}, 3, 2), (Ids{0, 1}));
  EXPECT_EQ(select_sentences({B, F, B}, 3, 2), (Ids{0, 1}));
  EXPECT_EQ(select_sentences({B, F, B}, 3, 1), (Ids{1}));
  EXPECT_EQ(select_sentences({B, B}, 3, 0), Ids{});
  EXPECT_EQ(select_sentences({}, 3, 1), Ids{});
  EXPECT_EQ(select_sentences({B}, 3, 3), (Ids{0}));  // fewer sentences than the minimum
}

QueueItem item(const std::string& id, const std::string& abstract,
               const std::string& fit = "unknown", std::optional<int64_t> rank = std::nullopt) {
  Paper paper{id, strip_version(id), "Title of " + id, abstract};
  return {paper, fit, rank};
}

const std::string kAbstractA =
    "Attention sinks have been widely reported. In this paper, we study them in toy models. "
    "We find that removing the first token lowers accuracy by 12 points, and the sink "
    "outperforms a learned bias. The code is public.";
const std::string kAbstractB = "Massive activations are large. They sit in few dimensions.";

TEST(SeedEvidenceTest, RowsInQueueOrderThenSentenceOrder) {
  SeedSettings settings;
  settings.anchors = {"2401.00002"};
  SeedOutcome out = seed_evidence({item("2401.00002v1", kAbstractB, "weak-scope", 1),
                                   item("2401.00001v3", kAbstractA, "in-scope", 2)},
                                  settings);
  ASSERT_EQ(out.rows.size(), 3u);
  EXPECT_EQ(out.papers, 2u);
  // Paper B has only background: one row (the minimum), its first sentence.
  const EvidenceRow& b = out.rows[0];
  EXPECT_EQ(b.paper_id, "2401.00002v1");
  EXPECT_EQ(b.role, "anchor");
  EXPECT_EQ(b.analysis.claim_class, ClaimClass::kBackground);
  EXPECT_EQ(b.sentence_index, 0u);
  EXPECT_EQ(b.taxonomy_fit, "weak-scope");
  EXPECT_EQ(b.triage_rank, 1);
  // Paper A: the contribution and the finding, in sentence order.
  EXPECT_EQ(out.rows[1].sentence_index, 1u);
  EXPECT_EQ(out.rows[1].analysis.claim_class, ClaimClass::kContribution);
  EXPECT_EQ(out.rows[2].sentence_index, 2u);
  EXPECT_EQ(out.rows[2].analysis.claim_class, ClaimClass::kFinding);
  EXPECT_EQ(out.rows[2].role, "auto-produced");
  EXPECT_EQ(out.rows[2].source_quote,
            "We find that removing the first token lowers accuracy by 12 points, and the sink "
            "outperforms a learned bias.");
  EXPECT_EQ(out.rows[2].analysis.numeric, (std::vector<std::string>{"12 points"}));
  EXPECT_EQ(out.rows[2].row_id, row_id("2401.00001", out.rows[2].source_quote));
  EXPECT_TRUE(out.warnings.empty());
}

TEST(SeedEvidenceTest, ElidedClaimKeepsTheWholeSourceQuote) {
  SeedSettings settings;
  settings.max_claim_chars = 60;
  SeedOutcome out = seed_evidence({item("2401.00001v3", kAbstractA)}, settings);
  const EvidenceRow& finding = out.rows.back();
  EXPECT_TRUE(finding.elided);
  EXPECT_NE(finding.claim.find(" [\xE2\x80\xA6] "), std::string::npos) << finding.claim;
  EXPECT_EQ(finding.source_quote,
            "We find that removing the first token lowers accuracy by 12 points, and the sink "
            "outperforms a learned bias.");
  // The id is the sentence's, not the elided claim's.
  EXPECT_EQ(finding.row_id, row_id("2401.00001", finding.source_quote));
}

TEST(SeedEvidenceTest, RowIdsAreStableAcrossRunsAndVersions) {
  SeedSettings settings;
  auto first = seed_evidence({item("2401.00001v1", kAbstractA)}, settings);
  auto second = seed_evidence({item("2401.00001v3", kAbstractA)}, settings);
  ASSERT_EQ(first.rows.size(), second.rows.size());
  for (size_t i = 0; i < first.rows.size(); ++i)
    EXPECT_EQ(first.rows[i].row_id, second.rows[i].row_id);
  auto other = seed_evidence({item("2401.00009v1", kAbstractA)}, settings);
  EXPECT_NE(first.rows[0].row_id, other.rows[0].row_id);
}

TEST(SeedEvidenceTest, RepeatedSentenceGivesOneRow) {
  SeedSettings settings;
  auto out = seed_evidence(
      {item("2401.00001v1", "We find a sink. We find a sink. We find a head.")}, settings);
  ASSERT_EQ(out.rows.size(), 2u);
  EXPECT_EQ(out.rows[0].sentence_index, 0u);
  EXPECT_EQ(out.rows[1].sentence_index, 2u);
  EXPECT_NE(out.rows[0].row_id, out.rows[1].row_id);
}

TEST(SeedEvidenceTest, WarningsForEmptyAbstractsAndMissingAnchors) {
  SeedSettings settings;
  settings.anchors = {"2401.00001", "2401.05555"};
  auto out = seed_evidence({item("2401.00001v1", "")}, settings);
  EXPECT_TRUE(out.rows.empty());
  EXPECT_EQ(out.papers_without_rows, 1u);
  EXPECT_EQ(out.warnings,
            (std::vector<std::string>{"2401.00001v1: no abstract sentences; no rows",
                                      "anchor 2401.05555 is not in the queue; it has no rows"}));
}

TEST(SeedEvidenceTest, AnchorsMatchByBaseIdWhateverTheVersion) {
  SeedSettings settings;
  settings.anchors = {"2401.00001v1", "2401.00002"};
  auto out = seed_evidence({item("2401.00001v3", kAbstractB), item("2401.00002v2", kAbstractB),
                            item("2401.00003v1", kAbstractB)},
                           settings);
  ASSERT_EQ(out.rows.size(), 3u);
  EXPECT_EQ(out.rows[0].role, "anchor");
  EXPECT_EQ(out.rows[1].role, "anchor");
  EXPECT_EQ(out.rows[2].role, "auto-produced");
  EXPECT_EQ(out.warnings, (std::vector<std::string>{
                              "anchor 2401.00001v1: the queue has 2401.00001v3, whose rows are "
                              "anchors all the same"}));
}

TEST(SeedEvidenceTest, ProgressAndCancellation) {
  std::vector<std::pair<size_t, size_t>> calls;
  seed_evidence({item("2401.00001v1", kAbstractA), item("2401.00002v1", kAbstractB)}, {},
                [&](size_t done, size_t total) { calls.emplace_back(done, total); });
  EXPECT_EQ(calls, (std::vector<std::pair<size_t, size_t>>{{1, 2}, {2, 2}}));
  EXPECT_THROW(seed_evidence({item("2401.00001v1", kAbstractA)}, {}, nullptr,
                             [] { throw std::runtime_error("cancelled"); }),
               std::runtime_error);
}

TEST(RenderTest, EvidenceJsonHasEveryField) {
  SeedSettings settings;
  settings.anchors = {"2401.00002"};
  auto out = seed_evidence(
      {item("2401.00002v1", kAbstractB, "in-scope", 4), item("2401.00001v3", kAbstractA)},
      settings);
  Json rows = Json::parse(evidence_json(out.rows));
  ASSERT_EQ(rows.size(), out.rows.size());
  const Json& first = rows[0];
  EXPECT_EQ(first["row_id"], out.rows[0].row_id);
  EXPECT_EQ(first["paper_id"], "2401.00002v1");
  EXPECT_EQ(first["base_id"], "2401.00002");
  EXPECT_EQ(first["title"], "Title of 2401.00002v1");
  EXPECT_EQ(first["role"], "anchor");
  EXPECT_EQ(first["claim"], "Massive activations are large.");
  EXPECT_EQ(first["source_quote"], "Massive activations are large.");
  EXPECT_EQ(first["sentence_index"], 0);
  EXPECT_EQ(first["elided"], false);
  EXPECT_EQ(first["source_depth"], "abstract");
  EXPECT_EQ(first["status"], "preliminary-linked");
  EXPECT_EQ(first["taxonomy_fit"], "in-scope");
  EXPECT_EQ(first["triage_rank"], 4);
  EXPECT_EQ(first["flags"], Json({{"numeric", false}, {"comparative", false}, {"result", false}}));
  EXPECT_EQ(first["triggers"], Json({{"numeric", Json::array()},
                                     {"comparative", Json::array()},
                                     {"result", Json::array()}}));
  EXPECT_EQ(first["claim_class"], "background");
  EXPECT_EQ(first["class_trigger"], nullptr);
  EXPECT_EQ(first.size(), 17u);

  const Json& finding = rows.back();
  EXPECT_EQ(finding["triage_rank"], nullptr);
  EXPECT_EQ(finding["taxonomy_fit"], "unknown");
  EXPECT_EQ(finding["flags"], Json({{"numeric", true}, {"comparative", true}, {"result", true}}));
  EXPECT_EQ(finding["triggers"]["numeric"], Json({"12 points"}));
  EXPECT_EQ(finding["triggers"]["comparative"], Json({"outperforms"}));
  EXPECT_EQ(finding["triggers"]["result"], Json({"We find", "lowers", "outperforms"}));
  EXPECT_EQ(finding["claim_class"], "finding");
  EXPECT_EQ(finding["class_trigger"], "We find");
}

TEST(RenderTest, MatrixCsvColumnsAndQuoting) {
  SeedSettings settings;
  auto out = seed_evidence(
      {item("2401.00001v3",
            "We show that \"sinks\", as we call\nthem, form early. They persist, we find.")},
      settings);
  std::string csv = evidence_matrix_csv(out.rows);
  auto table = testing::read_csv(csv);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table[0],
            (std::vector<std::string>{"row_id", "paper_id", "role", "taxonomy_fit", "status",
                                      "source_depth", "claim_class", "numeric", "comparative",
                                      "result", "triggers", "claim", "source_quote"}));
  EXPECT_EQ(table[0], matrix_columns());
  const auto& row = table[1];
  EXPECT_EQ(row[0], out.rows[0].row_id);
  EXPECT_EQ(row[1], "2401.00001v3");
  EXPECT_EQ(row[2], "auto-produced");
  EXPECT_EQ(row[3], "unknown");
  EXPECT_EQ(row[4], "preliminary-linked");
  EXPECT_EQ(row[5], "abstract");
  EXPECT_EQ(row[6], "finding");
  EXPECT_EQ(row[7], "false");
  EXPECT_EQ(row[8], "false");
  EXPECT_EQ(row[9], "true");
  EXPECT_EQ(row[10], "result: We show");
  EXPECT_EQ(row[11], "We show that \"sinks\", as we call\nthem, form early.");
  EXPECT_EQ(row[12], row[11]);
  EXPECT_NE(csv.find("\"We show that \"\"sinks\"\", as we call\nthem, form early.\""),
            std::string::npos);
  EXPECT_EQ(table[2][10], "result: we find");
}

TEST(RenderTest, TriggersText) {
  ClaimAnalysis a = analyse_claim("Our decoder outperforms the baseline by 10.7 dB and 0%.");
  EXPECT_EQ(triggers_text(a),
            "numeric: 10.7 dB | 0%; comparative: outperforms; result: outperforms");
  EXPECT_EQ(triggers_text(analyse_claim("Heads are matrices.")), "");
}

TEST(RenderTest, SummaryLine) {
  SeedSettings settings;
  settings.anchors = {"2401.00001"};
  auto out = seed_evidence({item("2401.00001v3", kAbstractA)}, settings);
  EXPECT_EQ(summary_line(out, false),
            "2 evidence rows from 1 papers (2 anchor rows; 1 finding, 1 contribution, 0 "
            "background; 1 numeric, 1 comparative, 1 result; 0 elided); taxonomy fit unknown "
            "(no triage input)");
}

}  // namespace
}  // namespace quire::seed

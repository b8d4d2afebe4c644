// A small ledger for the draft-render tests: two papers with cairo-drawn PDFs, rows in every
// state verify leaves them in, triage, and two probe claims.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <plugin_common/sha256.hpp>
#include <string>

#include "draft.hpp"
#include "support/pdf_maker.hpp"

namespace quire::draft::testing {

using Json = nlohmann::json;

inline constexpr const char* kPaperA = "2401.00001v1";
inline constexpr const char* kPaperB = "2401.00002v1";
inline constexpr const char* kQuoteA1 =
    "Rotary embeddings encode relative position through rotation.";
inline constexpr const char* kQuoteA2 =
    "Accuracy reaches 92.5 percent, which beats the baseline, on the \"distance\" task.";
inline constexpr const char* kQuoteB1 = "Attention sinks form in the first layer of small models.";

class DraftFixture {
 public:
  DraftFixture() {
    quire::testing::PdfMaker a;
    a.text(1, 72, 80, 14, "Abstract");
    a.text(1, 72, 110, 11, kQuoteA1);
    a.text(2, 72, 80, 14, "4 Results");
    a.text(2, 72, 110, 11, kQuoteA2);
    pdfs_[std::string(kPaperA) + ".pdf"] = a.pdf();
    quire::testing::PdfMaker b;
    b.text(1, 72, 110, 11, kQuoteB1);
    pdfs_[std::string(kPaperB) + ".pdf"] = b.pdf();
    for (const char* id : {kPaperA, kPaperB}) {
      std::string pdf = std::string(id) + ".pdf";
      papers_.push_back(
          {{"id", id},
           {"title", std::string("A study | numbered ") + id},
           {"authors", Json::array({{{"name", "Ada Lovelace"}}, {{"name", "Alan Turing"}}})},
           {"published", "2024-01-02T00:00:00Z"},
           {"abs_url", std::string("https://arxiv.org/abs/") + id},
           {"pdf_output", pdf},
           {"pdf_digest", common::sha256_digest(pdfs_[pdf])}});
    }
    triage_ = Json::array({{{"paper_id", kPaperA}, {"fit", "in-scope"}, {"selected", true}},
                           {{"paper_id", kPaperB}, {"fit", "weak-scope"}, {"selected", true}}});
    rows_.push_back(supported("EV-a1", kPaperA, kQuoteA1, 1, "Abstract"));
    rows_.push_back(supported("EV-a2", kPaperA, kQuoteA2, 2, "4 Results"));
    rows_[1]["flags"]["numeric"] = true;
    rows_[1]["flags"]["comparative"] = true;
    rows_.push_back(supported("EV-b1", kPaperB, kQuoteB1, 1, ""));
    rows_.push_back(
        preliminary("EV-b2", kPaperB, "Sinks shrink by 40 percent when the softmax is rectified."));
    rows_[3]["flags"]["numeric"] = true;
    rows_.push_back(preliminary("EV-b3", kPaperB, "We study how 12 papers describe 3 of 5 rows."));
    rows_[4]["status"] = "not-found";
    rows_[4]["elided"] = true;
    probes_ = {{"schema", "quire.probes/1"},
               {"device", {{"name", "cpu"}}},
               {"probes", Json::array({{{"id", "relativity"}, {"probe", "rope-relativity"}},
                                       {{"id", "leak"}, {"probe", "causal-leakage"}}})}};
    probe_evidence_ = Json::array(
        {probe("rope-offset-only", "relativity", "corroborated",
               "Under RoPE a query-key score changes only with the offset.",
               "x = 1e-16, expected x <= 1e-12"),
         probe("causal-leak", "leak", "contradicted", "Position is readable under a causal mask.",
               "causal/r2 = 0.01, expected >= 0.2")});
  }

  Json supported(const std::string& id, const std::string& paper, const std::string& quote,
                 int page, const std::string& section) {
    Json row = preliminary(id, paper, quote);
    row["status"] = "supported";
    row["source_depth"] = "full-text";
    row["locators"] = {{"page", page}, {"section", section}, {"boxes", Json::array()}};
    row["match_method"] = "exact";
    row["match_score"] = 1.0;
    row["pdf_digest"] = common::sha256_digest(pdfs_[paper + ".pdf"]);
    row["full_text_checked_at"] = "2023-11-14T22:13:20Z";
    return row;
  }

  static Json preliminary(const std::string& id, const std::string& paper,
                          const std::string& quote) {
    return {
        {"row_id", id},
        {"paper_id", paper},
        {"claim", quote},
        {"source_quote", quote},
        {"status", "preliminary-linked"},
        {"source_depth", "abstract"},
        {"role", "auto-produced"},
        {"taxonomy_fit", "in-scope"},
        {"claim_class", "finding"},
        {"elided", false},
        {"flags", {{"numeric", false}, {"comparative", false}, {"result", false}}},
        {"triggers",
         {{"numeric", Json::array()}, {"comparative", Json::array()}, {"result", Json::array()}}}};
  }

  static Json probe(const std::string& claim, const std::string& probe_id,
                    const std::string& verdict, const std::string& statement,
                    const std::string& reason) {
    return {{"row_id", "PR-" + claim}, {"claim_id", claim},       {"probe", probe_id},
            {"claim", statement},      {"statement", statement},  {"status", verdict},
            {"verdict", verdict},      {"source_depth", "probe"}, {"reason", reason},
            {"measured", 0.01},        {"paper", kPaperA},        {"source", "seed 001, abstract"}};
  }

  DraftInputs inputs() const {
    DraftInputs in;
    in.papers = {"fetch", papers_.dump()};
    in.evidence = {"verify", rows_.dump()};
    in.triage = audit::NamedInput{"triage", triage_.dump()};
    in.probes = audit::NamedInput{"probe", probes_.dump()};
    in.probe_evidence = audit::NamedInput{"probe", probe_evidence_.dump()};
    in.templates = templates_;
    in.read_pdf = [this](const std::string& name) -> std::optional<std::string> {
      auto it = pdfs_.find(name);
      if (it == pdfs_.end()) return std::nullopt;
      return it->second;
    };
    return in;
  }

  DraftSettings settings() const {
    DraftSettings s;
    s.title = "Rotary embeddings and sinks";
    s.direction = "how rotary embeddings relate to attention sinks";
    s.workflow = "workflows/demo.toml";
    s.run_clock = 1700000000;
    return s;
  }

  DraftOutputs render() const { return render_draft(inputs(), settings()); }

  std::map<std::string, std::string> pdfs_;
  Json papers_ = Json::array(), rows_ = Json::array(), triage_, probes_, probe_evidence_;
  std::map<std::string, std::string> templates_;
};

}  // namespace quire::draft::testing

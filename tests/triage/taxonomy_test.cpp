#include "taxonomy.hpp"

#include <gtest/gtest.h>

namespace quire::triage {
namespace {

constexpr const char* kOneTerm = R"("terms": [{"term": "attention sink", "weight": 3}])";

// The message parse_taxonomy throws for `json`, or "" when it parses.
std::string error_of(const std::string& json) {
  try {
    parse_taxonomy(json);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

std::string with_terms(const std::string& terms, const std::string& rest = "") {
  return R"({"terms": [)" + terms + "]" + (rest.empty() ? "" : ", " + rest) + "}";
}

TEST(TaxonomyTest, DefaultsAndAFullTerm) {
  Taxonomy t = parse_taxonomy(with_terms(
      R"({"term": "rotary position embedding", "weight": 4, "acronym": "RoPE",
          "variants": ["rotary positional encoding"]},
         {"term": "positional encoding", "weight": -1.5, "generic": true})"));
  ASSERT_EQ(t.terms.size(), 2u);
  EXPECT_EQ(t.terms[0].term, "rotary position embedding");
  EXPECT_EQ(t.terms[0].weight, 4.0);
  EXPECT_FALSE(t.terms[0].generic);
  EXPECT_EQ(t.terms[0].acronym, "RoPE");
  EXPECT_EQ(t.terms[0].variants, std::vector<std::string>{"rotary positional encoding"});
  EXPECT_EQ(t.terms[1].weight, -1.5);
  EXPECT_TRUE(t.terms[1].generic);
  EXPECT_EQ(t.terms[1].acronym, "");
  EXPECT_TRUE(t.required.empty());
  EXPECT_TRUE(t.excluded.empty());
  EXPECT_TRUE(t.categories.empty());
  EXPECT_EQ(t.excluded_penalty, 5.0);
  EXPECT_EQ(t.title_weight, 2.0);
  EXPECT_EQ(t.abstract_weight, 1.0);
  EXPECT_EQ(t.in_scope, 6.0);
  EXPECT_EQ(t.weak_scope, 2.0);
  EXPECT_EQ(t.top_n, 40);
  EXPECT_EQ(t.min_score, 2.0);
}

TEST(TaxonomyTest, EverySetting) {
  Taxonomy t = parse_taxonomy(std::string("{") + kOneTerm + R"(,
      "required": ["attention sink"], "excluded": ["wireless", "MIMO"],
      "categories": {"cs.LG": 1, "cs.CL": 1.5, "eess": -2},
      "excluded_penalty": 4, "title_weight": 3, "abstract_weight": 0.5, "in_scope": 8,
      "weak_scope": 3, "top_n": 5, "min_score": 1})");
  EXPECT_EQ(t.required, std::vector<std::string>{"attention sink"});
  EXPECT_EQ(t.excluded, (std::vector<std::string>{"wireless", "MIMO"}));
  using Weights = std::vector<std::pair<std::string, double>>;
  EXPECT_EQ(t.categories, (Weights{{"cs.CL", 1.5}, {"cs.LG", 1.0}, {"eess", -2.0}}));
  EXPECT_EQ(t.excluded_penalty, 4.0);
  EXPECT_EQ(t.title_weight, 3.0);
  EXPECT_EQ(t.abstract_weight, 0.5);
  EXPECT_EQ(t.in_scope, 8.0);
  EXPECT_EQ(t.weak_scope, 3.0);
  EXPECT_EQ(t.top_n, 5);
  EXPECT_EQ(t.min_score, 1.0);
}

TEST(TaxonomyTest, TermErrorsNameTheKeyPath) {
  std::string ok = R"({"term": "a b", "weight": 1}, {"term": "c", "weight": 1})";
  EXPECT_EQ(error_of(with_terms(ok + R"(, {"term": "sink", "weight": "high"})")),
            "config terms[2].weight must be a number, not a string");
  EXPECT_EQ(error_of(with_terms(R"({"term": "sink"})")),
            "config terms[0].weight is missing: it must be a number");
  EXPECT_EQ(error_of(with_terms(R"({"weight": 1})")),
            "config terms[0].term is missing: every term needs its phrase");
  EXPECT_EQ(error_of(with_terms(R"({"term": 7, "weight": 1})")),
            "config terms[0].term must be a string, not an integer");
  EXPECT_EQ(error_of(with_terms(R"({"term": " -- ", "weight": 1})")),
            "config terms[0].term must contain a word, got ' -- '");
  EXPECT_EQ(error_of(with_terms(ok + R"(, {"term": "sink", "weight": 1, "wieght": 2})")),
            "config terms[2] has an unknown key 'wieght' (a term has acronym, generic, term, "
            "variants, weight)");
  EXPECT_EQ(error_of(with_terms(R"({"term": "sink", "weight": 1, "generic": "yes"})")),
            "config terms[0].generic must be a boolean, not a string");
  EXPECT_EQ(error_of(with_terms(R"("sink")")), "config terms[0] must be a table, not a string");
}

TEST(TaxonomyTest, AcronymAndVariantErrors) {
  EXPECT_EQ(error_of(with_terms(R"({"term": "rope", "weight": 1, "acronym": "3D-RoPE"})")),
            "config terms[0].acronym must be one word of letters and digits, got '3D-RoPE'");
  EXPECT_EQ(error_of(with_terms(R"({"term": "rope", "weight": 1, "acronym": ""})")),
            "config terms[0].acronym must be one word of letters and digits, got ''");
  EXPECT_EQ(error_of(with_terms(R"({"term": "rope", "weight": 1, "variants": ["ok", 3]})")),
            "config terms[0].variants[1] must be a string, not an integer");
  EXPECT_EQ(error_of(with_terms(R"({"term": "rope", "weight": 1, "variants": "rotary"})")),
            "config terms[0].variants must be an array of strings, not a string");
}

TEST(TaxonomyTest, RepeatedTermsAndAcronyms) {
  EXPECT_EQ(error_of(with_terms(R"({"term": "attention sink", "weight": 1},
                                  {"term": "Attention-Sink", "weight": 2})")),
            "config terms[1].term 'Attention-Sink' repeats terms[0].term");
  EXPECT_EQ(error_of(with_terms(R"({"term": "a", "weight": 1, "acronym": "RoPE"},
                                  {"term": "b", "weight": 2, "acronym": "RoPE"})")),
            "config terms[1].acronym 'RoPE' repeats terms[0].acronym");
}

TEST(TaxonomyTest, TopLevelErrors) {
  EXPECT_EQ(error_of("{}"), "config terms is missing: list the direction's terms");
  EXPECT_EQ(error_of(R"({"terms": []})"), "config terms must list at least one term");
  EXPECT_EQ(error_of(R"({"terms": {"term": "x"}})"),
            "config terms must be an array of tables, not a table");
  EXPECT_EQ(error_of(with_terms(R"({"term": "x", "weight": 1})", R"("required": ["ok", "!"])")),
            "config required[1] must contain a word, got '!'");
  EXPECT_EQ(error_of(with_terms(R"({"term": "x", "weight": 1})", R"("excluded": [null])")),
            "config excluded[0] must be a string, not null");
  EXPECT_EQ(
      error_of(with_terms(R"({"term": "x", "weight": 1})", R"("categories": {"cs.CL": "high"})")),
      "config categories.cs.CL must be a number, not a string");
  EXPECT_EQ(error_of(with_terms(R"({"term": "x", "weight": 1})", R"("title_weight": -1)")),
            "config title_weight must not be negative, got -1");
  EXPECT_EQ(error_of(with_terms(R"({"term": "x", "weight": 1})", R"("excluded_penalty": -5)")),
            "config excluded_penalty must not be negative, got -5");
  EXPECT_EQ(error_of(with_terms(R"({"term": "x", "weight": 1})", R"("weak_scope": 7)")),
            "config in_scope (6) must not be below weak_scope (7)");
  EXPECT_EQ(error_of(with_terms(R"({"term": "x", "weight": 1})", R"("top_n": 0)")),
            "config top_n must be at least 1, got 0");
  EXPECT_EQ(error_of(with_terms(R"({"term": "x", "weight": 1})", R"("top_n": 2.5)")),
            "config top_n must be an integer, not a number");
  EXPECT_EQ(error_of(with_terms(R"({"term": "x", "weight": 1})", R"("in_scop": 2)")),
            "config in_scop is not a triage setting (known: abstract_weight, categories, "
            "excluded, excluded_penalty, in_scope, min_score, required, terms, title_weight, "
            "top_n, weak_scope)");
  EXPECT_EQ(error_of("[1]"), "config is not a JSON object");
}

}  // namespace
}  // namespace quire::triage

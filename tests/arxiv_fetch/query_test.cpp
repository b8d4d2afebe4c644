#include "query.hpp"

#include <gtest/gtest.h>

namespace quire::arxiv {
namespace {

FetchQuery rope_query() {
  FetchQuery q;
  q.categories = {"cs.CL", "cs.LG"};
  q.phrases = {"rotary position embedding", "RoPE"};
  q.date_from = "2023-01-01";
  q.date_to = "2024-12-31";
  return q;
}

TEST(QueryTest, SearchQueryCombinesCategoriesPhrasesAndDates) {
  EXPECT_EQ(search_query(rope_query()),
            "(cat:cs.CL OR cat:cs.LG) AND (ti:\"rotary position embedding\" OR "
            "abs:\"rotary position embedding\" OR ti:\"RoPE\" OR abs:\"RoPE\") AND "
            "submittedDate:[202301010000 TO 202412312359]");
}

TEST(QueryTest, SingleTermsNeedNoParenthesesAndOpenDatesAreWide) {
  FetchQuery q;
  q.categories = {"hep-th"};
  EXPECT_EQ(search_query(q), "cat:hep-th");
  q.date_from = "2020-02-29";
  EXPECT_EQ(search_query(q), "cat:hep-th AND submittedDate:[202002290000 TO 999912312359]");
  q.date_from.clear();
  q.date_to = "2001-01-31";
  EXPECT_EQ(search_query(q), "cat:hep-th AND submittedDate:[199101010000 TO 200101312359]");
  q = FetchQuery();
  q.phrases = {"  attention \n sink "};
  EXPECT_EQ(search_query(q), "(ti:\"attention sink\" OR abs:\"attention sink\")");
  EXPECT_TRUE(has_search(q));
  q = FetchQuery();
  q.ids = {*parse_arxiv_id("2104.09864")};
  EXPECT_FALSE(has_search(q));
  EXPECT_EQ(search_query(q), "");
}

TEST(QueryTest, FormEncodingAsArxivPyDoes) {
  EXPECT_EQ(form_encode("cat:cs.CL AND ti:\"a b\""), "cat%3Acs.CL+AND+ti%3A%22a+b%22");
  EXPECT_EQ(form_encode("[2023 TO 2024]"), "%5B2023+TO+2024%5D");
  EXPECT_EQ(form_encode("(x)&y=z/é"), "%28x%29%26y%3Dz%2F%C3%A9");
  EXPECT_EQ(form_encode("a-b_c.d~e"), "a-b_c.d~e");
}

TEST(QueryTest, ListingUrlPagesNewestFirst) {
  FetchQuery q;
  q.categories = {"cs.CL", "cs.LG"};
  EXPECT_EQ(listing_url(q, 100, 50),
            "https://export.arxiv.org/api/query?search_query=%28cat%3Acs.CL+OR+cat%3Acs.LG%29"
            "&start=100&max_results=50&sortBy=submittedDate&sortOrder=descending");
}

TEST(QueryTest, IdListUrl) {
  EXPECT_EQ(id_list_url("https://export.arxiv.org/api/query", {"2104.09864v5", "astro-ph/0601001"}),
            "https://export.arxiv.org/api/query?id_list=2104.09864v5%2Castro-ph%2F0601001"
            "&start=0&max_results=2");
}

TEST(QueryTest, ValidDates) {
  EXPECT_TRUE(valid_date("2024-02-29"));
  EXPECT_TRUE(valid_date("2000-02-29"));
  EXPECT_FALSE(valid_date("1900-02-29"));
  EXPECT_FALSE(valid_date("2023-02-29"));
  EXPECT_FALSE(valid_date("2023-04-31"));
  EXPECT_FALSE(valid_date("2023-13-01"));
  EXPECT_FALSE(valid_date("2023-00-10"));
  EXPECT_FALSE(valid_date("20230101"));
  EXPECT_FALSE(valid_date("2023-1-01"));
  EXPECT_FALSE(valid_date("2023-01-01T00"));
}

void expect_invalid(const FetchQuery& q, const std::string& fragment) {
  try {
    validate(q);
    ADD_FAILURE() << "accepted; expected an error with " << fragment;
  } catch (const QueryError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(QueryTest, ValidationNamesTheKey) {
  EXPECT_NO_THROW(validate(rope_query()));
  FetchQuery q = rope_query();
  q.categories = {"cs.CL) OR (all:x"};
  expect_invalid(q, "categories: 'cs.CL) OR (all:x' is not an arXiv category");
  q = rope_query();
  q.categories = {"physics.comp-ph", "q-bio.NC", "hep-th"};
  EXPECT_NO_THROW(validate(q));
  q.categories = {"cs."};
  expect_invalid(q, "categories");
  q = rope_query();
  q.phrases = {"say \"hi\""};
  expect_invalid(q, "phrases: 'say \"hi\"' must not contain");
  q.phrases = {" "};
  expect_invalid(q, "phrases: an empty phrase");
  q = rope_query();
  q.date_from = "2023-02-30";
  expect_invalid(q, "date_from: '2023-02-30' is not a date");
  q = rope_query();
  q.date_from = "2025-01-01";
  expect_invalid(q, "date_from 2025-01-01 is after date_to 2024-12-31");
  q = rope_query();
  q.max_results = 0;
  expect_invalid(q, "max_results must be between 1 and 30000");
  q.max_results = 30001;
  expect_invalid(q, "max_results");
  q = rope_query();
  q.page_size = 2001;
  expect_invalid(q, "page_size must be between 1 and 2000");
  q = rope_query();
  q.api_url = "ftp://export.arxiv.org/api/query";
  expect_invalid(q, "api_url must start with https://");
}

}  // namespace
}  // namespace quire::arxiv

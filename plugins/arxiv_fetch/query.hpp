// What to fetch, and the arXiv API URLs that ask for it (pure functions, no I/O).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "arxiv_id.hpp"

namespace quire::arxiv {

// A bad query setting; the message names the config key.
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FetchQuery {
  std::vector<std::string> categories;  // "cs.CL"; any of them (cat:A OR cat:B)
  std::vector<std::string> phrases;     // any of them, in title or abstract
  std::string date_from;                // YYYY-MM-DD, inclusive; empty: unbounded
  std::string date_to;                  // YYYY-MM-DD, inclusive; empty: unbounded
  std::vector<ArxivId> ids;             // explicit papers, fetched whatever the search says
  int64_t max_results = 50;             // papers from the search (ids come on top)
  int64_t page_size = 100;              // entries per API request
  std::string api_url = "https://export.arxiv.org/api/query";
};

// The API's limits: one request returns at most kMaxPageSize entries, and no query reaches
// past result kMaxResults (HTTP 400 beyond).
constexpr int64_t kMaxPageSize = 2000;
constexpr int64_t kMaxResults = 30000;
// Ids per id_list request: keeps URLs short (~1.5 kB).
constexpr size_t kIdsPerRequest = 100;

// Throws QueryError naming the key when a setting is malformed: a category that is not
// archive(.subject) letters, an empty phrase or one containing '"', a date that is not a real
// YYYY-MM-DD day, date_from after date_to, max_results outside 1..30000, page_size outside
// 1..2000, an api_url that is not http(s).
void validate(const FetchQuery& query);

// True when categories, phrases or dates ask for a search (ids alone do not).
bool has_search(const FetchQuery& query);

// The search_query expression, unencoded:
//   (cat:cs.CL OR cat:cs.LG) AND (ti:"rotary position" OR abs:"rotary position" OR ...)
//   AND submittedDate:[202301010000 TO 202412312359]
// An open date end becomes 19910101 (before arXiv) or 99991231. Empty without a search.
std::string search_query(const FetchQuery& query);

// application/x-www-form-urlencoded, as arxiv.py sends it: unreserved characters
// (A-Z a-z 0-9 - . _ ~) as they are, space as '+', every other byte as %XX.
std::string form_encode(std::string_view text);

// One page of the search, newest submissions first (sortBy=submittedDate, descending), so
// that max_results keeps the most recent papers and new submissions push older ones down
// rather than reshuffle the pages (the overlap that causes is deduplicated).
std::string listing_url(const FetchQuery& query, int64_t start, int64_t count);

// One id_list request for `ids` (already valid id strings), all in one page.
std::string id_list_url(const std::string& api_url, const std::vector<std::string>& ids);

// True when `date` is a real calendar day written YYYY-MM-DD.
bool valid_date(std::string_view date);

}  // namespace quire::arxiv

#include "query.hpp"

#include "text.hpp"

namespace quire::arxiv {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// archive or archive.subject: letters and inner hyphens ("cs.CL", "physics.comp-ph").
bool valid_category(std::string_view category) {
  if (category.empty() || category.size() > 32) return false;
  size_t dot = category.find('.');
  auto part_ok = [](std::string_view part) {
    if (part.empty() || !is_alpha(part.front()) || part.back() == '-') return false;
    for (char c : part)
      if (!is_alpha(c) && c != '-') return false;
    return true;
  };
  if (dot == std::string_view::npos) return part_ok(category);
  return part_ok(category.substr(0, dot)) && part_ok(category.substr(dot + 1));
}

std::string compact_date(const std::string& date, const char* open_end) {
  if (date.empty()) return open_end;
  return date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

}  // namespace

bool valid_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!is_digit(date[i])) return false;
  int year = std::stoi(std::string(date.substr(0, 4)));
  int month = std::stoi(std::string(date.substr(5, 2)));
  int day = std::stoi(std::string(date.substr(8, 2)));
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

void validate(const FetchQuery& query) {
  for (const auto& category : query.categories)
    if (!valid_category(category))
      throw QueryError("categories: '" + printable(category) +
                       "' is not an arXiv category (like cs.CL or hep-th)");
  for (const auto& phrase : query.phrases) {
    if (phrase.find_first_not_of(" \t\r\n") == std::string::npos)
      throw QueryError("phrases: an empty phrase matches nothing");
    if (phrase.find('"') != std::string::npos || phrase.size() > 200)
      throw QueryError("phrases: '" + printable(phrase) +
                       "' must not contain '\"' and must be at most 200 bytes");
    for (unsigned char c : phrase)
      if (c < 0x20 && c != '\t')
        throw QueryError("phrases: '" + printable(phrase) + "' contains a control character");
  }
  for (const auto& [key, date] :
       {std::pair{"date_from", &query.date_from}, std::pair{"date_to", &query.date_to}})
    if (!date->empty() && !valid_date(*date))
      throw QueryError(std::string(key) + ": '" + printable(*date) +
                       "' is not a date written YYYY-MM-DD");
  if (!query.date_from.empty() && !query.date_to.empty() && query.date_from > query.date_to)
    throw QueryError("date_from " + query.date_from + " is after date_to " + query.date_to);
  if (query.max_results < 1 || query.max_results > kMaxResults)
    throw QueryError("max_results must be between 1 and " + std::to_string(kMaxResults) +
                     " (the arXiv API's limit), got " + std::to_string(query.max_results));
  if (query.page_size < 1 || query.page_size > kMaxPageSize)
    throw QueryError("page_size must be between 1 and " + std::to_string(kMaxPageSize) + ", got " +
                     std::to_string(query.page_size));
  if (query.api_url.rfind("https://", 0) != 0 && query.api_url.rfind("http://", 0) != 0)
    throw QueryError("api_url must start with https:// or http://, got '" +
                     printable(query.api_url) + "'");
}

bool has_search(const FetchQuery& query) {
  return !query.categories.empty() || !query.phrases.empty() || !query.date_from.empty() ||
         !query.date_to.empty();
}

std::string search_query(const FetchQuery& query) {
  std::vector<std::string> clauses;
  auto any_of = [&](const std::vector<std::string>& terms) {
    if (terms.size() == 1) return terms[0];
    return "(" + join(terms, " OR ") + ")";
  };
  if (!query.categories.empty()) {
    std::vector<std::string> terms;
    for (const auto& category : query.categories) terms.push_back("cat:" + category);
    clauses.push_back(any_of(terms));
  }
  if (!query.phrases.empty()) {
    std::vector<std::string> terms;
    for (const auto& phrase : query.phrases) {
      std::string quoted = "\"" + collapse_whitespace(phrase) + "\"";
      terms.push_back("ti:" + quoted);
      terms.push_back("abs:" + quoted);
    }
    clauses.push_back(any_of(terms));
  }
  if (!query.date_from.empty() || !query.date_to.empty())
    clauses.push_back("submittedDate:[" + compact_date(query.date_from, "19910101") + "0000 TO " +
                      compact_date(query.date_to, "99991231") + "2359]");
  return join(clauses, " AND ");
}

std::string form_encode(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (is_alpha(static_cast<char>(c)) || is_digit(static_cast<char>(c)) || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string listing_url(const FetchQuery& query, int64_t start, int64_t count) {
  return query.api_url + "?search_query=" + form_encode(search_query(query)) +
         "&start=" + std::to_string(start) + "&max_results=" + std::to_string(count) +
         "&sortBy=submittedDate&sortOrder=descending";
}

std::string id_list_url(const std::string& api_url, const std::vector<std::string>& ids) {
  return api_url + "?id_list=" + form_encode(join(ids, ",")) +
         "&start=0&max_results=" + std::to_string(ids.size());
}

}  // namespace quire::arxiv

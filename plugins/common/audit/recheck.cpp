#include "recheck.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace quire::audit {
namespace {

// Decodes one UTF-8 code point at `i` (advancing it); malformed bytes come back as themselves.
char32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (extra == 0 || i + extra >= s.size()) {
    ++i;
    return c;
  }
  char32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += extra + 1;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Characters that carry no letters: spaces, dashes, hyphens, quotes and similar punctuation.
bool is_droppable(char32_t cp) {
  return (cp >= 0x2000 && cp <= 0x206F) || cp == 0x00A0 || cp == 0x00AD || cp == 0x00B7 ||
         cp == 0x2212 || cp == 0xFEFF || cp == 0x3000;
}

const char* ligature(char32_t cp) {
  static const char* const kLigatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  return cp >= 0xFB00 && cp <= 0xFB06 ? kLigatures[cp - 0xFB00] : nullptr;
}

bool has_digit(const std::string& token) {
  return std::any_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string fold_chars(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (cp < 0x80) {
      char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    } else if (const char* lig = ligature(cp)) {
      out += lig;
    } else if (!is_droppable(cp)) {
      append_utf8(out, cp);
    }
  }
  return out;
}

std::vector<std::string> fold_tokens(std::string_view text) {
  std::vector<std::string> raw;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) raw.push_back(current);
    current.clear();
  };
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f')
      flush();
    else
      current += c;
  }
  flush();
  std::vector<std::string> tokens;
  std::string pending;  // a token that ended in '-', waiting for its second half
  for (const std::string& t : raw) {
    std::string joined = pending + t;
    pending.clear();
    if (joined.size() > 1 && joined.back() == '-') {
      pending = joined;
      continue;
    }
    std::string folded = fold_chars(joined);
    if (!folded.empty()) tokens.push_back(folded);
  }
  if (!pending.empty() && !fold_chars(pending).empty()) tokens.push_back(fold_chars(pending));
  return tokens;
}

Recheck recheck_quote(std::string_view quote, const std::vector<std::string>& pages,
                      double jaccard) {
  Recheck result;
  result.method = "none";
  std::string needle = fold_chars(quote);
  if (needle.empty()) return result;

  std::string stream;
  std::vector<size_t> starts;  // where each page begins in `stream`
  for (const std::string& page : pages) {
    starts.push_back(stream.size());
    stream += fold_chars(page);
  }
  auto page_of = [&](size_t offset) {
    return static_cast<int>(std::upper_bound(starts.begin(), starts.end(), offset) -
                            starts.begin());
  };
  for (size_t at = stream.find(needle); at != std::string::npos; at = stream.find(needle, at + 1))
    if (result.pages.empty() || result.pages.back() != page_of(at))
      result.pages.push_back(page_of(at));
  if (!result.pages.empty()) {
    result.found = true;
    result.method = "chars";
    result.score = 1;
    return result;
  }

  std::vector<std::string> q = fold_tokens(quote);
  std::set<std::string> qset(q.begin(), q.end());
  std::vector<std::string> numbers;
  for (const std::string& t : qset)
    if (has_digit(t)) numbers.push_back(t);
  std::vector<std::string> doc;
  std::vector<int> doc_page;
  for (size_t p = 0; p < pages.size(); ++p)
    for (std::string& t : fold_tokens(pages[p])) {
      doc.push_back(std::move(t));
      doc_page.push_back(static_cast<int>(p + 1));
    }
  size_t width = q.size();
  if (width == 0 || doc.size() < width) return result;

  // Slide a window of the quote's length, keeping token counts, so each step costs O(1).
  std::map<std::string, int> counts;
  size_t shared = 0;  // distinct quote tokens present in the window
  auto add = [&](const std::string& t, int delta) {
    int& n = counts[t];
    bool before = n > 0;
    n += delta;
    bool after = n > 0;
    if (qset.count(t) && before != after) {
      if (after)
        ++shared;
      else
        --shared;
    }
    if (n == 0) counts.erase(t);
  };
  for (size_t i = 0; i < width; ++i) add(doc[i], 1);
  for (size_t start = 0;; ++start) {
    double score =
        static_cast<double>(shared) / static_cast<double>(qset.size() + counts.size() - shared);
    bool numbers_kept = std::all_of(numbers.begin(), numbers.end(),
                                    [&](const std::string& n) { return counts.count(n) > 0; });
    bool better = score > result.score || (!result.found && score == result.score);
    if (numbers_kept && score >= jaccard && (!result.found || score > result.score)) {
      result.found = true;
      result.method = "window";
      result.pages = {doc_page[start]};
      result.score = score;
    } else if (!result.found && better) {
      result.score = score;  // the best near miss, reported with the failure
    }
    if (start + width >= doc.size()) break;
    add(doc[start], -1);
    add(doc[start + width], 1);
  }
  return result;
}

}  // namespace quire::audit

#include "quote_match.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

namespace quire::verify {
namespace {

// At most this many non-overlapping windows above the threshold get the order, number and
// negation checks; a passage that fails them rarely has a better-aligned neighbour further down.
constexpr size_t kMaxCheckedWindows = 8;

// A Jaccard score kept as a fraction, so comparisons (and hence tie-breaks) are exact.
struct Score {
  uint32_t inter = 0;
  uint32_t uni = 0;  // 0: no window
  double value() const { return uni == 0 ? 0.0 : static_cast<double>(inter) / uni; }
};

bool greater(const Score& a, const Score& b) {
  return static_cast<uint64_t>(a.inter) * b.uni > static_cast<uint64_t>(b.inter) * a.uni;
}

struct Range {
  size_t begin = 0;
  size_t end = 0;
};

struct Window {
  Score score;
  Range range;
};

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

bool has_digit(std::string_view token) {
  return std::any_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The quote as ids: haystack ids where known, fresh ids past the vocabulary otherwise (the same
// unknown token twice gets the same id, so distinct-token counts stay right).
struct QuoteIds {
  std::vector<uint32_t> ids;
  bool all_known = true;
  size_t distinct = 0;
};

QuoteIds intern_quote(const PreparedHaystack& haystack, const std::vector<std::string>& quote) {
  QuoteIds result;
  std::unordered_map<std::string, uint32_t> unknown;
  std::vector<uint32_t> sorted;
  for (const std::string& token : quote) {
    uint32_t id = haystack.id_of(token);
    if (id == PreparedHaystack::kUnknown) {
      result.all_known = false;
      auto [it, inserted] = unknown.emplace(token, 0);
      if (inserted) it->second = static_cast<uint32_t>(haystack.vocabulary() + unknown.size() - 1);
      id = it->second;
    }
    result.ids.push_back(id);
  }
  sorted = result.ids;
  std::sort(sorted.begin(), sorted.end());
  result.distinct = std::unique(sorted.begin(), sorted.end()) - sorted.begin();
  return result;
}

// The earliest occurrence of the quote as a token run, skipping up to `max_skip` consecutive
// ignorable haystack tokens between two quote tokens (0: identical run). Greedy is complete here:
// a skipped token equal to the next quote token is itself ignorable, so matching it instead never
// loses a match.
std::optional<Range> find_run(const PreparedHaystack& haystack, const QuoteIds& quote,
                              const MatchOptions& options, size_t max_skip) {
  if (quote.ids.empty() || !quote.all_known) return std::nullopt;
  const std::vector<uint32_t>& ids = haystack.ids();
  for (uint32_t start : haystack.positions(quote.ids[0])) {
    size_t h = start + 1;
    size_t i = 1;
    size_t run = 0;
    while (i < quote.ids.size() && h < ids.size()) {
      if (ids[h] == quote.ids[i]) {
        ++i;
        ++h;
        run = 0;
      } else if (run < max_skip && options.ignorable(haystack.tokens()[h])) {
        ++run;
        ++h;
      } else {
        break;
      }
    }
    if (i == quote.ids.size()) return Range{start, h};
  }
  return std::nullopt;
}

// For every begin position, the best window starting there over all lengths in [m - m/5, m + m/5]
// (clamped to the haystack); lengths are tried closest to m first, shorter first, and only a
// strictly better score replaces, so ties keep the length nearest the quote's.
std::vector<Window> best_windows(const PreparedHaystack& haystack, const QuoteIds& quote) {
  const size_t n = haystack.size();
  const size_t m = quote.ids.size();
  std::vector<Window> best(n);
  std::vector<char> in_quote(haystack.vocabulary(), 0);
  for (uint32_t id : quote.ids) {
    if (id < in_quote.size()) in_quote[id] = 1;
  }
  std::vector<uint32_t> lengths;
  for (size_t d = 0; d <= m / 5; ++d) {
    for (size_t length : {m - d, m + d}) {
      length = std::max<size_t>(1, std::min(length, n));
      if (std::find(lengths.begin(), lengths.end(), length) == lengths.end()) {
        lengths.push_back(static_cast<uint32_t>(length));
      }
    }
  }
  const std::vector<uint32_t>& ids = haystack.ids();
  std::vector<uint32_t> counts(haystack.vocabulary(), 0);
  for (uint32_t length : lengths) {
    uint32_t distinct = 0;
    uint32_t inter = 0;
    for (size_t pos = 0; pos < n; ++pos) {
      if (counts[ids[pos]]++ == 0) {
        ++distinct;
        inter += in_quote[ids[pos]];
      }
      if (pos >= length && --counts[ids[pos - length]] == 0) {
        --distinct;
        inter -= in_quote[ids[pos - length]];
      }
      if (pos + 1 < length) continue;
      const size_t begin = pos + 1 - length;
      Score score{inter, static_cast<uint32_t>(quote.distinct + distinct - inter)};
      if (best[begin].score.uni == 0 || greater(score, best[begin].score)) {
        best[begin] = Window{score, Range{begin, pos + 1}};
      }
    }
    for (size_t pos = n - std::min<size_t>(length, n); pos < n; ++pos) counts[ids[pos]] = 0;
  }
  return best;
}

size_t lcs_length(const std::vector<uint32_t>& a, const uint32_t* b, size_t b_size) {
  std::vector<uint32_t> previous(b_size + 1, 0);
  std::vector<uint32_t> current(b_size + 1, 0);
  for (uint32_t x : a) {
    for (size_t j = 0; j < b_size; ++j) {
      current[j + 1] = x == b[j] ? previous[j] + 1 : std::max(previous[j + 1], current[j]);
    }
    std::swap(previous, current);
  }
  return previous[b_size];
}

struct Check {
  double order_share = 0.0;
  std::string failure;  // empty: promoted
};

// The fuzzy rung's guards on one window. Numbers and negations are judged on the aligned span (the
// window trimmed to its first and last token that the quote also has), so a neighbouring sentence
// caught at the window's edge cannot supply a missing "not" or number.
Check check_window(const PreparedHaystack& haystack, const std::vector<std::string>& quote,
                   const QuoteIds& quote_ids, Range window, const MatchOptions& options) {
  Check check;
  const std::vector<uint32_t>& ids = haystack.ids();
  const std::vector<std::string>& tokens = haystack.tokens();
  check.order_share = static_cast<double>(lcs_length(quote_ids.ids, ids.data() + window.begin,
                                                     window.end - window.begin)) /
                      quote.size();
  auto in_quote = [&](uint32_t id) {
    return std::find(quote_ids.ids.begin(), quote_ids.ids.end(), id) != quote_ids.ids.end();
  };
  Range span = window;
  while (span.begin < span.end && !in_quote(ids[span.begin])) ++span.begin;
  while (span.end > span.begin && !in_quote(ids[span.end - 1])) --span.end;

  for (const std::string& token : quote) {
    if (!has_digit(token)) continue;
    auto first = tokens.begin() + span.begin;
    auto last = tokens.begin() + span.end;
    if (std::find(first, last, token) != last) continue;
    auto other = std::find_if(first, last, [&](const std::string& t) {
      return has_digit(t) && std::find(quote.begin(), quote.end(), t) == quote.end();
    });
    check.failure = "number differs: " + token + (other == last ? " missing" : " vs " + *other);
    return check;
  }
  size_t quote_negations = 0;
  size_t text_negations = 0;
  for (size_t i = 0; i < quote.size(); ++i) quote_negations += is_negation(quote, i);
  for (size_t i = span.begin; i < span.end; ++i) text_negations += is_negation(tokens, i);
  if (quote_negations != text_negations) {
    check.failure = "negation differs (quote " + std::to_string(quote_negations) + ", text " +
                    std::to_string(text_negations) + ")";
    return check;
  }
  if (check.order_share < options.min_order_share) {
    check.failure = "order check failed: " + format_number(check.order_share) + " < " +
                    format_number(options.min_order_share);
  }
  return check;
}

MatchResult exact_result(MatchMethod method, Range range) {
  MatchResult result;
  result.method = method;
  result.score = 1.0;
  result.begin = result.candidate_begin = range.begin;
  result.end = result.candidate_end = range.end;
  result.candidate_score = 1.0;
  result.order_share = 1.0;
  return result;
}

MatchResult none_result(const Window& candidate, std::string reason, double order_share = 0.0) {
  MatchResult result;
  result.candidate_begin = candidate.range.begin;
  result.candidate_end = candidate.range.end;
  result.candidate_score = candidate.score.value();
  result.order_share = order_share;
  result.reason = std::move(reason);
  return result;
}

// Windows at or above the threshold, best first (earliest on ties), without overlaps.
std::vector<Window> promotable(const std::vector<Window>& best, double threshold) {
  std::vector<Window> above;
  for (const Window& window : best) {
    if (window.score.uni != 0 && window.score.value() >= threshold) above.push_back(window);
  }
  std::sort(above.begin(), above.end(), [](const Window& a, const Window& b) {
    if (greater(a.score, b.score)) return true;
    if (greater(b.score, a.score)) return false;
    return a.range.begin < b.range.begin;
  });
  std::vector<Window> picked;
  for (const Window& window : above) {
    bool overlaps = std::any_of(picked.begin(), picked.end(), [&](const Window& p) {
      return window.range.begin < p.range.end && p.range.begin < window.range.end;
    });
    if (!overlaps) picked.push_back(window);
    if (picked.size() == kMaxCheckedWindows) break;
  }
  return picked;
}

MatchResult fuzzy_rung(const PreparedHaystack& haystack, const std::vector<std::string>& quote,
                       const QuoteIds& quote_ids, const MatchOptions& options) {
  const std::vector<Window> best = best_windows(haystack, quote_ids);
  Window top;
  for (const Window& window : best) {
    if (top.score.uni == 0 || greater(window.score, top.score)) top = window;
  }
  if (quote.size() < options.min_tokens) {
    return none_result(top, "too short for fuzzy (" + std::to_string(quote.size()) + " < " +
                                std::to_string(options.min_tokens) + " tokens)");
  }
  const std::vector<Window> candidates = promotable(best, options.jaccard);
  if (candidates.empty()) {
    return none_result(top, "below threshold " + format_number(options.jaccard) + ": best " +
                                format_number(top.score.value()));
  }
  std::optional<std::pair<Window, Check>> first_failure;
  for (const Window& window : candidates) {
    Check check = check_window(haystack, quote, quote_ids, window.range, options);
    if (check.failure.empty()) {
      MatchResult result = none_result(window, "", check.order_share);
      result.method = MatchMethod::kFuzzy;
      result.score = window.score.value();
      result.begin = window.range.begin;
      result.end = window.range.end;
      return result;
    }
    if (!first_failure) first_failure.emplace(window, std::move(check));
  }
  return none_result(first_failure->first, first_failure->second.failure,
                     first_failure->second.order_share);
}

}  // namespace

const char* match_method_name(MatchMethod method) {
  switch (method) {
    case MatchMethod::kExact:
      return "exact";
    case MatchMethod::kNormalised:
      return "normalised";
    case MatchMethod::kContiguous:
      return "contiguous";
    case MatchMethod::kFuzzy:
      return "fuzzy";
    case MatchMethod::kNone:
      return "none";
  }
  return "none";
}

bool is_ignorable_token(std::string_view token) {
  if (token.empty()) return false;
  if (token.size() <= 3 &&
      std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return true;
  }
  // One character, ASCII or a single UTF-8 sequence.
  const auto lead = static_cast<unsigned char>(token[0]);
  const size_t width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  return width == token.size() && token != "a" && token != "i";
}

bool is_negation(const std::vector<std::string>& tokens, size_t i) {
  static const char* const kWords[] = {
      "not",    "no",      "never",   "without", "cannot",  "nor",     "neither",  "none",
      "nobody", "nothing", "nowhere", "nt",      "dont",    "doesnt",  "didnt",    "isnt",
      "arent",  "wasnt",   "werent",  "cant",    "couldnt", "wouldnt", "shouldnt", "wont",
      "hasnt",  "havent",  "hadnt",   "mustnt",  "neednt",  "aint"};
  static const char* const kStems[] = {"don",   "doesn", "didn",   "isn",    "aren",    "wasn",
                                       "weren", "can",   "couldn", "wouldn", "shouldn", "won",
                                       "hasn",  "haven", "hadn",   "mustn",  "needn",   "ain"};
  const std::string& token = tokens[i];
  for (const char* word : kWords) {
    if (token == word) return true;
  }
  if (token != "t" || i == 0) return false;
  for (const char* stem : kStems) {
    if (tokens[i - 1] == stem) return true;
  }
  return false;
}

PreparedHaystack::PreparedHaystack(const std::vector<std::string>& tokens) : tokens_(tokens) {
  ids_.reserve(tokens.size());
  for (size_t pos = 0; pos < tokens.size(); ++pos) {
    auto [it, inserted] = index_.emplace(tokens[pos], static_cast<uint32_t>(postings_.size()));
    if (inserted) postings_.emplace_back();
    ids_.push_back(it->second);
    postings_[it->second].push_back(static_cast<uint32_t>(pos));
  }
}

uint32_t PreparedHaystack::id_of(const std::string& token) const {
  auto it = index_.find(token);
  return it == index_.end() ? kUnknown : it->second;
}

MatchResult match_quote(const PreparedHaystack& haystack, const std::vector<std::string>& quote,
                        const MatchOptions& options) {
  if (quote.empty()) return none_result(Window{}, "empty quote");
  if (haystack.size() == 0) return none_result(Window{}, "empty document");
  const QuoteIds quote_ids = intern_quote(haystack, quote);
  if (std::optional<Range> run = find_run(haystack, quote_ids, options, 0)) {
    return exact_result(options.exact_raw ? MatchMethod::kExact : MatchMethod::kNormalised, *run);
  }
  if (std::optional<Range> run =
          find_run(haystack, quote_ids, options, options.max_ignorable_run)) {
    return exact_result(MatchMethod::kContiguous, *run);
  }
  return fuzzy_rung(haystack, quote, quote_ids, options);
}

MatchResult match_quote(const std::vector<std::string>& haystack,
                        const std::vector<std::string>& quote, const MatchOptions& options) {
  return match_quote(PreparedHaystack(haystack), quote, options);
}

}  // namespace quire::verify

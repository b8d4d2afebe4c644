#include "elide.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "utf8.hpp"

namespace quire::seed {
namespace {

// Places where the kept beginning may end and where the kept end may start (byte offsets).
struct Cuts {
  std::vector<size_t> heads;  // the beginning is sentence[0, head)
  std::vector<size_t> tails;  // the end is sentence[tail, size)
};

bool at(std::string_view text, size_t pos, std::string_view what) {
  return text.compare(pos, what.size(), what) == 0;
}

Cuts clause_cuts(std::string_view s) {
  Cuts cuts;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if ((s[i] == ',' || s[i] == ';' || s[i] == ':') && s[i + 1] == ' ') {
      cuts.heads.push_back(i + 1);
      cuts.tails.push_back(i + 2);
    }
    for (std::string_view dash : {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " -- "}) {  // — –
      if (!at(s, i, dash)) continue;
      cuts.heads.push_back(i);
      cuts.tails.push_back(i + dash.size());
    }
    if (at(s, i, " (")) cuts.heads.push_back(i);
    if (at(s, i, ") ")) cuts.tails.push_back(i + 2);
  }
  return cuts;
}

Cuts word_cuts(std::string_view s) {
  Cuts cuts;
  for (size_t i = 1; i + 1 < s.size(); ++i) {
    if (!is_space(s[i]) || is_space(s[i - 1])) continue;
    cuts.heads.push_back(i);
    size_t next = i;
    while (next < s.size() && is_space(s[next])) ++next;
    cuts.tails.push_back(next);
  }
  return cuts;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// A kept end never starts with the dash that separated it ("[…] — and" reads as "[…] and").
std::string_view drop_leading_dash(std::string_view text) {
  for (std::string_view dash : {"\xE2\x80\x94 ", "\xE2\x80\x93 ", "-- "})
    if (text.compare(0, dash.size(), dash) == 0) return text.substr(dash.size());
  return text;
}

bool has_content(std::string_view text) {
  for (char c : text)
    if (!is_space(c)) return true;
  return false;
}

// The best head/tail pair within the budget, or a claim that is not elided when none fits.
Claim best_pair(std::string_view s, const std::vector<size_t>& heads,
                const std::vector<size_t>& tails, size_t max_chars) {
  size_t mark = utf8_length(kElisionMark), best_kept = 0, best_head = 0;
  Claim best;
  for (size_t head : heads) {
    std::string_view begin = trim(s.substr(0, head));
    size_t head_chars = utf8_length(begin);
    if (begin.empty() || head_chars + mark > max_chars) continue;
    for (size_t tail : tails) {
      if (tail <= head || !has_content(s.substr(head, tail - head))) continue;
      std::string_view end = drop_leading_dash(trim(s.substr(tail)));
      size_t kept = head_chars + utf8_length(end);
      if (end.empty() || kept + mark > max_chars) continue;
      if (kept < best_kept || (kept == best_kept && head_chars <= best_head)) continue;
      best_kept = kept;
      best_head = head_chars;
      best.text = std::string(begin) + std::string(kElisionMark) + std::string(end);
      best.elided = true;
    }
  }
  return best;
}

// No end fits (the sentence ends in one enormous word): the longest beginning that ends at a
// word boundary, or else between characters, then the mark.
Claim head_only(std::string_view s, const Cuts& cuts, size_t max_chars) {
  std::string_view end_mark = trim(kElisionMark);
  size_t budget = max_chars - 1 - utf8_length(end_mark), best = 0;
  for (size_t head : cuts.heads)
    if (utf8_length(trim(s.substr(0, head))) <= budget) best = std::max(best, head);
  if (best == 0) {
    for (size_t chars = 0; best < s.size() && chars < budget; ++chars)
      best += decode_at(s, best).size;
  }
  return {std::string(trim(s.substr(0, best))) + " " + std::string(end_mark), true};
}

}  // namespace

Claim elide(std::string_view sentence, size_t max_chars) {
  if (max_chars < 16) throw std::invalid_argument("elide: max_chars must be at least 16");
  if (utf8_length(sentence) <= max_chars) return {std::string(sentence), false};
  // Both cuts at clause boundaries if that keeps at least half the budget; else one cut at a
  // clause boundary and the other between words; else both between words.
  Cuts clauses = clause_cuts(sentence), words = word_cuts(sentence);
  Claim mixed_head = best_pair(sentence, words.heads, clauses.tails, max_chars);
  Claim mixed_tail = best_pair(sentence, clauses.heads, words.tails, max_chars);
  bool tail_wins = utf8_length(mixed_tail.text) > utf8_length(mixed_head.text);
  Claim tiers[] = {best_pair(sentence, clauses.heads, clauses.tails, max_chars),
                   tail_wins ? mixed_tail : mixed_head,
                   best_pair(sentence, words.heads, words.tails, max_chars)};
  Claim claim;
  for (Claim& tier : tiers) {
    size_t kept = utf8_length(tier.text);
    if (tier.elided && kept >= max_chars / 2) {
      claim = std::move(tier);
      break;
    }
    if (kept > utf8_length(claim.text)) claim = std::move(tier);
  }
  if (!claim.elided) claim = head_only(sentence, word_cuts(sentence), max_chars);
  return claim;
}

}  // namespace quire::seed

#include "claims.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

#include "utf8.hpp"

namespace quire::seed {
namespace {

// A run of ASCII letters, lower-cased, with its place in the sentence.
struct Word {
  std::string lower;
  size_t begin = 0;
  size_t end = 0;
};
using Words = std::vector<Word>;

Words split_words(std::string_view text) {
  Words words;
  for (size_t i = 0; i < text.size();) {
    if (!is_ascii_alpha(text[i])) {
      ++i;
      continue;
    }
    Word word;
    word.begin = i;
    while (i < text.size() && is_ascii_alpha(text[i]))
      word.lower += static_cast<char>(text[i] | 0x20), ++i;
    word.end = i;
    words.push_back(std::move(word));
  }
  return words;
}

// A phrase match: words [first, last] of the sentence.
using Guard = std::function<bool(const Words&, size_t first, size_t last)>;

struct Rule {
  const char* const* phrases;  // space-separated lower-case words, longest phrases first
  size_t count;
  Guard allowed;  // null: always
};

std::vector<std::string_view> phrase_words(const char* phrase) {
  std::vector<std::string_view> out;
  std::string_view rest(phrase);
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    out.push_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  return out;
}

bool previous_is(const Words& words, size_t first, std::initializer_list<const char*> list) {
  if (first == 0) return false;
  return std::any_of(list.begin(), list.end(),
                     [&](const char* w) { return words[first - 1].lower == w; });
}

bool next_is(const Words& words, size_t last, std::initializer_list<const char*> list) {
  if (last + 1 >= words.size()) return false;
  return std::any_of(list.begin(), list.end(),
                     [&](const char* w) { return words[last + 1].lower == w; });
}

// Spans of one kind, without overlaps; the first rule to claim a span keeps it.
class Spans {
 public:
  void add(size_t begin, size_t end) {
    for (const auto& [b, e] : spans_)
      if (begin < e && b < end) return;
    spans_.emplace_back(begin, end);
  }
  void match(std::string_view text, const Words& words, const Rule& rule) {
    for (size_t i = 0; i < words.size(); ++i)
      for (size_t p = 0; p < rule.count; ++p) {
        auto parts = phrase_words(rule.phrases[p]);
        if (i + parts.size() > words.size()) continue;
        bool same = true;
        for (size_t k = 0; k < parts.size() && same; ++k)
          same = words[i + k].lower == parts[k] &&
                 (k == 0 || adjacent(text, words[i + k - 1], words[i + k]));
        size_t last = i + parts.size() - 1;
        if (!same || (rule.allowed && !rule.allowed(words, i, last))) continue;
        add(words[i].begin, words[last].end);
      }
  }
  // Texts in order of appearance, each once.
  std::vector<std::string> texts(std::string_view text) const {
    auto sorted = spans_;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::string> out;
    for (const auto& [b, e] : sorted) {
      std::string piece(text.substr(b, e - b));
      if (std::find(out.begin(), out.end(), piece) == out.end()) out.push_back(piece);
    }
    return out;
  }
  size_t first_begin() const {
    size_t first = std::string_view::npos;
    for (const auto& span : spans_) first = std::min(first, span.first);
    return first;
  }
  bool empty() const { return spans_.empty(); }

 private:
  // Words of a phrase are separated by spaces or hyphens only ("leads to", "state-of-the-art").
  static bool adjacent(std::string_view text, const Word& a, const Word& b) {
    std::string_view gap = text.substr(a.end, b.begin - a.end);
    return !gap.empty() &&
           std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' ' || c == '-'; });
  }
  std::vector<std::pair<size_t, size_t>> spans_;
};

// ---- Result language ----
constexpr const char* kResultPhrases[] = {
    "gives rise to", "is due to",    "are due to",  "was due to",  "were due to",    "we show",
    "we find",       "we found",     "we observe",  "we observed", "we demonstrate", "we prove",
    "we confirm",    "we establish", "we identify", "we uncover",  "leads to",       "lead to",
    "led to",        "leading to",   "results in",  "result in",   "resulted in",    "stems from",
    "arises from",   "arise from"};
constexpr const char* kResultWords[] = {
    "show",          "shows",       "showed",    "shown",       "finds",        "demonstrates",
    "demonstrated",  "demonstrate", "reveals",   "revealed",    "reveal",       "achieves",
    "achieved",      "achieve",     "achieving", "outperforms", "outperformed", "outperform",
    "outperforming", "improves",    "improved",  "improve",     "improving",    "reduces",
    "reduced",       "reduce",      "reducing",  "yields",      "yielded",      "yield",
    "surpasses",     "surpassed",   "surpass",   "eliminates",  "eliminated",   "eliminate",
    "mitigates",     "mitigated",   "mitigate",  "increases",   "increased",    "decreases",
    "decreased",     "boosts",      "boosted",   "attains",     "attained",     "confirms",
    "confirmed",     "proves",      "causes",    "results",     "findings",     "lowers",
    "lowered",       "raises",      "raised",    "drops",       "dropped",      "degrades",
    "degraded",      "collapses",   "collapsed"};

// A verb right after "to" states a purpose ("to reduce"), and a participle after an article or
// preposition is an adjective ("an improved method", "as shown in"): neither reports a result.
bool result_word_allowed(const Words& words, size_t first, size_t) {
  if (previous_is(words, first, {"to"})) return false;
  const std::string& w = words[first].lower;
  bool participle = w.size() > 3 && (w.compare(w.size() - 2, 2, "ed") == 0 ||
                                     w.compare(w.size() - 3, 3, "ing") == 0 || w == "shown");
  return !participle || !previous_is(words, first,
                                     {"a", "an", "the", "this", "these", "its", "their", "our",
                                      "with", "of", "for", "in", "by", "as", "and", "or"});
}

// ---- Comparative language ----
constexpr const char* kComparativePhrases[] = {
    "in comparison with", "in comparison to", "compared with", "compared to",
    "on par with",        "superior to",      "inferior to"};
constexpr const char* kComparativeWords[] = {
    "outperforms", "outperformed", "outperform", "outperforming", "surpasses", "surpassed",
    "surpass",     "surpassing",   "exceeds",    "exceeded",      "exceed",    "exceeding",
    "higher",      "lower",        "faster",     "slower",        "versus",    "vs"};

// "higher layers", "lower bound" name things rather than compare them.
bool comparative_word_allowed(const Words& words, size_t first, size_t last) {
  const std::string& w = words[first].lower;
  if (w != "higher" && w != "lower") return true;
  return !next_is(words, last,
                  {"bound", "bounds", "layer", "layers", "level", "levels", "order", "dimensional",
                   "triangular", "case"});
}

// "better"/"worse" compare, except in "to better understand".
bool better_allowed(const Words& words, size_t first, size_t last) {
  return !previous_is(words, first, {"to"}) &&
         !next_is(words, last, {"understand", "understanding", "explain", "capture"});
}
constexpr const char* kBetterWords[] = {"better", "worse"};

// Words that open a comparison closed by "than" up to three words later ("higher accuracy than").
const std::string kThanLeads[] = {"more",     "less",   "fewer",  "better", "worse",   "higher",
                                  "lower",    "faster", "slower", "larger", "smaller", "greater",
                                  "stronger", "weaker", "longer", "shorter"};

// "X-er than", "more/less/fewer (...) than": the span from the compared word to "than".
void match_than(const Words& words, Spans* spans) {
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[i].lower != "than") continue;
    const std::string& before = words[i - 1].lower;
    if (before == "rather" || before == "other") continue;
    size_t from = i - 1;
    bool compared = before.size() > 3 && before.compare(before.size() - 2, 2, "er") == 0;
    for (size_t back = i; !compared && back > 0 && i - back < 4; --back) {
      const std::string& w = words[back - 1].lower;
      if (std::find(std::begin(kThanLeads), std::end(kThanLeads), w) != std::end(kThanLeads)) {
        compared = true;
        from = back - 1;
      }
    }
    if (compared) spans->add(words[from].begin, words[i].end);
  }
}

// ---- Contribution and background cues ----
constexpr const char* kContributionPhrases[] = {
    "in this paper", "in this work", "in this study",  "this paper",    "this work",
    "this study",    "we propose",   "we introduce",   "we present",    "we develop",
    "we design",     "we study",     "we investigate", "we explore",    "we analyze",
    "we analyse",    "we describe",  "we formalize",   "we formalise",  "we release",
    "we provide",    "we construct", "we revisit",     "we examine",    "we conduct",
    "we train",      "we evaluate",  "we benchmark",   "we perform",    "we call",
    "we term",       "we dub",       "we derive",      "we extend",     "we compare",
    "we measure",    "our method",   "our approach",   "our framework", "our model"};
constexpr const char* kBackgroundPhrases[] = {
    "little is known", "poorly understood", "open question",  "prior work",
    "prior works",     "previous work",     "previous works", "previous studies",
    "prior studies",   "has been",          "have been",      "had been",
    "has become",      "have become",       "plays a",        "play a",
    "is known",        "are known",         "recently",       "recent",
    "widely",          "remains",           "remain",         "however",
    "existing",        "traditionally",     "typically",      "commonly",
    "conventional",    "conventionally",    "popular",        "despite"};
constexpr const char* kFirstPerson[] = {"this paper", "this work", "this study", "we",
                                        "our",        "us",        "ours"};

template <size_t N>
Rule rule(const char* const (&phrases)[N], Guard guard = nullptr) {
  return Rule{phrases, N, std::move(guard)};
}

}  // namespace

const char* class_name(ClaimClass claim_class) {
  switch (claim_class) {
    case ClaimClass::kFinding:
      return "finding";
    case ClaimClass::kContribution:
      return "contribution";
    case ClaimClass::kBackground:
      return "background";
  }
  return "background";
}

ClaimAnalysis analyse_claim(std::string_view sentence) {
  Words words = split_words(sentence);
  Spans result, comparative, contribution, background, own;
  result.match(sentence, words, rule(kResultPhrases));
  result.match(sentence, words, rule(kResultWords, result_word_allowed));
  comparative.match(sentence, words, rule(kComparativePhrases));
  match_than(words, &comparative);
  comparative.match(sentence, words, rule(kComparativeWords, comparative_word_allowed));
  comparative.match(sentence, words, rule(kBetterWords, better_allowed));
  contribution.match(sentence, words, rule(kContributionPhrases));
  background.match(sentence, words, rule(kBackgroundPhrases));
  own.match(sentence, words, rule(kFirstPerson));

  ClaimAnalysis a;
  a.result = result.texts(sentence);
  a.comparative = comparative.texts(sentence);
  a.numeric = numeric_triggers(sentence);
  a.contribution_cues = contribution.texts(sentence);
  a.background_cues = background.texts(sentence);
  for (auto& text : a.comparative)  // "vs." keeps its dot: it is the trigger as written
    if ((text == "vs" || text == "Vs") && sentence.find(text + ".") != std::string_view::npos)
      text += ".";
  a.first_person = !own.empty();
  bool only_background = !a.background_cues.empty() && !a.first_person;
  if (!a.result.empty() && !only_background) {
    a.claim_class = ClaimClass::kFinding;
    a.class_trigger = a.result.front();
  } else if (!a.contribution_cues.empty()) {
    a.claim_class = ClaimClass::kContribution;
    a.class_trigger = a.contribution_cues.front();
  } else if ((!a.comparative.empty() || !a.numeric.empty()) && !only_background) {
    a.claim_class = ClaimClass::kFinding;
    bool numeric_first =
        a.comparative.empty() ||
        (!a.numeric.empty() && sentence.find(a.numeric.front()) < comparative.first_begin());
    a.class_trigger = numeric_first ? a.numeric.front() : a.comparative.front();
  } else {
    a.claim_class = ClaimClass::kBackground;
    if (!a.background_cues.empty()) a.class_trigger = a.background_cues.front();
  }
  return a;
}

}  // namespace quire::seed

// Numeric language: numbers with units, percentages, multipliers, ranges and number phrases.
#include <algorithm>
#include <cstring>

#include "claims.hpp"
#include "utf8.hpp"

namespace quire::seed {
namespace {

struct Unit {
  const char* text;
  bool attached_only;  // "7B", "3x": no space allowed between number and unit
};

// Longest first where one is a prefix of another; each must end on a word boundary.
constexpr Unit kUnits[] = {{"orders of magnitude", false},
                           {"order of magnitude", false},
                           {"percentage points", false},
                           {"percentage point", false},
                           {"GPU-hours", false},
                           {"GPU hours", false},
                           {"parameters", false},
                           {"trillion", false},
                           {"thousand", false},
                           {"billion", false},
                           {"million", false},
                           {"percent", false},
                           {"per cent", false},
                           {"seconds", false},
                           {"minutes", false},
                           {"GFLOPs", false},
                           {"TFLOPs", false},
                           {"PFLOPs", false},
                           {"tokens", false},
                           {"params", false},
                           {"points", false},
                           {"FLOPs", false},
                           {"FLOPS", false},
                           {"times", false},
                           {"hours", false},
                           {"bytes", false},
                           {"token", false},
                           {"-fold", true},
                           {"fold", false},
                           {"-point", true},
                           {"point", false},
                           {"days", false},
                           {"bits", false},
                           {"GHz", false},
                           {"MHz", false},
                           {"kHz", false},
                           {"GiB", false},
                           {"MiB", false},
                           {"KiB", false},
                           {"TiB", false},
                           {"sec", false},
                           {"min", false},
                           {"bit", false},
                           {"dB", false},
                           {"pp", false},
                           {"ms", false},
                           {"ns", false},
                           {"\xC2\xB5s", false},
                           {"\xCE\xBCs", false},
                           {"Hz", false},
                           {"GB", false},
                           {"MB", false},
                           {"KB", false},
                           {"TB", false},
                           {"%", false},
                           {"\xC3\x97", false},  // ×
                           {"x", true},
                           {"K", true},
                           {"k", true},
                           {"M", true},
                           {"B", true},
                           {"T", true},
                           {"s", false}};

constexpr const char* kNumberWords[] = {"two",   "three",   "four",     "five",      "six",
                                        "seven", "eight",   "nine",     "ten",       "twenty",
                                        "fifty", "hundred", "thousand", "a hundred", "a thousand"};
constexpr const char* kMultiplierWords[] = {"twice",    "twofold", "threefold",   "fourfold",
                                            "fivefold", "tenfold", "hundredfold", "thousandfold"};

// Spans without overlaps: the first added wins.
class SpanSet {
 public:
  void add(size_t begin, size_t end) {
    for (const auto& [b, e] : spans_)
      if (begin < e && b < end) return;
    spans_.emplace_back(begin, end);
  }
  std::vector<std::string> texts(std::string_view text) {
    std::sort(spans_.begin(), spans_.end());
    std::vector<std::string> out;
    for (const auto& [b, e] : spans_) {
      std::string piece(text.substr(b, e - b));
      if (std::find(out.begin(), out.end(), piece) == out.end()) out.push_back(piece);
    }
    return out;
  }

 private:
  std::vector<std::pair<size_t, size_t>> spans_;
};

bool starts_with(std::string_view text, size_t pos, std::string_view what) {
  return text.compare(pos, what.size(), what) == 0;
}

// Matches ignoring ASCII case, on word boundaries at both ends.
bool word_at(std::string_view text, size_t pos, std::string_view word) {
  if (pos + word.size() > text.size()) return false;
  if (pos > 0 && is_ascii_alnum(text[pos - 1])) return false;
  for (size_t i = 0; i < word.size(); ++i)
    if ((text[pos + i] | 0x20) != (word[i] | 0x20) ||
        is_ascii_alpha(text[pos + i]) != is_ascii_alpha(word[i]))
      return false;
  size_t end = pos + word.size();
  return end == text.size() || !is_ascii_alnum(text[end]);
}

bool is_gap(std::string_view text, size_t pos, size_t* size) {
  if (pos < text.size() && text[pos] == ' ') return *size = 1, true;
  for (std::string_view gap : {"\xC2\xA0", "\xE2\x80\x89", "\xE2\x80\xAF"})  // nbsp, thin spaces
    if (starts_with(text, pos, gap)) return *size = gap.size(), true;
  return false;
}

bool is_dash(std::string_view text, size_t pos, size_t* size) {
  if (pos < text.size() && text[pos] == '-') return *size = 1, true;
  for (std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x88\x92"})  // – — −
    if (starts_with(text, pos, dash)) return *size = dash.size(), true;
  return false;
}

// A number starting at a digit: 100,000 / 3.5 / 1e-4.
struct Number {
  size_t end = 0;
  bool grouped = false;     // thousands separators: a counted quantity
  bool scientific = false;  // 1e-6: a measured quantity
};

Number scan_number(std::string_view text, size_t pos) {
  Number number;
  while (pos < text.size() && is_ascii_digit(text[pos])) ++pos;
  while (pos + 3 < text.size() && text[pos] == ',' && is_ascii_digit(text[pos + 1]) &&
         is_ascii_digit(text[pos + 2]) && is_ascii_digit(text[pos + 3]) &&
         (pos + 4 == text.size() || !is_ascii_digit(text[pos + 4]))) {
    pos += 4;
    number.grouped = true;
  }
  if (pos + 1 < text.size() && text[pos] == '.' && is_ascii_digit(text[pos + 1])) {
    ++pos;
    while (pos < text.size() && is_ascii_digit(text[pos])) ++pos;
  }
  if (pos + 1 < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    size_t exp = pos + 1;
    if (exp < text.size() && (text[exp] == '-' || text[exp] == '+')) ++exp;
    if (exp < text.size() && is_ascii_digit(text[exp])) {
      while (exp < text.size() && is_ascii_digit(text[exp])) ++exp;
      if (exp == text.size() || !is_ascii_alpha(text[exp])) {
        pos = exp;
        number.scientific = true;
      }
    }
  }
  number.end = pos;
  return number;
}

// Where a number that has a digit at `digit` really starts (a sign or "~" in front), or npos
// when the digit continues a word or identifier ("GPT-4", "v2", "L2", "x_1", "n^2").
size_t number_start(std::string_view text, size_t digit) {
  if (digit == 0) return 0;
  size_t prev = previous_start(text, digit);
  uint32_t cp = decode_at(text, prev).value;
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (is_ascii_alnum(c) || std::strchr("_.^/,\\", c) != nullptr) return std::string_view::npos;
    if (c == '-' || c == '+') {
      bool in_word = prev > 0 && is_ascii_alnum(text[prev - 1]);
      return in_word ? std::string_view::npos : prev;
    }
    return c == '~' || c == '$' ? prev : digit;
  }
  if (cp == 0x2212 || cp == 0x2248 || cp == 0x223C || cp == 0x20AC || cp == 0xA3) return prev;
  return is_upper(cp) || is_lower(cp) ? std::string_view::npos : digit;
}

// A unit right after a number ending at `pos`: the end of the unit, or npos.
size_t scan_unit(std::string_view text, size_t pos) {
  size_t gap = 0;
  bool spaced = is_gap(text, pos, &gap);
  for (const Unit& unit : kUnits) {
    if (spaced && unit.attached_only) continue;
    size_t at = spaced ? pos + gap : pos;
    std::string_view name(unit.text);
    if (!starts_with(text, at, name)) continue;
    size_t end = at + name.size();
    if (end < text.size() && is_ascii_alpha(name.back()) && is_ascii_alnum(text[end])) continue;
    bool multiplier = name == "x" || name == "\xC3\x97";
    size_t after = end, more = 0;
    if (is_gap(text, after, &more)) after += more;
    if (multiplier && after < text.size() && is_ascii_digit(text[after])) continue;  // 3x3, 3 × 3
    if (!spaced && name == "s") continue;                                            // "1990s"
    return end;
  }
  return std::string_view::npos;
}

bool is_year(std::string_view number) {
  return number.size() == 4 && (starts_with(number, 0, "19") || starts_with(number, 0, "20"));
}

bool is_currency(std::string_view text, size_t pos) {
  uint32_t cp = decode_at(text, pos).value;
  return cp == '$' || cp == 0x20AC || cp == 0xA3;
}

// Every number with a unit, a range (not of years), a currency sign, thousands separators,
// scientific notation or a leading "0." (a fraction: "0.93", "p < 0.05"); a bare integer or a
// version-like "3.1" is not numeric language.
void scan_numbers(std::string_view text, SpanSet* spans) {
  for (size_t i = 0; i < text.size();) {
    if (!is_ascii_digit(text[i])) {
      ++i;
      continue;
    }
    size_t start = number_start(text, i);
    Number first = scan_number(text, i);
    if (start == std::string_view::npos) {
      i = first.end;
      continue;
    }
    Number second;
    size_t dash = 0;
    bool range = is_dash(text, first.end, &dash) && first.end + dash < text.size() &&
                 is_ascii_digit(text[first.end + dash]);
    if (range) second = scan_number(text, first.end + dash);
    size_t last = range ? second.end : first.end;
    size_t unit_end = scan_unit(text, last);
    bool years = range && is_year(text.substr(i, first.end - i)) &&
                 is_year(text.substr(first.end + dash, second.end - first.end - dash));
    bool fraction = text.compare(i, 2, "0.") == 0 && first.end > i + 2;
    if (unit_end != std::string_view::npos)
      spans->add(start, unit_end);
    else if ((range && !years) || (start < i && is_currency(text, start)) || first.grouped ||
             first.scientific || fraction)
      spans->add(start, last);
    i = last;
  }
}

// "two times", "an order of magnitude", "a factor of four", "twofold", "twice".
void scan_number_phrases(std::string_view text, SpanSet* spans) {
  for (size_t pos = 0; pos < text.size(); ++pos) {
    for (const char* word : kMultiplierWords)
      if (word_at(text, pos, word)) spans->add(pos, pos + std::strlen(word));
    for (const char* word : kNumberWords) {
      size_t n = std::strlen(word), gap = 0;
      if (!word_at(text, pos, word) || !is_gap(text, pos + n, &gap)) continue;
      for (const Unit& unit : kUnits) {
        std::string_view name(unit.text);
        if (unit.attached_only || !is_ascii_alpha(name[0]) || !word_at(text, pos + n + gap, name))
          continue;
        if (name == "s" || name == "sec" || name == "min") continue;
        spans->add(pos, pos + n + gap + name.size());
        break;
      }
    }
    for (std::string_view phrase : {"orders of magnitude", "order of magnitude"}) {
      if (!word_at(text, pos, phrase)) continue;
      size_t from = pos;
      for (std::string_view lead : {"an ", "one ", "several ", "many "})
        if (pos >= lead.size() && word_at(text, pos - lead.size(), lead.substr(0, lead.size() - 1)))
          from = pos - lead.size();
      spans->add(from, pos + phrase.size());
    }
    if (word_at(text, pos, "factor of")) {
      size_t next = pos + 10, end = next;
      while (end < text.size() &&
             (is_ascii_alnum(text[end]) || text[end] == '.' || text[end] == ','))
        ++end;
      while (end > next && (text[end - 1] == '.' || text[end - 1] == ',')) --end;
      if (end > next) spans->add(pos, end);
    }
  }
}

}  // namespace

std::vector<std::string> numeric_triggers(std::string_view sentence) {
  SpanSet spans;
  scan_numbers(sentence, &spans);
  scan_number_phrases(sentence, &spans);
  return spans.texts(sentence);
}

}  // namespace quire::seed

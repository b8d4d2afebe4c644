#include "sentences.hpp"

#include <algorithm>
#include <cstring>

#include "utf8.hpp"

namespace quire::seed {
namespace {

constexpr size_t kMaxBracketSpan = 400;
constexpr size_t kMaxMathSpan = 600;

// Abbreviations after which a sentence never ends, compared ignoring case.
constexpr const char* kStrong[] = {
    "fig",  "figs", "eq",    "eqs",   "eqn",  "eqns", "ref",  "refs", "thm",  "thms",   "lem",
    "defn", "prop", "cor",   "alg",   "algo", "cf",   "vs",   "viz",  "resp", "approx", "ca",
    "e.g",  "i.e",  "w.r.t", "a.k.a", "incl", "esp",  "excl", "eg",   "ie",   "wrt",    "appx"};
// The same, compared exactly: titles and "No.", whose lower-case forms are ordinary words.
constexpr const char* kStrongExact[] = {"Dr", "Mr",  "Mrs", "Ms",  "Prof",
                                        "No", "Nos", "Vol", "Vols"};
// Abbreviations that may also end a sentence ("etc."), or whose lower-case form is a word or a
// unit ("sec", "app", "p"): they end one only before a typical sentence start.
constexpr const char* kAmbiguous[] = {"etc",  "sec", "secs", "sect", "app", "ch",
                                      "chap", "ex",  "tab",  "tbl",  "p",   "pp"};
constexpr const char* kAmbiguousExact[] = {"Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "Bros", "St"};
// Words that typically start a sentence: after an ambiguous abbreviation they mean a new one.
// Space-separated, with a space at both ends.
constexpr std::string_view kStarters =
    " A Across Additionally After All Also Although Among An And As At Based Because Before "
    "Both But By Code Compared Consequently Despite Each Empirically Existing Experiments "
    "Finally First For From Further Furthermore Given Hence Here However If Importantly In "
    "Instead Interestingly It Its Lastly Many Moreover Most Next Notably On One Our Overall "
    "Previous Prior Recent Recently Results Second Since So Some Specifically Such "
    "Surprisingly That The Their Then There These They This Those Though Thus To Under Unlike "
    "Using We When While With ";

enum class Abbrev { kNone, kStrong, kAmbiguous };

bool equals_ignore_case(std::string_view a, const char* b) {
  size_t n = std::strlen(b);
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; ++i) {
    char x = a[i], y = b[i];
    if (is_ascii_upper(x)) x = static_cast<char>(x - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

template <size_t N>
bool in_list(std::string_view word, const char* const (&list)[N], bool any_case) {
  return std::any_of(std::begin(list), std::end(list), [&](const char* entry) {
    return any_case ? equals_ignore_case(word, entry) : word == entry;
  });
}

// "U.S", "J.R.R", "i.i.d": letters separated by single dots.
bool is_dotted(std::string_view token) {
  if (token.size() < 3 || token.find('.') == std::string_view::npos) return false;
  for (size_t i = 0; i < token.size(); ++i) {
    bool letter_slot = i % 2 == 0;
    if (letter_slot ? !is_ascii_alpha(token[i]) : token[i] != '.') return false;
  }
  return true;
}

bool is_opener_byte(char c) { return c == '(' || c == '[' || c == '{' || c == '"' || c == '\''; }

// The token that ends at `dot` (the text since the last space, leading openers dropped) and the
// one before it, to classify the word in front of a dot.
Abbrev classify_abbrev(std::string_view text, size_t dot) {
  size_t start = dot;
  while (start > 0 && !is_space(text[start - 1])) --start;
  std::string_view token = text.substr(start, dot - start);
  while (!token.empty() && is_opener_byte(token.front())) token.remove_prefix(1);
  if (token.empty()) return Abbrev::kNone;
  if (in_list(token, kStrong, true) || in_list(token, kStrongExact, false)) return Abbrev::kStrong;
  if (in_list(token, kAmbiguous, true) || in_list(token, kAmbiguousExact, false))
    return Abbrev::kAmbiguous;
  if (token.size() == 1 && is_ascii_upper(token[0])) return Abbrev::kAmbiguous;  // an initial
  if (is_dotted(token)) return Abbrev::kAmbiguous;
  if (token == "al") {  // "et al."
    size_t end = start;
    while (end > 0 && is_space(text[end - 1])) --end;
    if (end >= 2 && equals_ignore_case(text.substr(end - 2, 2), "et") &&
        (end == 2 || !is_ascii_alpha(text[end - 3])))
      return Abbrev::kAmbiguous;
  }
  return Abbrev::kNone;
}

// Marks the bytes that can hold no sentence boundary.
class Shield {
 public:
  explicit Shield(std::string_view text) : text_(text), shielded_(text.size(), false) {
    mark_math();
    mark_urls();
    mark_brackets();
  }
  bool operator[](size_t pos) const { return shielded_[pos]; }

 private:
  void mark(size_t begin, size_t end) {
    std::fill(shielded_.begin() + begin, shielded_.begin() + end, true);
  }

  bool escaped(size_t pos) const { return pos > 0 && text_[pos - 1] == '\\'; }

  // $..$, $$..$$, \(..\) and \[..\], each only when closed within kMaxMathSpan bytes. A single
  // '$' follows pandoc's rule: no space after the opening one, none before the closing one and
  // no digit right after it, so "$35,000" opens nothing.
  void mark_math() {
    for (size_t i = 0; i < text_.size(); ++i) {
      size_t end = std::string_view::npos;
      if (text_[i] == '$' && !escaped(i))
        end = text_.compare(i, 2, "$$") == 0 ? find_close(i + 2, "$$") : find_dollar(i);
      else if (text_.compare(i, 2, "\\(") == 0)
        end = find_close(i + 2, "\\)");
      else if (text_.compare(i, 2, "\\[") == 0)
        end = find_close(i + 2, "\\]");
      else
        continue;
      if (end == std::string_view::npos) continue;
      mark(i, end);
      i = end - 1;
    }
  }

  // The end of the closing delimiter, or npos.
  size_t find_close(size_t from, std::string_view close) const {
    size_t at = text_.find(close, from);
    if (at == std::string_view::npos || at + close.size() - from > kMaxMathSpan)
      return std::string_view::npos;
    return at + close.size();
  }

  size_t find_dollar(size_t open) const {
    if (open + 1 >= text_.size() || is_space(text_[open + 1])) return std::string_view::npos;
    for (size_t at = open + 2; at < text_.size() && at - open <= kMaxMathSpan; ++at) {
      if (text_[at] != '$' || escaped(at)) continue;
      if (is_space(text_[at - 1])) continue;
      if (at + 1 < text_.size() && is_ascii_digit(text_[at + 1])) continue;
      return at + 1;
    }
    return std::string_view::npos;
  }

  // A URL runs to the next space, less trailing punctuation and an unmatched closing bracket.
  void mark_urls() {
    static constexpr std::string_view kStarts[] = {"http://", "https://", "ftp://", "www."};
    for (size_t i = 0; i < text_.size(); ++i) {
      if (i > 0 && !is_space(text_[i - 1]) && !is_opener_byte(text_[i - 1])) continue;
      bool url = std::any_of(std::begin(kStarts), std::end(kStarts), [&](std::string_view s) {
        return text_.compare(i, s.size(), s) == 0;
      });
      if (!url) continue;
      size_t end = i;
      while (end < text_.size() && !is_space(text_[end])) ++end;
      size_t stop = end;
      while (stop > i && std::strchr(".,;:!?\"')]}", text_[stop - 1]) != nullptr) {
        char c = text_[stop - 1];
        char open = c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : 0;
        if (open != 0 && std::count(text_.begin() + i, text_.begin() + stop, open) >=
                             std::count(text_.begin() + i, text_.begin() + stop, c))
          break;
        --stop;
      }
      mark(i, stop);
      i = end;
    }
  }

  // The inside of matched bracket pairs; an unmatched one shields nothing.
  void mark_brackets() {
    std::vector<size_t> open;
    for (size_t i = 0; i < text_.size(); ++i) {
      if (shielded_[i]) continue;
      char c = text_[i];
      if (c == '(' || c == '[' || c == '{') {
        open.push_back(i);
        continue;
      }
      char want = c == ')' ? '(' : c == ']' ? '[' : c == '}' ? '{' : 0;
      if (want == 0 || open.empty() || text_[open.back()] != want) continue;
      size_t begin = open.back();
      open.pop_back();
      if (i - begin > kMaxBracketSpan) continue;
      // "(A whole sentence.) Next": the terminator right before the closer stays visible when
      // the bracket opens a sentence, so the splitter can end the sentence after it.
      size_t inner_end = i;
      if (opens_sentence(begin))
        while (inner_end > begin + 1 && std::strchr(".!?", text_[inner_end - 1]) != nullptr)
          --inner_end;
      mark(begin + 1, inner_end);
    }
  }

  // The text before `pos` is empty or ends with a terminator (and closers) plus whitespace.
  bool opens_sentence(size_t pos) const {
    size_t before = pos;
    while (before > 0 && is_space(text_[before - 1])) --before;
    if (before == 0) return true;
    if (before == pos) return false;
    while (before > 0 && std::strchr(")]}\"'", text_[before - 1]) != nullptr) --before;
    return before > 0 && std::strchr(".!?", text_[before - 1]) != nullptr;
  }

  std::string_view text_;
  std::vector<bool> shielded_;
};

size_t terminator_size(std::string_view text, size_t pos) {
  char c = text[pos];
  if (c == '.' || c == '!' || c == '?') return 1;
  if (text.compare(pos, 3, "\xE2\x80\xA6") == 0) return 3;  // …
  return 0;
}

size_t closer_size(std::string_view text, size_t pos) {
  char c = text[pos];
  if (c == ')' || c == ']' || c == '}' || c == '"' || c == '\'') return 1;
  for (std::string_view closer : {"\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB"})  // ” ’ »
    if (text.compare(pos, closer.size(), closer) == 0) return closer.size();
  return 0;
}

size_t opener_size(std::string_view text, size_t pos) {
  if (is_opener_byte(text[pos])) return 1;
  for (std::string_view opener : {"\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB"})  // “ ‘ «
    if (text.compare(pos, opener.size(), opener) == 0) return opener.size();
  return 0;
}

// What the next sentence would start with.
enum class Start { kLower, kUpper, kDigit, kContinuation, kOther };

Start classify_start(std::string_view text, size_t pos) {
  while (pos < text.size() && opener_size(text, pos) > 0) pos += opener_size(text, pos);
  if (pos >= text.size()) return Start::kOther;
  char c = text[pos];
  if (std::strchr(",;:)]}", c) != nullptr) return Start::kContinuation;
  if (is_ascii_digit(c)) return Start::kDigit;
  uint32_t cp = decode_at(text, pos).value;
  if (is_lower(cp)) return Start::kLower;
  if (is_upper(cp)) return Start::kUpper;
  return Start::kOther;
}

// The word at `pos` (after any openers) is a typical sentence start, and not itself an initial
// ("A. B. Jones").
bool starts_with_starter(std::string_view text, size_t pos) {
  while (pos < text.size() && opener_size(text, pos) > 0) pos += opener_size(text, pos);
  size_t end = pos;
  while (end < text.size() && is_ascii_alpha(text[end])) ++end;
  if (end < text.size() && text[end] == '.') return false;
  if (end == pos) return false;
  std::string word = " " + std::string(text.substr(pos, end - pos)) + " ";
  return kStarters.find(word) != std::string_view::npos;
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : text_(text), shield_(text) {}

  std::vector<Sentence> run() {
    size_t start = 0;
    for (size_t i = 0; i < text_.size();) {
      size_t size = shield_[i] ? 0 : terminator_size(text_, i);
      if (size == 0) {
        ++i;
        continue;
      }
      size_t run_end = i;  // terminators: "?!", "...", "…"
      while (run_end < text_.size() && !shield_[run_end] && terminator_size(text_, run_end) > 0)
        run_end += terminator_size(text_, run_end);
      size_t end = run_end;
      while (end < text_.size() && closer_size(text_, end) > 0) end += closer_size(text_, end);
      if (ends_sentence(i, run_end, end)) {
        emit(start, end);
        start = end;
      }
      i = end;
    }
    emit(start, text_.size());
    return std::move(sentences_);
  }

 private:
  bool ends_sentence(size_t first, size_t run_end, size_t end) const {
    size_t next = end;
    while (next < text_.size() && is_space(text_[next])) ++next;
    if (next == text_.size()) return true;
    bool single_dot = run_end - first == 1 && text_[first] == '.';
    bool ellipsis = !single_dot && (text_[first] == '.' || terminator_size(text_, first) == 3);
    if (next == end) return single_dot || !ellipsis ? joined_boundary(first, end) : false;
    Start start = classify_start(text_, next);
    if (start == Start::kLower || start == Start::kContinuation) return false;
    if (ellipsis) return start != Start::kDigit;
    Abbrev abbrev = single_dot ? classify_abbrev(text_, first) : Abbrev::kNone;
    if (abbrev == Abbrev::kStrong) return false;
    if (abbrev == Abbrev::kAmbiguous)
      return start == Start::kUpper && starts_with_starter(text_, next);
    return true;
  }

  // "word.Word" with no space: a boundary only between a lower-case word (or a digit, ')' or
  // '%') and a capitalised word, never after an abbreviation or inside a dotted name.
  bool joined_boundary(size_t dot, size_t end) const {
    if (dot == 0 || end != dot + 1 || end + 1 >= text_.size()) return false;
    char before = text_[dot - 1];
    if (!is_ascii_lower(before) && !is_ascii_digit(before) && before != ')' && before != '%')
      return false;
    if (!is_ascii_upper(text_[end]) || !is_ascii_lower(text_[end + 1])) return false;
    size_t start = dot;
    while (start > 0 && !is_space(text_[start - 1])) --start;
    if (text_.substr(start, dot - start).find('.') != std::string_view::npos) return false;
    return text_[dot] != '.' || classify_abbrev(text_, dot) == Abbrev::kNone;
  }

  void emit(size_t begin, size_t end) {
    while (begin < end && is_space(text_[begin])) ++begin;
    while (end > begin && is_space(text_[end - 1])) --end;
    if (begin == end) return;
    std::string_view piece = text_.substr(begin, end - begin);
    bool has_word = false;
    for (size_t pos = 0; pos < piece.size() && !has_word; pos += decode_at(piece, pos).size) {
      uint32_t cp = decode_at(piece, pos).value;
      has_word = is_ascii_alnum(static_cast<char>(cp & 0x7F)) && cp < 0x80;
      has_word = has_word || is_upper(cp) || is_lower(cp);
    }
    if (!has_word && !sentences_.empty()) {
      Sentence& last = sentences_.back();
      last.end = end;
      last.text = std::string(text_.substr(last.begin, end - last.begin));
      return;
    }
    sentences_.push_back({std::string(piece), begin, end});
  }

  std::string_view text_;
  Shield shield_;
  std::vector<Sentence> sentences_;
};

}  // namespace

std::vector<Sentence> split_sentences(std::string_view text) { return Splitter(text).run(); }

}  // namespace quire::seed

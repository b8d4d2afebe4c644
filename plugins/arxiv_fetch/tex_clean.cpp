#include "tex_clean.hpp"

#include <algorithm>
#include <cstring>
#include <map>

#include "tex_tables.hpp"
#include "text.hpp"

namespace quire::arxiv {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Arguments nest by recursion; past this depth (only hostile input goes there) an argument
// is kept as raw text, so the stack stays small.
constexpr int kMaxDepth = 64;

std::string convert(std::string_view src, bool math, int depth);

class Converter {
 public:
  Converter(std::string_view src, bool math, int depth) : s_(src), math_(math), depth_(depth) {}

  std::string run() {
    while (pos_ < s_.size()) step();
    return out_;
  }

 private:
  char peek(size_t ahead = 0) const { return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0'; }
  bool at_end() const { return pos_ >= s_.size(); }
  void skip_spaces() {
    while (!at_end() && is_space(s_[pos_])) ++pos_;
  }

  void step() {
    char c = s_[pos_];
    if (c == '\\') return command();
    if (c == '$' && !math_) return dollar();
    if (c == '{' || c == '}') {
      ++pos_;
      return;
    }
    if (c == '~') {
      ++pos_;
      out_ += ' ';
      return;
    }
    if (math_ && (c == '^' || c == '_')) return script(c);
    if (!math_ && text_ligature()) return;
    out_ += c;
    ++pos_;
  }

  // --- and -- and `` and '' in text.
  bool text_ligature() {
    std::string_view rest = s_.substr(pos_);
    static const std::pair<std::string_view, std::string_view> kLigatures[] = {
        {"---", "—"}, {"--", "–"}, {"``", "“"}, {"''", "”"}, {"`", "‘"}};
    for (const auto& [tex, text] : kLigatures)
      if (rest.substr(0, tex.size()) == tex) {
        out_ += text;
        pos_ += tex.size();
        return true;
      }
    return false;
  }

  // The raw text of a {group} at pos_ (braces balanced, escapes skipped), advancing past it.
  std::string_view raw_group() {
    size_t start = ++pos_;
    int depth = 1;
    while (!at_end()) {
      char c = s_[pos_];
      if (c == '\\') {
        pos_ += 2;
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) break;
      ++pos_;
    }
    size_t end = std::min(pos_, s_.size());
    if (!at_end()) ++pos_;
    return s_.substr(start, end - start);
  }

  // The next argument's raw text: a {group}, a control sequence or one UTF-8 character.
  std::string_view raw_argument() {
    skip_spaces();
    if (at_end()) return {};
    if (s_[pos_] == '{') return raw_group();
    size_t start = pos_;
    if (s_[pos_] == '\\') {
      ++pos_;
      if (is_alpha(peek())) {
        while (is_alpha(peek())) ++pos_;
        return s_.substr(start, pos_ - start);
      }
    }
    skip_character();
    return s_.substr(start, pos_ - start);
  }

  // Moves past one whole UTF-8 character.
  void skip_character() {
    if (at_end()) return;
    ++pos_;
    while (!at_end() && (static_cast<unsigned char>(s_[pos_]) & 0xC0) == 0x80) ++pos_;
  }

  std::string argument() { return convert(raw_argument(), math_, depth_ + 1); }

  // An optional [..] argument, skipped.
  void skip_optional() {
    skip_spaces();
    if (peek() != '[') return;
    size_t close = s_.find(']', pos_);
    pos_ = close == std::string_view::npos ? s_.size() : close + 1;
  }

  void command() {
    ++pos_;  // the backslash
    if (at_end()) return;
    char c = s_[pos_];
    if (!is_alpha(c)) return control_symbol(c);
    size_t start = pos_;
    while (is_alpha(peek())) ++pos_;
    word(std::string(s_.substr(start, pos_ - start)));
  }

  void control_symbol(char c) {
    ++pos_;
    if (find_accent(c) != nullptr && std::strchr("'`^\"~=.", c) != nullptr) return accent(c);
    switch (c) {
      case '\\':
      case ' ':
      case '\n':
      case ',':
      case ';':
      case ':':
      case '>':
        out_ += ' ';
        return;
      case '!':
      case '/':
      case '-':  // discretionary hyphen
        return;
      case '(':
        return math_until("\\)");
      case '[':
        return math_until("\\]");
      default:
        out_ += c;  // \& \% \$ \# \_ \{ \} and anything else: the character itself
    }
  }

  void word(const std::string& name) {
    if (name.size() == 1 && find_accent(name[0]) != nullptr && std::strchr("cvuHrkd", name[0]))
      return accent(name[0]);
    if (const std::string* letter = tex_letter(name)) {
      out_ += *letter;
      skip_spaces();
      if (peek() == '{' && peek(1) == '}') pos_ += 2;
      return;
    }
    if (const std::string* symbol = tex_symbol(name)) {
      out_ += *symbol;
      return;
    }
    if (tex_keeps_argument(name)) {
      out_ += argument();
      return;
    }
    if (tex_drops_argument(name)) {
      skip_optional();
      raw_argument();
      return;
    }
    if (name == "frac" || name == "dfrac" || name == "tfrac") return fraction();
    if (name == "sqrt") {
      skip_optional();
      out_ += "√" + wrap(argument());
      return;
    }
    if (name == "mathbb") return blackboard();
    if (name == "url") {
      out_ += std::string(raw_argument());
      return;
    }
    if (name == "href" || name == "textcolor" || name == "color") {
      raw_argument();  // the URL or the colour
      if (name != "color") out_ += argument();
      return;
    }
    // Unknown: a command followed by a group is taken as formatting (keep the group);
    // otherwise its name is the best reading (\LaTeX{} -> "LaTeX", \log -> "log").
    if (peek() == '{' && peek(1) == '}') {
      pos_ += 2;
      out_ += name;
      return;
    }
    if (peek() == '{') {
      out_ += argument();
      return;
    }
    out_ += name;
  }

  void accent(char command) {
    const TexAccent* a = find_accent(command);
    std::string_view raw = raw_argument();
    if (raw.size() > 1 && raw[0] == '\\' && is_alpha(raw[1])) skip_spaces();  // \"\i ve
    if (raw == "\\i" || raw == "\\j") raw = raw.substr(1);
    if (raw.empty()) {
      out_ += command;
      return;
    }
    if (raw.size() == 1)
      if (std::string letter = compose(*a, raw[0]); !letter.empty()) {
        out_ += letter;
        return;
      }
    std::string base = convert(raw, math_, depth_ + 1);
    if (base.empty()) return;
    // The combining mark goes right after the first character.
    size_t first = 1;
    while (first < base.size() && (static_cast<unsigned char>(base[first]) & 0xC0) == 0x80) ++first;
    out_ += base.substr(0, first);
    append_utf8(a->mark, &out_);
    out_ += base.substr(first);
  }

  void fraction() {
    std::string num = argument();
    std::string den = argument();
    out_ += wrap(num) + "/" + wrap(den);
  }

  void blackboard() {
    static const std::map<std::string, std::string> kDouble = {
        {"R", "ℝ"}, {"N", "ℕ"}, {"Z", "ℤ"}, {"Q", "ℚ"}, {"C", "ℂ"}, {"E", "𝔼"}, {"P", "ℙ"}};
    std::string arg = argument();
    auto it = kDouble.find(arg);
    out_ += it != kDouble.end() ? it->second : arg;
  }

  // ^ and _ in math: one symbol stays as it is, more get parentheses; primes need no mark.
  void script(char mark) {
    ++pos_;
    std::string arg = argument();
    if (arg.empty()) return;
    std::string rest = arg;
    while (rest.rfind("′", 0) == 0) rest.erase(0, std::strlen("′"));
    if (rest.empty()) {
      out_ += arg;
      return;
    }
    out_ += mark;
    out_ += wrap(arg);
  }

  // Parentheses around `text` unless it is one word of ASCII letters and digits, or one
  // non-ASCII symbol ("α").
  static std::string wrap(const std::string& text) {
    bool word = !text.empty();
    for (char c : text) word = word && (is_alpha(c) || is_digit(c) || c == '.');
    size_t first = 1;
    while (first < text.size() && (static_cast<unsigned char>(text[first]) & 0xC0) == 0x80) ++first;
    bool one_symbol =
        !text.empty() && static_cast<unsigned char>(text[0]) >= 0x80 && first == text.size();
    return word || one_symbol ? text : "(" + text + ")";
  }

  // Math between `$`s, following pandoc's rule for when a `$` is a delimiter.
  void dollar() {
    if (peek(1) == '$') {
      size_t close = s_.find("$$", pos_ + 2);
      if (close == std::string_view::npos) {
        out_ += "$$";
        pos_ += 2;
        return;
      }
      out_ += convert(s_.substr(pos_ + 2, close - pos_ - 2), true, depth_ + 1);
      pos_ = close + 2;
      return;
    }
    size_t close = closing_dollar();
    if (close == std::string_view::npos) {
      out_ += '$';
      ++pos_;
      return;
    }
    out_ += convert(s_.substr(pos_ + 1, close - pos_ - 1), true, depth_ + 1);
    pos_ = close + 1;
  }

  size_t closing_dollar() const {
    if (pos_ + 1 >= s_.size() || is_space(s_[pos_ + 1])) return std::string_view::npos;
    for (size_t j = pos_ + 1; j < s_.size(); ++j) {
      if (s_[j] == '\\') {
        ++j;
        continue;
      }
      if (s_[j] != '$') continue;
      bool space_before = is_space(s_[j - 1]);
      bool digit_after = j + 1 < s_.size() && is_digit(s_[j + 1]);
      if (!space_before && !digit_after && j > pos_ + 1) return j;
      return std::string_view::npos;
    }
    return std::string_view::npos;
  }

  void math_until(std::string_view close) {
    size_t end = s_.find(close, pos_);
    if (end == std::string_view::npos) end = s_.size();
    out_ += convert(s_.substr(pos_, end - pos_), true, depth_ + 1);
    pos_ = std::min(s_.size(), end + close.size());
  }

  std::string_view s_;
  bool math_;
  int depth_;
  size_t pos_ = 0;
  std::string out_;
};

std::string convert(std::string_view src, bool math, int depth) {
  if (depth > kMaxDepth) return std::string(src);
  return Converter(src, math, depth).run();
}

}  // namespace

std::string clean_tex(std::string_view tex) { return collapse_whitespace(convert(tex, false, 0)); }

}  // namespace quire::arxiv

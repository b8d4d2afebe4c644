#include "normalise_text.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <regex>
#include <unordered_set>

namespace quire::verify {
namespace {

// A word, or several words glued back together, before tokenising.
struct Unit {
  std::string text;
  int word = 0;
  int count = 1;
  PdfWord first;  // box of the first word: where the unit starts
  PdfWord last;   // box of the last word: where it ends (line-end tests)
};

bool is_hyphen_suffix(const std::string& text) {
  static const char* const kHyphens[] = {"-", "\u2010", "\u00ad"};
  for (const char* h : kHyphens) {
    std::string_view hv(h);
    if (text.size() > hv.size() && text.compare(text.size() - hv.size(), hv.size(), hv) == 0)
      return true;
  }
  return false;
}

std::string strip_hyphen(const std::string& text) {
  if (text.back() == '-') return text.substr(0, text.size() - 1);
  return text.substr(0, text.size() - (text.compare(text.size() - 2, 2, "\u00ad") == 0 ? 2 : 3));
}

// The stamp arXiv injects into page 1: "arXiv:2305.13245v3 [cs.CL] 23 Dec 2023".
void drop_arxiv_stamp(const std::vector<PdfWord>& words, std::vector<bool>& dropped) {
  static const std::regex kId(R"(^arXiv:\d{4}\.\d{4,5}(v\d+)?$)");
  static const std::regex kTail(R"(^(\[[^\]]+\]|\d{1,2}|[A-Z][a-z]{2}|\d{4})$)");
  for (size_t i = 0; i < words.size(); ++i) {
    if (!std::regex_match(words[i].text, kId)) continue;
    dropped[i] = true;
    for (size_t j = i + 1; j < words.size() && j <= i + 4; ++j) {
      if (words[j].rotation != words[i].rotation || !std::regex_match(words[j].text, kTail)) break;
      dropped[j] = true;
    }
  }
}

bool is_marker_text(const std::string& text) {
  bool digit = false;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digit = true;
    else if (c != ',' && c != '-' && c != '[' && c != ']')
      return false;
  }
  return digit;
}

// A smaller box whose bottom is clearly above the base word's bottom, right after it.
bool raised_after(const PdfWord& base, const PdfWord& w) {
  if (base.rotation != 0 || w.rotation != 0) return false;
  double gap = w.box.x - base.box.right();
  return w.box.height < 0.85 * base.box.height &&
         w.box.bottom() < base.box.bottom() - 0.12 * base.box.height &&
         gap > -0.3 * base.box.height && gap < 0.5 * base.box.height && w.box.bottom() > base.box.y;
}

void drop_superscript_markers(const std::vector<PdfWord>& words, std::vector<bool>& dropped) {
  int base = -1;
  for (size_t i = 0; i < words.size(); ++i) {
    if (dropped[i]) continue;
    const PdfWord& w = words[i];
    if (base >= 0 && is_marker_text(w.text) && raised_after(words[base], w)) {
      const std::string& b = words[base].text;
      bool after_number = !b.empty() && b.back() >= '0' && b.back() <= '9';  // 10^3 stays
      if (!after_number) {
        dropped[i] = true;
        continue;
      }
    }
    base = static_cast<int>(i);
  }
}

double horizontal_gap(const PdfWord& a, const PdfWord& b) {
  if (a.rotation != 0 || b.rotation != 0 || !same_line(a, b)) return 1e9;
  return b.box.x - a.box.right();
}

bool single_letter(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  return u.countChar32() == 1 && u_isalpha(u.char32At(0));
}

void append(Unit& unit, const Unit& next) {
  unit.text += next.text;
  unit.count = next.word + next.count - unit.word;
  unit.last = next.last;
}

// Joins fragments split at a font change (no visible gap) and letter-spaced runs of letters.
std::vector<Unit> glue_words(const std::vector<PdfWord>& words, const std::vector<bool>& dropped) {
  std::vector<Unit> units;
  for (size_t i = 0; i < words.size(); ++i) {
    if (dropped[i]) continue;
    Unit u{words[i].text, static_cast<int>(i), 1, words[i], words[i]};
    if (!units.empty() && units.back().word + units.back().count == static_cast<int>(i)) {
      const PdfWord& prev = units.back().last;
      double size = std::min(prev.box.height, words[i].box.height);
      if (horizontal_gap(prev, words[i]) < 0.12 * size && !raised_after(prev, words[i])) {
        append(units.back(), u);
        continue;
      }
    }
    units.push_back(std::move(u));
  }
  // Letter spacing: at least four single letters in a row with gaps under the letter height; the
  // run breaks into words where a gap is clearly wider than the tightest one.
  std::vector<Unit> out;
  for (size_t i = 0; i < units.size();) {
    size_t j = i + 1;
    while (j < units.size() && single_letter(units[j - 1].text) && single_letter(units[j].text) &&
           horizontal_gap(units[j - 1].last, units[j].first) < units[j].first.box.height)
      ++j;
    if (j - i < 4) {
      out.push_back(units[i]);
      ++i;
      continue;
    }
    double tightest = 1e9;
    for (size_t k = i + 1; k < j; ++k)
      tightest = std::min(tightest, horizontal_gap(units[k - 1].last, units[k].first));
    out.push_back(units[i]);
    for (size_t k = i + 1; k < j; ++k) {
      double gap = horizontal_gap(units[k - 1].last, units[k].first);
      double h = units[k].first.box.height;
      if (gap > std::max(1.8 * tightest, tightest + 0.15 * h))
        out.push_back(units[k]);
      else
        append(out.back(), units[k]);
    }
    i = j;
  }
  return out;
}

const icu::Normalizer2& nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  return *n;  // ICU's built-in data: only fails when ICU itself is broken
}

icu::UnicodeString fold(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = nfkc_casefold().normalize(u, status);
  return U_SUCCESS(status) ? out : u;
}

// Runs of letters and digits; combining marks stay inside a run, everything else separates.
std::vector<std::string> split_tokens(const icu::UnicodeString& text) {
  std::vector<std::string> tokens;
  icu::UnicodeString current;
  auto flush = [&] {
    if (current.isEmpty()) return;
    std::string s;
    current.toUTF8String(s);
    tokens.push_back(std::move(s));
    current.remove();
  };
  for (int32_t i = 0; i < text.length();) {
    UChar32 c = text.char32At(i);
    i += U16_LENGTH(c);
    int8_t type = u_charType(c);
    bool mark =
        type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
    if (u_isalnum(c))
      current.append(c);
    else if (!mark)
      flush();
  }
  flush();
  return tokens;
}

std::string head_word(const std::string& text) {
  std::vector<std::string> t = split_tokens(fold(text));
  return t.empty() ? std::string() : t.front();
}

bool starts_upper_or_digit(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  if (u.isEmpty()) return false;
  UChar32 c = u.char32At(0);
  return u_isupper(c) || u_isdigit(c);
}

// Every whole word of the paper, folded: the evidence for "is this hyphen part of the word".
std::unordered_set<std::string> vocabulary(const std::vector<std::vector<Unit>>& pages) {
  std::unordered_set<std::string> words;
  for (const auto& units : pages)
    for (const Unit& u : units) {
      std::string s;
      fold(u.text).toUTF8String(s);
      while (!s.empty() && std::string(",.;:)").find(s.back()) != std::string::npos) s.pop_back();
      words.insert(s);
    }
  return words;
}

bool keeps_hyphen(const std::string& prefix, const Unit& next,
                  const std::unordered_set<std::string>& vocab) {
  if (prefix.find('-') != std::string::npos || prefix.find("\u2010") != std::string::npos)
    return true;  // "state-of-the-" + "art"
  if (starts_upper_or_digit(next.text)) return true;
  std::string p;
  fold(prefix).toUTF8String(p);
  std::string s = head_word(next.text);
  return vocab.count(p + "-" + s) > 0 && vocab.count(p + s) == 0;
}

std::vector<Unit> join_line_end_hyphens(std::vector<Unit> units,
                                        const std::unordered_set<std::string>& vocab) {
  std::vector<Unit> out;
  for (size_t i = 0; i < units.size(); ++i) {
    Unit u = units[i];
    while (i + 1 < units.size() && is_hyphen_suffix(u.text) &&
           !same_line(u.last, units[i + 1].first)) {
      std::string prefix = strip_hyphen(u.text);
      if (keeps_hyphen(prefix, units[i + 1], vocab)) break;
      u.text = prefix;
      append(u, units[++i]);
    }
    out.push_back(std::move(u));
  }
  return out;
}

}  // namespace

std::string fold_text(std::string_view text) {
  std::string out;
  fold(text).toUTF8String(out);
  return out;
}

std::vector<Token> normalise_pages(const std::vector<PdfPage>& pages) {
  std::vector<std::vector<Unit>> glued;
  for (const PdfPage& page : pages) {
    std::vector<bool> dropped(page.words.size(), false);
    if (page.number == 1) drop_arxiv_stamp(page.words, dropped);
    drop_superscript_markers(page.words, dropped);
    glued.push_back(glue_words(page.words, dropped));
  }
  std::unordered_set<std::string> vocab = vocabulary(glued);
  std::vector<Token> tokens;
  for (size_t p = 0; p < pages.size(); ++p) {
    for (const Unit& u : join_line_end_hyphens(std::move(glued[p]), vocab))
      for (std::string& t : split_tokens(fold(u.text)))
        tokens.push_back(Token{std::move(t), pages[p].number, u.word, u.count});
  }
  return tokens;
}

std::vector<std::string> normalise_quote(const std::string& quote) {
  // A quote copied from a PDF viewer can carry the line-end break as "po- sitional".
  static const std::regex kBrokenWord(R"(([A-Za-z])-\s+([a-z]))");
  std::string joined = std::regex_replace(quote, kBrokenWord, "$1$2");
  return split_tokens(fold(joined));
}

}  // namespace quire::verify

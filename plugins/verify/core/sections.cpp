#include "sections.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <regex>

namespace quire::verify {
namespace {

struct Line {
  std::string text;
  int word = 0;
  int count = 0;
  double height = 0;  // tallest word box
};

std::vector<Line> lines_of(const PdfPage& page) {
  std::vector<Line> lines;
  for (size_t i = 0; i < page.words.size(); ++i) {
    const PdfWord& w = page.words[i];
    if (i > 0 && !lines.empty() && same_line(page.words[i - 1], w)) {
      lines.back().text += " " + w.text;
      lines.back().count++;
      lines.back().height = std::max(lines.back().height, w.box.height);
      continue;
    }
    lines.push_back(Line{w.text, static_cast<int>(i), 1, w.box.height});
  }
  return lines;
}

// The most common body-text height, rounded to half a point.
double body_height(const std::vector<PdfPage>& pages) {
  std::vector<int> halves;
  for (const PdfPage& page : pages)
    for (const PdfWord& w : page.words)
      if (w.rotation == 0) halves.push_back(static_cast<int>(w.box.height * 2 + 0.5));
  if (halves.empty()) return 0;
  std::sort(halves.begin(), halves.end());
  int best = halves[0], best_run = 0;
  for (size_t i = 0; i < halves.size();) {
    size_t j = i;
    while (j < halves.size() && halves[j] == halves[i]) ++j;
    if (static_cast<int>(j - i) > best_run) {
      best = halves[i];
      best_run = static_cast<int>(j - i);
    }
    i = j;
  }
  return best / 2.0;
}

// What kind of heading a line is, and its numbering: sequence 0 = arabic ("4.3"), 1 = roman
// ("II."), 2 = appendix letter ("C.1"); `number` is the top-level number in that sequence.
struct Candidate {
  bool heading = false;
  int sequence = -1;  // -1: a named heading, not numbered
  int number = 0;
};

int roman_value(const std::string& numeral) {
  int total = 0, prev = 0;
  for (auto it = numeral.rbegin(); it != numeral.rend(); ++it) {
    int v = *it == 'I' ? 1 : *it == 'V' ? 5 : *it == 'X' ? 10 : 0;
    total += v < prev ? -v : v;
    prev = std::max(prev, v);
  }
  return total;
}

// Letters, not digits, make up a title (table rows and axis labels are mostly numbers).
bool mostly_letters(const std::string& text) {
  int letters = 0, digits = 0;
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c)))
      ++letters;
    else if (std::isdigit(static_cast<unsigned char>(c)))
      ++digits;
  }
  return letters >= 3 && letters > 2 * digits;
}

Candidate classify(const Line& line, double body) {
  static const std::regex kArabic(R"(^([1-9]\d?)(\.\d{1,2}){0,3}\.?\s+[A-Z][^\s]*(\s+\S+){0,10}$)");
  static const std::regex kLetter(R"(^([A-H])(\.\d{1,2}){1,3}\.?\s+[A-Z][^\s]*(\s+\S+){0,10}$)");
  static const std::regex kRoman(R"(^([IVX]{1,5})\.\s+[A-Z][A-Z\-]+(\s+\S+){0,10}$)");
  static const std::regex kNamed(
      R"(^(\d{1,2}\.?\s+)?(Abstract|References|Bibliography|Acknowledge?ments?|Introduction|Conclusions?|Related Work|Appendix|Appendices|Supplementary Material)$)",
      std::regex::icase);
  static const std::regex kAppendix(R"(^Appendix(\s+[A-Z](\b.*)?)?$)");
  Candidate c;
  if (line.count > 12 || line.height < 0.7 * body) return c;
  char last = line.text.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return c;
  if (line.text.find_first_of(";/=@") != std::string::npos) return c;
  std::smatch m;
  if (std::regex_match(line.text, m, kRoman) && roman_value(m[1]) > 0)
    return {true, 1, roman_value(m[1])};  // revtex small caps set smaller than the body
  if (line.height < 0.85 * body) return c;
  bool letters = mostly_letters(line.text);
  if (letters && std::regex_match(line.text, m, kArabic)) return {true, 0, std::stoi(m[1])};
  if (std::regex_match(line.text, kNamed) || std::regex_match(line.text, kAppendix))
    return {true, -1, 0};
  if (!letters) return c;
  if (std::regex_match(line.text, m, kLetter)) return {true, 2, m[1].str()[0] - 'A' + 1};
  return c;
}

}  // namespace

Sections::Sections(const std::vector<PdfPage>& pages) {
  double body = body_height(pages);
  // Numbers run in order: a numbered line that jumps back or skips ahead ("47 GQA-XXL" in a
  // figure, "1 Note that ..." in a footnote) is not a heading.
  int last[3] = {0, 0, 0};
  for (const PdfPage& page : pages)
    for (const Line& line : lines_of(page)) {
      Candidate c = classify(line, body);
      if (!c.heading) continue;
      if (c.sequence >= 0) {
        int& prev = last[c.sequence];
        bool in_order = c.sequence == 2 ? c.number >= prev
                        : prev == 0     ? c.number == 1
                                        : c.number >= prev && c.number <= prev + 2;
        if (!in_order) continue;
        prev = c.number;
      }
      headings_.push_back({line.text, page.number, line.word});
    }
}

std::string Sections::section_at(int page, int word) const {
  auto after = std::upper_bound(headings_.begin(), headings_.end(), std::make_pair(page, word),
                                [](const std::pair<int, int>& pos, const Heading& h) {
                                  return pos < std::make_pair(h.page, h.word);
                                });
  if (after == headings_.begin()) return "";
  return std::prev(after)->text;
}

}  // namespace quire::verify

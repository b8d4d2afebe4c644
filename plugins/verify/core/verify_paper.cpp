#include "verify_paper.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "normalise_text.hpp"
#include "sections.hpp"

namespace quire::verify {
namespace {

using Json = nlohmann::json;

double rounded(double value, double scale) { return std::round(value * scale) / scale; }

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Strips closing quotes and brackets after a word's last letter: `done.)` -> `done.`.
std::string_view strip_closers(std::string_view word) {
  while (!word.empty()) {
    if (word.back() == ')' || word.back() == ']' || word.back() == '"' || word.back() == '\'') {
      word.remove_suffix(1);
    } else if (word.size() >= 3 && (word.substr(word.size() - 3) == "\xE2\x80\x9D" ||
                                    word.substr(word.size() - 3) == "\xE2\x80\x99")) {
      word.remove_suffix(3);  // ” ’
    } else {
      break;
    }
  }
  return word;
}

bool is_abbreviation(std::string_view word) {
  static const std::set<std::string> kAbbreviations = {
      "e.g.", "i.e.", "al.",  "fig.",    "figs.", "eq.",  "eqs.", "sec.",
      "tab.", "cf.",  "vs.",  "ref.",    "thm.",  "lem.", "alg.", "resp.",
      "etc.", "no.",  "vol.", "approx.", "ca.",   "p.",   "pp.",  "w.r.t."};
  std::string lower = ascii_lower(word);
  if (kAbbreviations.count(lower)) return true;
  // A single capital with a dot ("J.") is an initial.
  return word.size() == 2 && std::isupper(static_cast<unsigned char>(word[0]));
}

struct Mapper {
  const std::vector<PdfPage>& pages;
  const std::vector<Token>& tokens;
  const Sections& sections;

  Json section_json(int page, int word) const {
    std::string section = sections.section_at(page, word);
    if (section.empty()) {
      if (page == 1) return "Abstract";
      return nullptr;
    }
    return section;
  }

  // Page, section and the boxes of the words behind tokens [begin, end).
  void locate(size_t begin, size_t end, Json* out) const {
    const Token& first = tokens[begin];
    (*out)["page"] = first.page;
    (*out)["section"] = section_json(first.page, first.word);
    Json boxes = Json::array();
    std::set<std::pair<int, int>> seen;
    for (size_t i = begin; i < end; ++i) {
      const Token& t = tokens[i];
      for (int w = t.word; w < t.word + t.word_count; ++w) {
        if (!seen.insert({t.page, w}).second) continue;
        const PdfPage& page = pages[static_cast<size_t>(t.page - 1)];
        if (w < 0 || static_cast<size_t>(w) >= page.words.size()) continue;
        const Box& b = page.words[static_cast<size_t>(w)].box;
        boxes.push_back({{"page", t.page},
                         {"x", rounded(b.x, 100)},
                         {"y", rounded(b.y, 100)},
                         {"width", rounded(b.width, 100)},
                         {"height", rounded(b.height, 100)}});
      }
    }
    (*out)["boxes"] = std::move(boxes);
  }

  std::string window_text(size_t begin, size_t end) const {
    std::string out;
    for (size_t i = begin; i < end && i < tokens.size(); ++i)
      out += (out.empty() ? "" : " ") + tokens[i].text;
    return out;
  }
};

bool raw_occurs(const std::vector<PdfPage>& pages, const std::string& quote) {
  if (quote.empty()) return false;
  for (const PdfPage& page : pages)
    if (page.text.find(quote) != std::string::npos) return true;
  return false;
}

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

// Words of one mined section: (page, word index), skipping rotated words (margin stamps).
struct WordRef {
  int page;
  int word;
};

std::string sentence_text(const std::vector<PdfPage>& pages, const std::vector<WordRef>& refs,
                          size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    const PdfWord& w = pages[static_cast<size_t>(refs[i].page - 1)].words[refs[i].word];
    if (i > begin) {
      const PdfWord& prev =
          pages[static_cast<size_t>(refs[i - 1].page - 1)].words[refs[i - 1].word];
      bool line_end_hyphen = !out.empty() && out.back() == '-' && prev.text.size() > 1 &&
                             (refs[i - 1].page != refs[i].page || !same_line(prev, w)) &&
                             !w.text.empty() &&
                             std::islower(static_cast<unsigned char>(w.text[0])) &&
                             prev.text.find('-') == prev.text.size() - 1;
      if (line_end_hyphen)
        out.pop_back();
      else
        out += ' ';
    }
    out += w.text;
  }
  return out;
}

}  // namespace

bool is_mined_heading(std::string_view heading) {
  std::string lower = ascii_lower(heading);
  for (const char* word : {"result", "conclusion", "discussion", "experiment"})
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

bool is_mineable_sentence(std::string_view sentence) {
  std::string lower = ascii_lower(sentence);
  size_t i = 0;
  while (i < lower.size()) {
    while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
    size_t start = i;
    while (i < lower.size() && !std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
    std::string_view word(lower.data() + start, i - start);
    if (word.empty()) continue;
    if (word[0] != '[' && std::any_of(word.begin(), word.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        }))
      return true;
    // Strip leading punctuation; compare the stem.
    while (!word.empty() && !std::isalpha(static_cast<unsigned char>(word[0])))
      word.remove_prefix(1);
    for (const char* stem : {"outperform", "better", "worse", "higher", "lower", "improv", "reduc"})
      if (word.rfind(stem, 0) == 0) return true;
  }
  return false;
}

std::vector<std::pair<size_t, size_t>> split_word_sentences(const std::vector<std::string>& words) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t start = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = strip_closers(words[i]);
    bool terminal = !w.empty() && (w.back() == '.' || w.back() == '!' || w.back() == '?');
    if (!terminal || is_abbreviation(w)) continue;
    // "et al." and friends continue unless a new sentence plainly starts; a lower-case next word
    // never starts one.
    if (i + 1 < words.size() && !words[i + 1].empty() &&
        std::islower(static_cast<unsigned char>(words[i + 1][0])))
      continue;
    out.emplace_back(start, i + 1);
    start = i + 1;
  }
  if (start < words.size()) out.emplace_back(start, words.size());
  return out;
}

std::string verify_paper(std::string_view pdf, const std::vector<std::string>& quotes,
                         const VerifySettings& settings) {
  PdfExtraction extraction = extract_pdf(pdf, settings.extract);
  Json out = {{"failure", failure_kind_name(extraction.failure)},
              {"message", extraction.message},
              {"pages", extraction.pages.size()},
              {"quotes", Json::object()},
              {"mined", Json::array()}};
  if (!extraction.ok()) return out.dump(-1, ' ', false, Json::error_handler_t::replace);

  const std::vector<PdfPage>& pages = extraction.pages;
  std::vector<Token> tokens = normalise_pages(pages);
  std::vector<std::string> texts;
  texts.reserve(tokens.size());
  for (const Token& t : tokens) texts.push_back(t.text);
  PreparedHaystack haystack(texts);
  Sections sections(pages);
  Mapper mapper{pages, tokens, sections};

  std::set<std::string> known;  // normalised quotes, so mining does not repeat a row
  for (const std::string& quote : quotes) {
    if (out["quotes"].contains(quote)) continue;
    std::vector<std::string> normal = normalise_quote(quote);
    known.insert(joined(normal));
    MatchOptions options = settings.match;
    options.exact_raw = raw_occurs(pages, quote);
    MatchResult r = match_quote(haystack, normal, options);
    Json entry = {{"method", match_method_name(r.method)}};
    if (r.method != MatchMethod::kNone && r.end > r.begin) {
      entry["score"] = rounded(r.score, 10000);
      mapper.locate(r.begin, r.end, &entry);
    } else {
      entry["method"] = "none";
      Json candidate = {{"page", nullptr},
                        {"text", mapper.window_text(r.candidate_begin, r.candidate_end)},
                        {"score", rounded(r.candidate_score, 10000)},
                        {"reason", r.reason}};
      if (r.candidate_end > r.candidate_begin && r.candidate_begin < tokens.size())
        candidate["page"] = tokens[r.candidate_begin].page;
      entry["candidate"] = std::move(candidate);
    }
    out["quotes"][quote] = std::move(entry);
  }

  // Mining: sentences of results / conclusion / discussion / experiments sections.
  const std::vector<Heading>& headings = sections.headings();
  Json& mined = out["mined"];
  for (size_t h = 0; h < headings.size() && mined.size() < settings.max_mined; ++h) {
    if (!is_mined_heading(headings[h].text)) continue;
    size_t heading_words = 1;
    for (char c : headings[h].text) heading_words += c == ' ';
    std::vector<WordRef> refs;
    int page = headings[h].page;
    int word = headings[h].word + static_cast<int>(heading_words);
    bool has_next = h + 1 < headings.size();
    for (; page <= static_cast<int>(pages.size()); ++page, word = 0) {
      const PdfPage& p = pages[static_cast<size_t>(page - 1)];
      for (; word < static_cast<int>(p.words.size()); ++word) {
        if (has_next && (page > headings[h + 1].page ||
                         (page == headings[h + 1].page && word >= headings[h + 1].word)))
          break;
        if (p.words[static_cast<size_t>(word)].rotation != 0) continue;
        refs.push_back({page, word});
      }
      if (has_next && page >= headings[h + 1].page) break;
    }
    std::vector<std::string> words;
    for (const WordRef& r : refs)
      words.push_back(pages[static_cast<size_t>(r.page - 1)].words[r.word].text);
    for (auto [begin, end] : split_word_sentences(words)) {
      if (mined.size() >= settings.max_mined) break;
      if (end - begin < 5 || end - begin > 80) continue;
      std::string sentence = sentence_text(pages, refs, begin, end);
      if (!is_mineable_sentence(sentence)) continue;
      std::vector<std::string> normal = normalise_quote(sentence);
      if (!known.insert(joined(normal)).second) continue;
      MatchOptions options = settings.match;
      options.exact_raw = raw_occurs(pages, sentence);
      MatchResult r = match_quote(haystack, normal, options);
      if (r.method == MatchMethod::kNone || r.end <= r.begin) continue;
      Json entry = {{"sentence", sentence},
                    {"method", match_method_name(r.method)},
                    {"score", rounded(r.score, 10000)}};
      mapper.locate(r.begin, r.end, &entry);
      mined.push_back(std::move(entry));
    }
  }
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace quire::verify

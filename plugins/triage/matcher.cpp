#include "matcher.hpp"

#include <algorithm>

namespace quire::triage {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix.data(), suffix.size()) == 0;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// A word ending in "s" that is not "-ss", "-us", "-is" or "-as" reads as a plural
// ("embeddings", not "loss", "corpus", "analysis", "bias").
bool looks_plural(const std::string& w) {
  return ends_with(w, "s") && !ends_with(w, "ss") && !ends_with(w, "us") && !ends_with(w, "is") &&
         !ends_with(w, "as");
}

std::string plural(const std::string& w) {
  if (ends_with(w, "y") && !is_vowel(w[w.size() - 2])) return w.substr(0, w.size() - 1) + "ies";
  if (ends_with(w, "is")) return w.substr(0, w.size() - 2) + "es";  // analysis -> analyses
  if (ends_with(w, "s") || ends_with(w, "x") || ends_with(w, "z") || ends_with(w, "ch") ||
      ends_with(w, "sh"))
    return w + "es";
  return w + "s";
}

// Every plausible singular of a word that looks plural; the rules cannot tell "caches" from
// "matches", so both readings are kept (a form nobody writes costs nothing).
std::vector<std::string> singulars(const std::string& w) {
  std::vector<std::string> out = {w.substr(0, w.size() - 1)};  // embeddings, caches, movies
  if (w.size() > 4 && ends_with(w, "ies")) out.push_back(w.substr(0, w.size() - 3) + "y");
  for (std::string_view suffix : {"ses", "xes", "zes", "ches", "shes"})
    if (ends_with(w, suffix) && w.size() > suffix.size() + 1)
      out.push_back(w.substr(0, w.size() - 2));  // biases, boxes, patches
  return out;
}

}  // namespace

std::vector<std::string> word_variants(const std::string& word) {
  std::vector<std::string> out = {word};
  bool letter_end = !word.empty() && word.back() >= 'a' && word.back() <= 'z';
  if (word.size() < 3 || !letter_end) return out;
  if (looks_plural(word) && word.size() > 3) {
    for (auto& s : singulars(word)) out.push_back(std::move(s));
  } else {
    out.push_back(plural(word));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TermMatcher::TermMatcher(std::string_view phrase, std::string acronym,
                         const std::vector<std::string>& variants)
    : acronym_(std::move(acronym)) {
  add_forms(words(phrase));
  for (const auto& variant : variants) add_forms(words(variant));
  std::sort(forms_.begin(), forms_.end(), [](const auto& a, const auto& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  forms_.erase(std::unique(forms_.begin(), forms_.end()), forms_.end());
}

void TermMatcher::add_forms(const std::vector<std::string>& phrase_words) {
  if (phrase_words.empty()) return;
  std::vector<std::vector<std::string>> bases = {phrase_words};
  if (phrase_words.size() > 1) {
    std::string joined;
    for (const auto& w : phrase_words) joined += w;
    bases.push_back({joined});
  }
  for (auto& base : bases) {
    for (const auto& last : word_variants(base.back())) {
      std::vector<std::string> form = base;
      form.back() = last;
      forms_.push_back(std::move(form));
    }
  }
}

bool TermMatcher::is_acronym(std::string_view word) const {
  if (acronym_.empty()) return false;
  if (word == acronym_) return true;
  return word.size() == acronym_.size() + 1 && word.back() == 's' &&
         word.substr(0, acronym_.size()) == acronym_;
}

size_t TermMatcher::match_at(const NormalisedText& text, size_t at) const {
  const auto& tokens = text.tokens;
  for (const auto& form : forms_) {  // longest first, so the first match is the longest
    if (at + form.size() > tokens.size()) continue;
    size_t k = 0;
    while (k < form.size() && tokens[at + k].lower == form[k]) ++k;
    if (k == form.size()) return form.size();
  }
  return is_acronym(text.word(at)) ? 1 : 0;  // one word: no form can be shorter
}

std::vector<Occurrence> TermMatcher::find(const NormalisedText& text) const {
  std::vector<Occurrence> found;
  for (size_t at = 0; at < text.tokens.size();) {
    size_t length = match_at(text, at);
    if (length == 0) {
      ++at;
      continue;
    }
    found.push_back({at, length, std::string(text.span(at, at + length - 1))});
    at += length;
  }
  return found;
}

bool TermMatcher::names(const std::vector<std::string>& phrase_words, std::string_view text) const {
  if (!acronym_.empty() && text == acronym_) return true;
  return std::any_of(forms_.begin(), forms_.end(),
                     [&](const auto& form) { return form == phrase_words; });
}

}  // namespace quire::triage

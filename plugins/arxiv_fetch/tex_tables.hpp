// Lookup tables of the TeX cleaner: accents, symbols, letters, and commands by how they treat
// their argument.
#pragma once

#include <cstdint>
#include <string>

namespace quire::arxiv {

// Precomposed Latin letters for one TeX accent; letters without one get `mark` (combining).
struct TexAccent {
  char command;  // ' ` ^ " ~ = . c v u H r k d
  uint32_t mark;
  const char* letters;   // base letters with a precomposed form...
  const char* composed;  // ...and those forms, in the same order, as UTF-8
};

// The precomposed form of `letter` under `accent`, or "" when there is none.
std::string compose(const TexAccent& accent, char letter);

// The accent a control symbol or one-letter control word names, or nullptr.
const TexAccent* find_accent(char command);

// What a control word stands for: a symbol ("alpha" -> "α"), a space ("quad") or nothing
// ("left", "displaystyle"); nullptr when it is not in the table.
const std::string* tex_symbol(const std::string& name);

// A letter written as a control word ("ss" -> "ß", "o" -> "ø"); nullptr otherwise.
const std::string* tex_letter(const std::string& name);

// Fonts, boxes, emphasis: the command goes, its argument stays.
bool tex_keeps_argument(const std::string& name);

// Citations, references, labels, footnotes, spacing: the argument goes with the command.
bool tex_drops_argument(const std::string& name);

}  // namespace quire::arxiv

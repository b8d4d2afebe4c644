// Sentence splitting for abstracts (plain text from papers.json's `abstract`, or TeX).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace quire::seed {

// One sentence: the exact bytes [begin, end) of the input, without surrounding whitespace.
struct Sentence {
  std::string text;
  size_t begin = 0;
  size_t end = 0;
};

// Splits `text` into sentences. A sentence ends at '.', '!', '?', "..." or '…' (plus any
// closing quotes and brackets right after it) when what follows starts a new sentence:
//  - never inside $..$, $$..$$, \(..\), \[..\], a URL (http://, https://, ftp://, www.), or a
//    matched (..), [..], {..} pair of at most 400 bytes;
//  - never before a lower-case letter, ',', ';', ':' or a closing bracket, and never at a dot
//    between digits (3.5, v2.1, 0.1%);
//  - never after a reference or Latin abbreviation (Fig., Eq., Sec., Tab., Ref., e.g., i.e.,
//    cf., vs., viz., resp., approx., w.r.t., Dr., Prof., pp., No. ...);
//  - after an abbreviation that can also end a sentence (et al., etc., Inc., initials "J.",
//    dotted "U.S.") only before a word that typically starts one (We, The, This, However ...);
//  - without a space only in "word.Word" (a lower-case letter, digit, ')' or '%' before the
//    dot, an upper-case letter followed by a lower-case one after it).
// Text after the last terminator is a sentence too; a piece without a letter or digit is
// joined to the sentence before it.
std::vector<Sentence> split_sentences(std::string_view text);

}  // namespace quire::seed

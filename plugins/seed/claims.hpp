// What a sentence of an abstract claims: its class (finding / contribution / background) and its
// numeric, comparative and result language, each with the exact words that triggered it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quire::seed {

// Ordered by how strongly a row is wanted: a finding first.
enum class ClaimClass { kFinding = 0, kContribution = 1, kBackground = 2 };

// "finding", "contribution", "background".
const char* class_name(ClaimClass claim_class);

struct ClaimAnalysis {
  ClaimClass claim_class = ClaimClass::kBackground;
  // The words that decided the class (the first result, contribution, comparative or numeric
  // trigger, or background cue); empty when a background sentence has no cue at all.
  std::string class_trigger;
  // Exact text of the sentence that triggered each flag, in order of appearance, each once.
  std::vector<std::string> numeric;
  std::vector<std::string> comparative;
  std::vector<std::string> result;
  // The cues behind the class decision (docs/ledger.md, "## seed").
  std::vector<std::string> contribution_cues;
  std::vector<std::string> background_cues;
  bool first_person = false;  // "we", "our", "us", "this paper/work/study"
};

// Classifies one sentence:
//  - finding: result language (we show, we find, achieves, outperforms, improves, reduces, leads
//    to, demonstrates, reveals, is/are due to, results ...), unless the sentence only reports
//    others' work (a background cue such as "recently", "has been", "remains" and no first
//    person);
//  - contribution: what the paper does (we propose / introduce / present / study ..., in this
//    paper);
//  - finding also: comparative or numeric language with no contribution cue and not only
//    background;
//  - background: everything else.
ClaimAnalysis analyse_claim(std::string_view sentence);

// Numeric language alone: numbers with a unit, percent, "x"/"×"/"-fold"/"times", dB, a range
// ("3–5", "10-20%"), "an order of magnitude", "a factor of four", "twofold".
std::vector<std::string> numeric_triggers(std::string_view sentence);

}  // namespace quire::seed

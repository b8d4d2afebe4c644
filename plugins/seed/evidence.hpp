// Evidence rows from abstracts: which sentences of a paper become rows, and the rows themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "claims.hpp"
#include "inputs.hpp"

namespace quire::seed {

struct SeedSettings {
  // Anchor ids, versioned or not; a paper is an anchor when its base id is an anchor's.
  std::vector<std::string> anchors;
  size_t max_rows = 3;  // per paper
  size_t min_rows = 1;  // per paper, when it has that many sentences
  size_t max_claim_chars = 400;
};

struct EvidenceRow {
  std::string row_id;
  std::string paper_id;
  std::string base_id;
  std::string title;
  std::string role;           // "anchor" or "auto-produced"
  std::string claim;          // the sentence, or its elided form
  std::string source_quote;   // the whole sentence as it stands in the abstract
  size_t sentence_index = 0;  // 0 = the abstract's first sentence
  bool elided = false;
  std::string taxonomy_fit;
  std::optional<int64_t> triage_rank;
  ClaimAnalysis analysis;
};

struct SeedOutcome {
  std::vector<EvidenceRow> rows;  // queue order, then sentence order
  std::vector<std::string> warnings;
  size_t papers = 0;               // papers in the queue
  size_t papers_without_rows = 0;  // no sentence in the abstract
};

// The sentences to keep, by index, in sentence order. Findings and contributions are the
// candidates, findings first, each class by position; at most `max_rows` of them are kept.
// When fewer than `min_rows` are kept, background sentences (by position) fill up to
// `min_rows`. `classes[i]` is the class of sentence i.
std::vector<size_t> select_sentences(const std::vector<ClaimClass>& classes, size_t max_rows,
                                     size_t min_rows);

// Rows for every paper of `queue`, in queue order. Warns about an anchor that is not in the
// queue, or is there in another version than the one it names. `progress(done, total)` is called
// after each paper; `cancelled()` is checked before each (and may throw).
SeedOutcome seed_evidence(const std::vector<QueueItem>& queue, const SeedSettings& settings,
                          const std::function<void(size_t, size_t)>& progress = nullptr,
                          const std::function<void()>& check_cancelled = nullptr);

}  // namespace quire::seed

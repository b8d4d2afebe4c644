// Reading what the seed stage starts from: papers.json (fetch), triage.json and queue.json
// (triage), into the queue of papers to seed. Schemas in docs/ledger.md.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace quire::seed {

// A malformed or inconsistent input; the message names the file and the record.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Paper {
  std::string id;       // versioned id, "2401.00001v2"
  std::string base_id;  // "2401.00001"
  std::string title;
  std::string abstract;  // plain text (papers.json `abstract`)
};

struct TriageEntry {
  std::string paper_id;
  std::string base_id;
  std::string fit;  // "in-scope", "weak-scope" or "out-of-scope"
  bool selected = false;
  std::optional<int64_t> rank;
};

// A paper to seed, in queue order.
struct QueueItem {
  Paper paper;
  std::string taxonomy_fit;  // from triage, or "unknown" without it
  std::optional<int64_t> triage_rank;
};

struct Queue {
  std::vector<QueueItem> items;
  std::vector<std::string> warnings;
};

// The id without its version: "2401.00001v2" -> "2401.00001", "cs/9901001v1" -> "cs/9901001".
std::string strip_version(std::string_view id);

// A config anchor ("2401.00001", "2401.00001v2", " arXiv:cs/9901001 ") as a plain id, version
// kept, or nullopt when it is not an arXiv id (the patterns of docs/ledger.md, "Ids and file
// names").
std::optional<std::string> parse_anchor(std::string_view text);

// papers.json: an array of records with string `id`; `base_id` (default: the id without its
// version), `title` and `abstract` (null or absent: empty) are read too.
std::vector<Paper> parse_papers(std::string_view json);

// triage.json: an array of records with `paper_id`, `fit` and `selected`; `rank` is an integer
// or null, `base_id` optional.
std::vector<TriageEntry> parse_triage(std::string_view json);

// queue.json: an array of paper ids (strings), best first.
std::vector<std::string> parse_queue(std::string_view json);

// Without triage: every paper in papers.json order, fit "unknown", no rank.
Queue queue_without_triage(const std::vector<Paper>& papers);

// With triage: the papers in `queue` order (or, without queue.json, the selected triage entries
// by rank), each with its triage fit and rank (a null rank becomes its queue position, from 1).
// A queued id must have a triage entry and a paper (matched by id, else by base id with a
// warning); a paper queued twice is an error.
Queue queue_from_triage(const std::vector<Paper>& papers, const std::vector<TriageEntry>& triage,
                        const std::optional<std::vector<std::string>>& queue);

}  // namespace quire::seed

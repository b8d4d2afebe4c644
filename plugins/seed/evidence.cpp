#include "evidence.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "elide.hpp"
#include "row_id.hpp"
#include "sentences.hpp"

namespace quire::seed {

std::vector<size_t> select_sentences(const std::vector<ClaimClass>& classes, size_t max_rows,
                                     size_t min_rows) {
  std::vector<size_t> order(classes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return classes[a] < classes[b]; });
  std::vector<size_t> chosen;
  for (size_t i : order) {
    bool candidate = classes[i] != ClaimClass::kBackground;
    if (chosen.size() < max_rows && (candidate || chosen.size() < min_rows)) chosen.push_back(i);
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

namespace {

// The rows of one paper.
class PaperSeeder {
 public:
  PaperSeeder(const QueueItem& item, const SeedSettings& settings)
      : item_(item), settings_(settings) {}

  std::vector<EvidenceRow> rows(std::vector<std::string>* warnings) {
    std::vector<Sentence> sentences = split_sentences(item_.paper.abstract);
    if (sentences.empty()) warnings->push_back(item_.paper.id + ": no abstract sentences; no rows");
    // A sentence repeated in the abstract is a candidate once, at its first occurrence.
    std::vector<size_t> firsts;
    std::vector<ClaimAnalysis> analyses;
    std::vector<ClaimClass> classes;
    std::set<std::string> seen;
    for (size_t i = 0; i < sentences.size(); ++i) {
      if (!seen.insert(normalise_sentence(sentences[i].text)).second) continue;
      firsts.push_back(i);
      analyses.push_back(analyse_claim(sentences[i].text));
      classes.push_back(analyses.back().claim_class);
    }
    std::vector<EvidenceRow> out;
    for (size_t k : select_sentences(classes, settings_.max_rows, settings_.min_rows))
      out.push_back(row(sentences[firsts[k]], firsts[k], analyses[k]));
    return out;
  }

 private:
  EvidenceRow row(const Sentence& sentence, size_t index, const ClaimAnalysis& analysis) {
    const Paper& paper = item_.paper;
    EvidenceRow row;
    row.row_id = unique_id(sentence.text);
    row.paper_id = paper.id;
    row.base_id = paper.base_id;
    row.title = paper.title;
    bool anchor =
        std::any_of(settings_.anchors.begin(), settings_.anchors.end(),
                    [&](const std::string& a) { return strip_version(a) == paper.base_id; });
    row.role = anchor ? "anchor" : "auto-produced";
    Claim claim = elide(sentence.text, settings_.max_claim_chars);
    row.claim = claim.text;
    row.elided = claim.elided;
    row.source_quote = sentence.text;
    row.sentence_index = index;
    row.taxonomy_fit = item_.taxonomy_fit;
    row.triage_rank = item_.triage_rank;
    row.analysis = analysis;
    return row;
  }

  // Two different sentences of one paper whose ids share 8 hex digits: the later one takes 16.
  std::string unique_id(const std::string& sentence) {
    std::string id = row_id(item_.paper.base_id, sentence);
    if (!ids_.insert(id).second) {
      id = row_id(item_.paper.base_id, sentence, 16);
      ids_.insert(id);
    }
    return id;
  }

  const QueueItem& item_;
  const SeedSettings& settings_;
  std::set<std::string> ids_;
};

}  // namespace

SeedOutcome seed_evidence(const std::vector<QueueItem>& queue, const SeedSettings& settings,
                          const std::function<void(size_t, size_t)>& progress,
                          const std::function<void()>& check_cancelled) {
  SeedOutcome outcome;
  outcome.papers = queue.size();
  std::map<std::string, std::string> queued;  // base id -> id
  for (size_t i = 0; i < queue.size(); ++i) {
    if (check_cancelled) check_cancelled();
    queued[queue[i].paper.base_id] = queue[i].paper.id;
    auto rows = PaperSeeder(queue[i], settings).rows(&outcome.warnings);
    if (rows.empty()) ++outcome.papers_without_rows;
    for (auto& row : rows) outcome.rows.push_back(std::move(row));
    if (progress) progress(i + 1, queue.size());
  }
  for (const auto& anchor : settings.anchors) {
    auto found = queued.find(strip_version(anchor));
    if (found == queued.end())
      outcome.warnings.push_back("anchor " + anchor + " is not in the queue; it has no rows");
    else if (anchor != found->second && anchor != found->first)
      outcome.warnings.push_back("anchor " + anchor + ": the queue has " + found->second +
                                 ", whose rows are anchors all the same");
  }
  return outcome;
}

}  // namespace quire::seed

// seed: evidence rows from abstracts. Reads papers.json (fetch) and, when present, triage.json
// and queue.json (triage); writes evidence.json and evidence_matrix.csv. Every row quotes a
// whole sentence of the abstract and is preliminary-linked until verify checks it in full text.
#include <quire/plugin.hpp>

#include "evidence.hpp"
#include "inputs.hpp"
#include "render.hpp"

namespace quire::seed {
namespace {

size_t int_in_range(Context& ctx, const char* key, int64_t low, int64_t high) {
  int64_t value = ctx.get_int(key);
  if (value < low || value > high)
    throw StageError("config key '" + std::string(key) + "' must be between " +
                     std::to_string(low) + " and " + std::to_string(high) + ", got " +
                     std::to_string(value));
  return static_cast<size_t>(value);
}

SeedSettings read_settings(Context& ctx) {
  SeedSettings s;
  for (const auto& text : ctx.get_strings("anchors")) {
    auto id = parse_anchor(text);
    if (!id)
      throw StageError("config key 'anchors': '" + text +
                       "' is not an arXiv id (like 2104.09864, 2104.09864v5 or "
                       "astro-ph/0601001)");
    if (std::find(s.anchors.begin(), s.anchors.end(), *id) == s.anchors.end())
      s.anchors.push_back(*id);
  }
  s.max_rows = int_in_range(ctx, "max_rows_per_paper", 1, 1000);
  s.min_rows = int_in_range(ctx, "min_rows_per_paper", 0, 1000);
  if (s.min_rows > s.max_rows)
    throw StageError("config key 'min_rows_per_paper' (" + std::to_string(s.min_rows) +
                     ") must not exceed 'max_rows_per_paper' (" + std::to_string(s.max_rows) + ")");
  s.max_claim_chars = int_in_range(ctx, "max_claim_chars", 40, 100000);
  return s;
}

// The one upstream output called `name`, if any; two are ambiguous.
std::optional<std::string> read_single(Context& ctx, const char* name) {
  auto refs = ctx.inputs_named(name);
  if (refs.size() > 1)
    throw StageError(std::string("two upstream stages produce ") + name + " ('" + refs[0].stage +
                     "' and '" + refs[1].stage + "'); seed needs exactly one");
  if (refs.empty()) return std::nullopt;
  return ctx.read(refs[0].stage, name);
}

Queue read_queue(Context& ctx, bool* have_triage) {
  auto papers_text = read_single(ctx, "papers.json");
  if (!papers_text)
    throw StageError("no papers.json among the inputs: list the fetch stage in 'needs'");
  auto triage_text = read_single(ctx, "triage.json");
  auto queue_text = read_single(ctx, "queue.json");
  *have_triage = triage_text.has_value();
  try {
    std::vector<Paper> papers = parse_papers(*papers_text);
    if (!triage_text) {
      if (queue_text) throw InputError("queue.json without triage.json: fits are unknown");
      return queue_without_triage(papers);
    }
    std::optional<std::vector<std::string>> queue;
    if (queue_text) queue = parse_queue(*queue_text);
    return queue_from_triage(papers, parse_triage(*triage_text), queue);
  } catch (const InputError& e) {
    throw StageError(e.what());
  }
}

class Seed final : public Stage {
 public:
  void run(Context& ctx) override {
    SeedSettings settings = read_settings(ctx);
    bool have_triage = false;
    Queue queue = read_queue(ctx, &have_triage);
    if (!have_triage)
      ctx.info("no triage.json among the inputs: seeding every paper, taxonomy fit unknown");
    SeedOutcome outcome = seed_evidence(
        queue.items, settings, [&](size_t done, size_t total) { ctx.progress(done, total); },
        [&] { ctx.check_cancelled(); });
    ctx.write_json("evidence.json", evidence_json(outcome.rows));
    ctx.write_blob("evidence_matrix.csv", evidence_matrix_csv(outcome.rows));
    for (const auto& warning : queue.warnings) ctx.warn(warning);
    for (const auto& warning : outcome.warnings) ctx.warn(warning);
    ctx.info(summary_line(outcome, have_triage));
  }
};

constexpr quire_config_field kFields[] = {
    {"anchors", QUIRE_CONFIG_STRING_LIST, 0, "[]",
     "arXiv ids (versioned or not) whose rows get role \"anchor\"; others are \"auto-produced\""},
    {"max_rows_per_paper", QUIRE_CONFIG_INT, 0, "3",
     "most rows per paper: findings first, then contributions, each by position"},
    {"min_rows_per_paper", QUIRE_CONFIG_INT, 0, "1",
     "fewest rows per paper: background sentences fill up to it"},
    {"max_claim_chars", QUIRE_CONFIG_INT, 0, "400",
     "longer sentences are elided at a clause boundary, marked \" […] \" (source_quote stays "
     "whole)"},
};

}  // namespace
}  // namespace quire::seed

QUIRE_PLUGIN(quire::seed::Seed, "seed", "1.0.0", "evidence rows from abstracts (whole sentences)",
             quire::seed::kFields, 0)

// triage: scores the fetched papers against the direction's taxonomy, classifies each as
// in-scope / weak-scope / out-of-scope with the matches that decided it (triage.json), and
// picks the reading queue (queue.json). Pure function of config and papers.json: no network,
// no clock, no randomness.
#include <quire/plugin.hpp>

#include "ranking.hpp"
#include "records.hpp"
#include "scoring.hpp"
#include "taxonomy.hpp"

namespace quire::triage {
namespace {

class TriageStage final : public Stage {
 public:
  void run(Context& ctx) override {
    Scorer scorer(parse_taxonomy(ctx.config_json()));
    std::vector<InputRef> inputs = ctx.inputs_named("papers.json");
    if (inputs.empty())
      throw StageError(
          "triage needs a stage that writes papers.json (e.g. arxiv-fetch) in its "
          "`needs`");
    std::vector<std::vector<Paper>> lists;
    for (const auto& input : inputs)
      lists.push_back(parse_papers(ctx.read(input.stage, input.name),
                                   "papers.json from stage '" + input.stage + "'"));
    std::vector<std::string> dropped;
    std::vector<Paper> papers = merge_papers(lists, &dropped);
    for (const auto& id : dropped)
      ctx.warn(id + ": listed by more than one upstream stage; the highest version is triaged");

    std::vector<Assessment> assessments;
    for (size_t i = 0; i < papers.size(); ++i) {
      ctx.check_cancelled();
      assessments.push_back(scorer.assess(papers[i]));
      ctx.progress(i + 1, papers.size());
    }
    rank_and_select(&assessments, scorer.taxonomy());
    ctx.write_json("triage.json", triage_json(assessments));
    ctx.write_json("queue.json", queue_json(assessments));
    ctx.info(summary(assessments));
  }
};

constexpr quire_config_field kFields[] = {
    {"terms", QUIRE_CONFIG_LIST, 1, nullptr,
     "the taxonomy: tables {term, weight, generic = false, acronym, variants}"},
    {"required", QUIRE_CONFIG_STRING_LIST, 0, "[]",
     "terms of which at least one must match for in-scope"},
    {"excluded", QUIRE_CONFIG_STRING_LIST, 0, "[]",
     "terms that each cost excluded_penalty and cap a paper at weak-scope"},
    {"categories", QUIRE_CONFIG_TABLE, 0, "{}",
     "arXiv category (or archive) = weight, added once per paper when it is listed in it"},
    {"excluded_penalty", QUIRE_CONFIG_FLOAT, 0, "5.0", "score subtracted per excluded term found"},
    {"title_weight", QUIRE_CONFIG_FLOAT, 0, "2.0", "multiplier for matches in the title"},
    {"abstract_weight", QUIRE_CONFIG_FLOAT, 0, "1.0", "multiplier for matches in the abstract"},
    {"in_scope", QUIRE_CONFIG_FLOAT, 0, "6.0", "score at or above which a paper can be in-scope"},
    {"weak_scope", QUIRE_CONFIG_FLOAT, 0, "2.0", "score at or above which a paper is weak-scope"},
    {"top_n", QUIRE_CONFIG_INT, 0, "40", "most papers in the queue"},
    {"min_score", QUIRE_CONFIG_FLOAT, 0, "2.0", "least score for the queue"},
};

}  // namespace
}  // namespace quire::triage

QUIRE_PLUGIN(quire::triage::TriageStage, "triage", "1.0.0",
             "scores papers against the direction's taxonomy: in/weak/out of scope, with reasons, "
             "and the reading queue",
             quire::triage::kFields, 0)

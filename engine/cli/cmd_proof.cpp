// quire proof RUN_DIR: re-verify every supported row of the run's evidence matrix against the
// cached PDFs and write proof.json (docs/cli.md).
#include <cstdio>
#include <cstdlib>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/options.hpp"
#include "proof/draft_inputs.hpp"
#include "proof/proof.hpp"
#include "util/files.hpp"
// The audit library's PDF reader and matcher (plugins/common/audit), so that proof, the audit's
// round 3 and draft-render read a PDF and match a quote the same way.
#include "audit.hpp"
#include "page_text.hpp"
#include "recheck.hpp"

namespace quire::cli {

namespace {

ProofReader audit_reader() {
  ProofReader reader;
  reader.read_pages = [](std::string_view bytes) {
    audit::PageTexts texts = audit::read_page_texts(bytes);
    return PdfPages{texts.ok, std::move(texts.error), std::move(texts.pages)};
  };
  reader.find_quote = [](std::string_view quote, const std::vector<std::string>& pages,
                         double jaccard) {
    audit::Recheck r = audit::recheck_quote(quote, pages, jaccard);
    return QuoteFound{r.found, std::move(r.method), std::move(r.pages), r.score};
  };
  return reader;
}

// Round 8 on the run's draft.md: every count and share it states against the ledger it was
// rendered from. Nothing when the run has no draft.
std::optional<DraftConsistency> check_run_draft(const RunLayout& run) {
  std::optional<DraftInputs> found = find_draft_inputs(run);
  if (!found) return std::nullopt;
  DraftConsistency check;
  check.draft = found->draft_path;
  check.edited = found->draft_edited;
  check.problems = found->problems;
  auto input = [&](const char* name) -> std::optional<audit::NamedInput> {
    auto it = found->ledger.find(name);
    if (it == found->ledger.end()) return std::nullopt;
    return audit::NamedInput{it->second.stage, it->second.text};
  };
  auto papers = input("papers.json"), evidence = input("evidence.json");
  if (!papers || !evidence) {
    check.problems.push_back("the ledger beside the draft lacks papers.json or evidence.json");
    return check;
  }
  audit::AuditInputs in;
  in.papers = *papers;
  in.evidence = *evidence;
  in.triage = input("triage.json");
  in.probes = input("probes.json");
  in.probe_evidence = input("probe_evidence.json");
  in.draft = audit::NamedInput{"draft", found->draft_text};
  try {
    audit::DraftCheck result = audit::check_draft(in, found->audit_report);
    check.statements_checked = result.statements_checked;
    check.mismatches = std::move(result.mismatches);
  } catch (const std::exception& e) {
    check.problems.push_back(std::string("cannot read the ledger: ") + e.what());
  }
  return check;
}

// --cache, else $QUIRE_CACHE, else the cache the run recorded (run.cache, else .quire/ beside
// its workflow).
fs::path proof_cache(const std::string& option, const RunLayout& run) {
  if (!option.empty()) return fs::absolute(option);
  if (const char* env = std::getenv("QUIRE_CACHE"); env && *env) return fs::absolute(env);
  return run.recorded_cache();
}

StatusOr<fs::path> proof_matrix(const std::string& option, const RunLayout& run) {
  if (!option.empty()) return fs::path(option);
  auto stage = run.last_stage_with("evidence_matrix.csv");
  if (!stage || !is_safe_name(*stage))
    return Status::bad_workflow("no stage in " + (run.dir / "production_run.json").string() +
                                " has an evidence_matrix.csv output; name one with --matrix");
  return run.dir / *stage / "evidence_matrix.csv";
}

void print_summary(const Proof& proof, const fs::path& out) {
  for (const auto& row : proof.rows) {
    if (row.pass) continue;
    std::string reasons;
    for (const auto& r : row.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
    std::string page = row.page ? ", page " + std::to_string(*row.page) : "";
    std::printf("FAIL %s (%s%s): %s\n", row.row_id.c_str(), row.paper_id.c_str(), page.c_str(),
                reasons.c_str());
  }
  if (proof.draft) {
    for (const auto& m : proof.draft->mismatches)
      std::printf("DRAFT %s: %s\n", proof.draft->draft.c_str(), m.c_str());
    for (const auto& p : proof.draft->problems)
      std::printf("DRAFT %s: %s\n", proof.draft->draft.c_str(), p.c_str());
    std::printf("proof: %s%s: %zu statements checked against the ledger, %zu disagree\n",
                proof.draft->draft.c_str(), proof.draft->edited ? " (edited since the run)" : "",
                proof.draft->statements_checked, proof.draft->mismatches.size());
  }
  if (proof.rows.empty()) {
    std::printf("proof: no supported rows in %s: nothing to prove; wrote %s\n",
                proof.matrix.c_str(), out.string().c_str());
    return;
  }
  std::printf(
      "proof: %zu of %zu supported rows re-verified, proof_score %.4f %s threshold %g: "
      "%s; wrote %s\n",
      proof.passed, proof.rows.size(), proof.proof_score,
      proof.proof_score >= proof.threshold ? ">=" : "<", proof.threshold, proof.verdict.c_str(),
      out.string().c_str());
}

}  // namespace

int cmd_proof(const Args& args) {
  const char* usage =
      "quire proof RUN_DIR [--matrix FILE] [--cache DIR] [--out FILE] [--threshold X] "
      "[--jaccard X]";
  po::options_description options("proof options");
  std::string run_dir, matrix_option, cache_option, out_option;
  double threshold = 0.5, jaccard = 0.6;
  options.add_options()("help,h", "show this help")("run-dir", po::value(&run_dir),
                                                    "the run directory to check")(
      "matrix", po::value(&matrix_option),
      "evidence matrix to check (default: the last stage's evidence_matrix.csv)")(
      "cache", po::value(&cache_option),
      "cache holding the PDFs (default: $QUIRE_CACHE, else the run's)")(
      "out", po::value(&out_option), "where to write proof.json (default: RUN_DIR/proof.json)")(
      "threshold", po::value(&threshold), "proof_score needed for exit 0, in [0, 1] (0.5)")(
      "jaccard", po::value(&jaccard), "token-window Jaccard a fuzzy match needs, in (0, 1] (0.6)");
  po::positional_options_description positional;
  positional.add("run-dir", 1);
  po::variables_map vm;
  if (!parse_options(args, options, positional, &vm, usage)) return 2;
  if (wants_help(vm, options, usage)) return 0;
  if (run_dir.empty())  // checked here, not by ->required(), so that --help works alone
    return report(Status::bad_workflow(std::string("no RUN_DIR; usage: ") + usage));
  if (!(threshold >= 0 && threshold <= 1))
    return report(Status::bad_workflow("--threshold must be in [0, 1]"));
  if (!(jaccard > 0 && jaccard <= 1))
    return report(Status::bad_workflow("--jaccard must be in (0, 1]"));

  auto run = read_run_layout(run_dir);
  if (!run.ok()) return report(run.status());
  // `quire run` holds this lock while it writes the run directory; proof reads it whole.
  FileLock run_lock;
  fs::path lock_file = run->dir / ".quire" / "lock";
  if (fs::exists(lock_file) && !run_lock.try_lock(lock_file, FileLock::Mode::kShared))
    return report(Status::bad_workflow("a quire run is writing " + run->dir.string() +
                                       "; run proof when it has finished"));
  auto matrix = proof_matrix(matrix_option, *run);
  if (!matrix.ok()) return report(matrix.status());
  ProofOptions proof_options{*matrix, proof_cache(cache_option, *run), jaccard, threshold};
  auto proof = prove(*run, proof_options, audit_reader());
  if (!proof.ok()) return report(proof.status());
  if (auto draft = check_run_draft(*run)) proof->set_draft(std::move(*draft));

  fs::path out = out_option.empty() ? fs::path(run_dir) / "proof.json" : fs::path(out_option);
  fs::path tmp = out_option.empty() ? run->dir / ".quire" / "tmp" : fs::absolute(out).parent_path();
  auto error = write_file_atomic(out, proof->json_text(), tmp);
  if (!error.empty()) return report(Status::bad_workflow("cannot write proof: " + error));
  print_summary(*proof, out);
  return proof->proven() ? 0 : 1;
}

}  // namespace quire::cli

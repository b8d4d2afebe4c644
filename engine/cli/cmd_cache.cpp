// quire cache stats|verify|gc
#include <cstdio>

#include "cache/maintenance.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/options.hpp"

namespace quire::cli {

namespace {

std::string bytes_text(uint64_t bytes) {
  char text[32];
  if (bytes < 10 * 1024)
    std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
  else if (bytes < 10ull * 1024 * 1024)
    std::snprintf(text, sizeof text, "%.1f KiB", bytes / 1024.0);
  else
    std::snprintf(text, sizeof text, "%.1f MiB", bytes / (1024.0 * 1024.0));
  return text;
}

int stats(const Cache& cache) {
  auto s = cache_stats(cache);
  std::printf(
      "cache %s\n  objects     %llu (%s)\n  actions     %llu\n  memo        %llu\n"
      "  http        %llu\n  incomplete  %llu\n  temp files  %llu\n  quarantined %llu\n",
      cache.root().string().c_str(), static_cast<unsigned long long>(s.objects),
      bytes_text(s.object_bytes).c_str(), static_cast<unsigned long long>(s.actions),
      static_cast<unsigned long long>(s.memos), static_cast<unsigned long long>(s.http_records),
      static_cast<unsigned long long>(s.incomplete), static_cast<unsigned long long>(s.temp_files),
      static_cast<unsigned long long>(s.quarantined));
  return 0;
}

int verify(const Cache& cache) {
  auto r = verify_cache(cache);
  for (const auto& e : r.errors) std::printf("error: %s\n", e.c_str());
  for (const auto& w : r.warnings) std::printf("warning: %s\n", w.c_str());
  std::printf(
      "verified %llu objects, %llu actions, %llu memo entries, %llu HTTP records: %zu errors, "
      "%zu warnings\n",
      static_cast<unsigned long long>(r.objects), static_cast<unsigned long long>(r.actions),
      static_cast<unsigned long long>(r.memos), static_cast<unsigned long long>(r.http_records),
      r.errors.size(), r.warnings.size());
  return r.errors.empty() ? 0 : 1;
}

int gc(const Cache& cache, const po::variables_map& vm) {
  GcOptions options;
  if (vm.count("older-than")) options.older_than_days = vm["older-than"].as<double>();
  auto r = collect_garbage(cache, options);
  if (!r.ok()) return report(r.status());
  std::printf(
      "removed %llu unreferenced objects (%s), %llu action entries, %llu HTTP records, %llu "
      "debris files\n",
      static_cast<unsigned long long>(r->objects_removed), bytes_text(r->bytes_freed).c_str(),
      static_cast<unsigned long long>(r->actions_removed),
      static_cast<unsigned long long>(r->http_records_removed),
      static_cast<unsigned long long>(r->debris_removed));
  return 0;
}

}  // namespace

int cmd_cache(const Args& args) {
  const char* usage =
      "quire cache stats|verify|gc [WORKFLOW.toml] [--cache DIR] [--older-than DAYS]";
  po::options_description options("options");
  std::string action, file, cache_option;
  options.add_options()("help,h", "show this help")("action", po::value(&action)->required(),
                                                    "stats, verify or gc")(
      "workflow", po::value(&file), "use the cache beside this workflow")(
      "cache", po::value(&cache_option), "cache directory")(
      "older-than", po::value<double>(), "gc: also drop action entries older than DAYS");
  po::positional_options_description positional;
  positional.add("action", 1).add("workflow", 1);
  po::variables_map vm;
  if (!parse_options(args, options, positional, &vm, usage)) return 2;
  if (wants_help(vm, options, usage)) return 0;
  if (action != "stats" && action != "verify" && action != "gc")
    return report(Status::bad_workflow("unknown cache action '" + action + "'; usage: " + usage));
  auto dir = cache_dir(cache_option, file);
  if (!fs::exists(dir)) return report(Status::bad_workflow("no cache at " + dir.string()));
  auto cache = Cache::open(dir);
  if (!cache.ok()) return report(cache.status());
  if (action == "stats") return stats(*cache);
  if (action == "verify") return verify(*cache);
  return gc(*cache, vm);
}

}  // namespace quire::cli

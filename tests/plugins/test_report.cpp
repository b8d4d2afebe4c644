// test-report: gathers every upstream items.json into report.md (a blob) and summary.json,
// stamped with the run clock and a seeded sample, so determinism is visible in the bytes.
#include <quire/plugin.hpp>

namespace {

class TestReport final : public quire::Stage {
 public:
  void run(quire::Context& ctx) override {
    std::string title = ctx.get_string("title");
    std::string md = "# " + title + "\n\nrun clock: " + std::to_string(ctx.run_clock()) + "\n";
    size_t inputs = 0, bytes = 0;
    for (const auto& input : ctx.inputs()) {
      std::string data = ctx.read(input.stage, input.name);
      md += "\n## " + input.stage + "/" + input.name + "\n\n" + data;
      ++inputs;
      bytes += data.size();
    }
    auto rng = ctx.rng("sample");
    uint64_t sample = rng() % 1000;
    ctx.write_blob("report.md", md);
    ctx.write_json("summary.json", "{\"title\":\"" + title +
                                       "\",\"inputs\":" + std::to_string(inputs) +
                                       ",\"bytes\":" + std::to_string(bytes) +
                                       ",\"generated_at\":" + std::to_string(ctx.run_clock()) +
                                       ",\"sample\":" + std::to_string(sample) + "}");
  }
};

constexpr quire_config_field kFields[] = {
    {"title", QUIRE_CONFIG_STRING, 0, "\"report\"", "heading of report.md"},
};

}  // namespace

QUIRE_PLUGIN(TestReport, "test-report", "1.0.0", "collects upstream outputs into a report", kFields,
             0)

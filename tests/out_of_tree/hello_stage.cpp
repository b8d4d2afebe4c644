// An out-of-tree plugin: greets every item its upstream stage produced.
#include <quire/plugin.hpp>
#include <string>

namespace {

class HelloStage final : public quire::Stage {
 public:
  void run(quire::Context& ctx) override {
    std::string greeting = ctx.get_string("greeting");
    std::string text = greeting + " from " + ctx.stage_id() + "\n";
    for (const auto& input : ctx.inputs())
      text += input.stage + "/" + input.name + " " + input.digest + "\n";
    ctx.write_blob("hello.txt", text);
  }
};

constexpr quire_config_field kFields[] = {
    {"greeting", QUIRE_CONFIG_STRING, 1, nullptr, "what to say"},
};

}  // namespace

QUIRE_PLUGIN(HelloStage, "hello", "0.1.0", "says hello to its inputs", kFields, 0)

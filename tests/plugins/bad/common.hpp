// Shared by the deliberately broken test plugins: a harmless stage and a descriptor that the
// individual files then spoil in one way each.
#pragma once

#include <quire/plugin.hpp>

namespace bad {

class NoopStage final : public quire::Stage {
 public:
  void run(quire::Context& ctx) override { ctx.write_json("out.json", "{}"); }
};

inline quire_plugin_descriptor good_descriptor(const char* name) {
  return {QUIRE_ABI_MAJOR,
          QUIRE_ABI_MINOR,
          static_cast<uint32_t>(sizeof(quire_plugin_descriptor)),
          0,
          name,
          "1.0.0",
          QUIRE_SDK_VERSION_STRING,
          QUIRE_COMPILER_ID,
          QUIRE_STDLIB_ID,
          "a broken test plugin",
          nullptr,
          0,
          &quire::detail::create_stage<NoopStage>,
          &quire::detail::destroy_stage,
          &quire::detail::run_stage};
}

}  // namespace bad

#define BAD_EXPORT extern "C" __attribute__((visibility("default")))

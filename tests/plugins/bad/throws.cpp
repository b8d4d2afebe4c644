// A valid plugin whose stage throws something that is not a std::exception.
#include "common.hpp"

namespace {

class Throws final : public quire::Stage {
 public:
  void run(quire::Context&) override { throw 42; }
};

constexpr quire_config_field kFields[] = {{"unused", QUIRE_CONFIG_STRING, 0, "\"\"", "ignored"}};

}  // namespace

QUIRE_PLUGIN(Throws, "test-throws", "1.0.0", "throws an int from run()", kFields, 0)

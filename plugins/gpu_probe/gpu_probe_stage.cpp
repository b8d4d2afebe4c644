// gpu-probe stage (being written): see core/probes.hpp.
#include <quire/plugin.hpp>

namespace quire::gpu_probe {
namespace {
class GpuProbeStage final : public Stage {
 public:
  void run(Context&) override { throw StageError("gpu-probe: not yet written"); }
};
constexpr quire_config_field kFields[] = {
    {"probes", QUIRE_CONFIG_LIST, 1, nullptr, "probe tables"},
};
}  // namespace
}  // namespace quire::gpu_probe

QUIRE_PLUGIN(quire::gpu_probe::GpuProbeStage, "gpu-probe", "0.1.0", "probes",
             quire::gpu_probe::kFields, 0)

#include "plugin/plugin.hpp"

#include "util/digest.hpp"

namespace quire {

const ConfigField* PluginInfo::field(const std::string& key) const {
  for (const auto& f : fields)
    if (f.key == key) return &f;
  return nullptr;
}

LoadedPlugin::LoadedPlugin(PluginInfo info, std::shared_ptr<boost::dll::shared_library> library,
                           const quire_plugin_descriptor* descriptor)
    : info_(std::move(info)), library_(std::move(library)), descriptor_(descriptor) {}

const std::string& LoadedPlugin::digest() const {
  if (digest_.empty()) digest_ = digest_of_file(info_.path).value_or("sha256:unreadable");
  return digest_;
}

PluginCallResult LoadedPlugin::run_stage(Context& context) const {
  auto library = library_;  // kept alive by the deleter below
  auto destroy = descriptor_->destroy;
  std::unique_ptr<void, std::function<void(void*)>> stage(descriptor_->create(),
                                                          [library, destroy](void* p) {
                                                            if (p != nullptr) destroy(p);
                                                          });
  if (!stage)
    return {QUIRE_RUN_FAILED,
            "plugin '" + info_.name + "' (" + info_.path.string() + ") could not create its stage"};
  char error[4096] = {0};
  int32_t code = descriptor_->run(stage.get(), &context, error, sizeof error);
  if (code == QUIRE_RUN_OK) return {};
  if (code != QUIRE_RUN_FAILED && code != QUIRE_RUN_CACHE_MISS && code != QUIRE_RUN_CANCELLED)
    return {QUIRE_RUN_FAILED,
            "plugin '" + info_.name + "' returned unknown result code " + std::to_string(code)};
  std::string message = error[0] ? error : "stage failed without a message";
  return {code, message};
}

}  // namespace quire

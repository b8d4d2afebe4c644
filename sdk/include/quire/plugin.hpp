// QUIRE_PLUGIN: exports a stage class as a quire plugin.
//
//   class Upper final : public quire::Stage { void run(quire::Context& ctx) override; };
//   constexpr quire_config_field kFields[] = {
//       {"suffix", QUIRE_CONFIG_STRING, 0, "\"\"", "text appended to each item"}};
//   QUIRE_PLUGIN(Upper, "upper", "1.0.0", "Upper-cases items", kFields, 0)
//
// The macro defines the C entry point `quire_plugin_v<ABI>` returning a static descriptor
// with the build identity of this translation unit, and the exception-free create / destroy /
// run functions the engine calls. Use it once per shared library.
#pragma once

#include <quire/abi.h>

#include <cstring>
#include <exception>
#include <new>
#include <quire/context.hpp>
#include <quire/stage.hpp>
#include <quire/version.hpp>

// Build identity: the engine refuses a plugin whose standard library differs from its own,
// because std::string and std::vector cross the boundary.
#if defined(__clang__)
#define QUIRE_COMPILER_ID "clang " __clang_version__
#elif defined(__GNUC__)
#define QUIRE_COMPILER_ID "gcc " __VERSION__
#else
#define QUIRE_COMPILER_ID "unknown"
#endif
#if defined(_GLIBCXX_USE_CXX11_ABI)
#define QUIRE_STDLIB_ID "libstdc++ cxx11abi=" QUIRE_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define QUIRE_STDLIB_ID "libc++ abi=" QUIRE_STRINGIFY(_LIBCPP_ABI_VERSION)
#else
#define QUIRE_STDLIB_ID "unknown"
#endif

namespace quire::detail {

// Copies a message into the engine's buffer, always NUL-terminated.
inline void copy_message(const char* message, char* out, size_t size) noexcept {
  if (out == nullptr || size == 0) return;
  std::strncpy(out, message, size - 1);
  out[size - 1] = '\0';
}

// Runs a stage with every exception stopped here, on the plugin's side of the boundary.
inline int32_t run_guarded(Stage* stage, void* context, char* error, size_t size) noexcept {
  try {
    stage->run(*static_cast<Context*>(context));
    return QUIRE_RUN_OK;
  } catch (const CacheMiss& e) {
    copy_message(e.what(), error, size);
    return QUIRE_RUN_CACHE_MISS;
  } catch (const Cancelled& e) {
    copy_message(e.what(), error, size);
    return QUIRE_RUN_CANCELLED;
  } catch (const std::exception& e) {
    copy_message(e.what(), error, size);
    return QUIRE_RUN_FAILED;
  } catch (...) {
    copy_message("stage threw a non-standard exception", error, size);
    return QUIRE_RUN_FAILED;
  }
}

template <class StageT>
void* create_stage() noexcept {
  try {
    return static_cast<Stage*>(new StageT());
  } catch (...) {
    return nullptr;
  }
}

inline void destroy_stage(void* stage) noexcept { delete static_cast<Stage*>(stage); }

inline int32_t run_stage(void* stage, void* context, char* error, size_t size) noexcept {
  return run_guarded(static_cast<Stage*>(stage), context, error, size);
}

}  // namespace quire::detail

#define QUIRE_PLUGIN(StageClass, name_, version_, summary_, fields_, flags_) \
  QUIRE_PLUGIN_WITH_COUNT(StageClass, name_, version_, summary_, fields_,    \
                          sizeof(fields_) / sizeof(quire_config_field), flags_)

// The general form: `fields_` points at `count_` config fields.
#define QUIRE_PLUGIN_WITH_COUNT(StageClass, name_, version_, summary_, fields_, count_, flags_) \
  extern "C" __attribute__((visibility("default"))) const quire_plugin_descriptor*              \
  QUIRE_ENTRY_NAME(void) {                                                                      \
    static const quire_plugin_descriptor descriptor = {                                         \
        QUIRE_ABI_MAJOR,                                                                        \
        QUIRE_ABI_MINOR,                                                                        \
        static_cast<uint32_t>(sizeof(quire_plugin_descriptor)),                                 \
        static_cast<uint32_t>(flags_),                                                          \
        name_,                                                                                  \
        version_,                                                                               \
        QUIRE_SDK_VERSION_STRING,                                                               \
        QUIRE_COMPILER_ID,                                                                      \
        QUIRE_STDLIB_ID,                                                                        \
        summary_,                                                                               \
        fields_,                                                                                \
        static_cast<uint32_t>(count_),                                                          \
        &::quire::detail::create_stage<StageClass>,                                             \
        &::quire::detail::destroy_stage,                                                        \
        &::quire::detail::run_stage};                                                           \
    return &descriptor;                                                                         \
  }

// For a stage without config keys: QUIRE_PLUGIN_NO_CONFIG(Cls, "name", "1.0", "summary", 0).
#define QUIRE_PLUGIN_NO_CONFIG(StageClass, name_, version_, summary_, flags_)           \
  namespace {                                                                           \
  constexpr quire_config_field kQuireNoFields[1] = {{nullptr, 0, 0, nullptr, nullptr}}; \
  }                                                                                     \
  QUIRE_PLUGIN_WITH_COUNT(StageClass, name_, version_, summary_, kQuireNoFields, 0, flags_)

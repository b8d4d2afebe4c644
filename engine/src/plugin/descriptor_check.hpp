// Checks a plugin descriptor field by field before any C++ in the plugin is called.
#pragma once

#include <quire/abi.h>

#include <string>

#include "plugin/plugin.hpp"

namespace quire {

// The standard-library identity the engine was built with (see QUIRE_STDLIB_ID).
const char* engine_stdlib_id();
const char* engine_compiler_id();

// Fills `info` from `descriptor` or returns why the plugin is refused (empty when accepted).
// Messages name both sides of a mismatch, e.g. "built for ABI 2.0; this engine speaks ABI 1.0".
std::string check_descriptor(const quire_plugin_descriptor* descriptor, PluginInfo* info);

}  // namespace quire

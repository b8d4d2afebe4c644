// ProbeResult <-> JSON (the body of one probe record in probes.json, and the per-probe memo),
// and the device description every record carries. Doubles are written as they are (shortest
// round-trip form), so a rerun on the same device gives the same bytes.
#pragma once

#include <nlohmann/json.hpp>

#include "device.hpp"
#include "probe_result.hpp"

namespace quire::probe {

nlohmann::json result_json(const ProbeResult& result);
// Throws nlohmann::json::exception on a malformed record (a memo from another version).
ProbeResult result_from_json(const nlohmann::json& json);

nlohmann::json device_json(const DeviceInfo& device);

}  // namespace quire::probe

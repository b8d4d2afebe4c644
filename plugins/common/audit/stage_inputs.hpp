// Finding the ledger among a stage's inputs, the same way in every stage that reads it
// (audit-rounds, draft-render): papers.json and the other single inputs by name, and the
// evidence.json to use when seed and verify both give one.
#pragma once

#include <optional>
#include <quire/context.hpp>
#include <string>

#include "audit.hpp"

namespace quire::audit {

// The input named `name`, or nullopt when no stage in `needs` gives it; StageError when several
// do.
std::optional<NamedInput> optional_input(Context& ctx, const char* name);

// The evidence.json to read: `wanted_stage`'s when set, else the only one, else the one verify
// wrote (its rows carry full-text fields). StageError names the stages and the config key
// `config_key` when the choice is ambiguous or wrong.
NamedInput pick_evidence(Context& ctx, const std::string& wanted_stage,
                         const std::string& config_key);

// The whole ledger a stage audits: papers.json (required), the evidence.json pick_evidence
// chooses, and triage.json, probes.json, probe_evidence.json and draft.md when a stage in
// `needs` gives them; PDFs are read from the stage that gave papers.json (an unreadable one is
// nullopt: a finding, not a failed stage).
AuditInputs read_ledger_inputs(Context& ctx, const std::string& evidence_stage);

}  // namespace quire::audit

#!/usr/bin/env bash
# Installs the SDK from the build tree, builds hello_stage against it with find_package(QuireSDK)
# in a separate CMake project, and runs it in a workflow with the installed quire.
set -euo pipefail
build=$1
here=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$here" -B "$work/plugin" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/plugin" >/dev/null
test -f "$work/plugin/libhello_stage.so"

# test-source comes from the build tree; hello only from the out-of-tree build.
export QUIRE_PLUGIN_PATH="$work/plugin:$build/lib/quire/plugins"
# Not `grep -q`: it exits at the first match, and under pipefail the SIGPIPE that quire then
# gets (exit 141) failed this test whenever the machine was busy.
"$work/prefix/bin/quire" plugins | grep "hello 0.1.0" >/dev/null
"$work/prefix/bin/quire" run "$here/workflow.toml" --run-dir "$work/run" --cache "$work/cache" -q
grep -q "^hello from greet$" "$work/run/greet/hello.txt"
grep -q "^source/items.json sha256:" "$work/run/greet/hello.txt"
out=$("$work/prefix/bin/quire" run "$here/workflow.toml" --run-dir "$work/run" --cache "$work/cache" -q)
test "$out" = "2 stages, 2 cached"
echo "out-of-tree plugin built against the installed SDK and ran: ok"

#!/usr/bin/env bash
# The GPU-node path on this machine: makes the bundle (scripts/make-bundle), unpacks it in a temp
# dir, checks that the engine and the bundled plugins find every library they need inside it
# (those the node must bring excepted), builds gpu-probe out of tree against the bundle's SDK and
# nlohmann/json with Debian's LibTorch standing in for pip's, and runs a tiny probe workflow with
# the bundled bin/quire and nothing of the build tree on the library path.
#   bundle_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
root=$(cd "$2" && pwd)
torch_cmake=${QUIRE_TEST_TORCH_CMAKE:-/usr/lib/x86_64-linux-gnu/cmake/Torch}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "bundle_test: $*" >&2; exit 1; }

"$root/scripts/make-bundle" --build "$build" --out "$work/made" >/dev/null
mkdir "$work/node"
tar -C "$work/node" -xzf "$work/made/quire-bundle.tar.gz"
b=$work/node/quire-bundle
for path in bin/quire libexec/quire include/quire/plugin.hpp lib/cmake/QuireSDK/QuireSDKConfig.cmake \
            third_party/nlohmann_json/include/nlohmann/json.hpp src/plugins/gpu_probe/CMakeLists.txt \
            workflows/probes-paper-scale.toml scripts/gpu-node MANIFEST.txt; do
  [ -e "$b/$path" ] || fail "the bundle has no $path"
done
[ ! -e "$b/lib/quire/plugins/libquire_gpu_probe.so" ] || fail "the Debian-built gpu-probe is bundled"
[ ! -e "$b/lib/quire/plugins/gpu_probe" ] || fail "the Debian-built gpu-probe LibTorch half is bundled"
if ls "$b"/lib/libtorch* "$b"/lib/libc10* >/dev/null 2>&1; then fail "LibTorch is bundled"; fi

# Every library the engine and the bundled plugins load comes from the bundle, except those the
# node must provide (make-bundle says why). On this machine the system has them all, so only
# this check would notice a library missing from the bundle.
node_provides='^(linux-vdso|ld-linux|libc|libm|libmvec|libpthread|libdl|librt|libresolv|libutil|libanl|libnsl|libstdc\+\+|libgcc_s)\.so'
for object in "$b/libexec/quire" "$b"/lib/quire/plugins/*.so; do
  while read -r name arrow path _; do
    [ "$arrow" = "=>" ] || continue
    [[ $name =~ $node_provides ]] && continue
    [[ $path == "$b/lib/"* ]] || fail "$(basename "$object") loads $name from $path, not the bundle"
  done < <(env -u LD_LIBRARY_PATH LD_LIBRARY_PATH="$b/lib" ldd "$object")
done

# gpu-probe as a third-party plugin: the bundle's SDK and nlohmann/json, the machine's LibTorch.
cmake -S "$b/src/plugins/gpu_probe" -B "$work/plugin" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$b;$torch_cmake;$b/third_party/nlohmann_json" >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; fail "configuring gpu-probe against the bundle failed"; }
grep -q "^nlohmann_json_DIR:PATH=$b/third_party/nlohmann_json/" "$work/plugin/CMakeCache.txt" ||
  fail "the plugin did not use the bundle's nlohmann_json: $(grep nlohmann_json_DIR "$work/plugin/CMakeCache.txt")"
grep -q "^QuireSDK_DIR:PATH=$b/" "$work/plugin/CMakeCache.txt" || fail "the plugin did not use the bundle's SDK"
cmake --build "$work/plugin" --target quire_gpu_probe -j "${QUIRE_TEST_JOBS:-2}" >"$work/build.log" 2>&1 ||
  { tail -50 "$work/build.log"; fail "building gpu-probe against the bundle failed"; }
test -f "$work/plugin/libquire_gpu_probe.so"
test -f "$work/plugin/gpu_probe/libquire_gpu_probe_torch.so"

# The bundled engine, nothing of the build tree on any path: only the node-built gpu-probe and
# the bundle's own plugins are found.
run_quire() { env -u LD_LIBRARY_PATH QUIRE_PLUGIN_PATH="$work/plugin" "$b/bin/quire" "$@"; }
run_quire plugins >"$work/plugins.txt" 2>&1 || { cat "$work/plugins.txt"; fail "quire plugins failed"; }
grep "gpu-probe" "$work/plugins.txt" >/dev/null || { cat "$work/plugins.txt"; fail "gpu-probe not loaded"; }
if grep -F "$build" "$work/plugins.txt" >/dev/null; then fail "quire searched the build tree"; fi
run_quire run "$b/workflows/tiny_probe.toml" --run-dir "$work/run" --cache "$work/cache" -q ||
  fail "the tiny probe workflow failed (exit $?)"
test -s "$work/run/probe/probes.json" || fail "no probe/probes.json in the run directory"
echo "bundle made, gpu-probe built against it out of tree, tiny probe ran with the bundled quire: ok"

#!/usr/bin/env bash
# The Debian packages as an IT person gets them (run by ctest: package_test.sh BUILD_DIR SOURCE_DIR): built
# from the build tree by CPack, unpacked into a scratch root (dpkg -x), each program's --help run from
# there with its shared libraries resolved; estrade-server free of Qt and GStreamer; the systemd units
# verified by systemd-analyze, their exposure score printed; every lintian tag explained in docs/packaging.md.
set -euo pipefail
build=$1 source=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
check() {
  if eval "$2"; then echo "  ok: $1"; else echo "  FAILED: $1"; failed=1; fi
}

(cd "$build" && cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1) || { cat "$scratch/cpack.log"; exit 1; }
debs=("$scratch"/out/*.deb)
echo "packages: ${debs[*]##*/}"
check "three packages: estrade-server, estrade-host, estrade-room" \
  '[ ${#debs[@]} -eq 3 ] && ls "$scratch"/out | grep -q "^estrade-server_" && ls "$scratch"/out | grep -q "^estrade-host_" && ls "$scratch"/out | grep -q "^estrade-room_"'
server=$(ls "$scratch"/out/estrade-server_*.deb)
depends=$(dpkg-deb -f "$server" Depends)
echo "  estrade-server Depends: $depends"
check "estrade-server depends on neither Qt nor GStreamer" '! grep -Eqi "qt6|libqt|gstreamer" <<<"$depends"'
check "its dependencies come from its binaries (libsrt, libzmq, libsqlite3, libsystemd)" \
  'grep -q libsrt <<<"$depends" && grep -q libzmq <<<"$depends" && grep -q libsqlite3 <<<"$depends" && grep -q libsystemd <<<"$depends"'
check "estrade-host and estrade-room depend on Qt and GStreamer" \
  'dpkg-deb -f "$scratch"/out/estrade-room_*.deb Depends | grep -q libqt6 && dpkg-deb -f "$scratch"/out/estrade-host_*.deb Depends | grep -q libgstreamer'

for deb in "${debs[@]}"; do dpkg -x "$deb" "$scratch/root"; done
for program in estrade-relay estrade-qa estrade-producer estrade-moderator estrade-web estrade-viewer; do
  binary="$scratch/root/usr/bin/$program"
  check "$program is in a package" '[ -x "$binary" ]'
  check "$program's shared libraries all resolve" '! ldd "$binary" | grep -q "not found"'
  check "$program --help runs from the unpacked root" 'QT_QPA_PLATFORM=offscreen "$binary" --help >/dev/null 2>&1'
done
check "the web page and hls.js are where estrade-web looks" \
  '[ -f "$scratch/root/usr/share/estrade/web/index.html" ] && [ -f "$scratch/root/usr/share/estrade/web/vendor/hls.min.js" ]'
check "the join file's MIME type and the desktop entry" \
  '[ -f "$scratch/root/usr/share/mime/packages/estrade.xml" ] && [ -f "$scratch/root/usr/share/applications/estrade-viewer.desktop" ]'

# The units, pointed at the unpacked programs (verify checks that ExecStart exists).
mkdir -p "$scratch/units"
for unit in "$scratch"/root/lib/systemd/system/*.service; do
  sed "s|/usr/bin/|$scratch/root/usr/bin/|" "$unit" >"$scratch/units/$(basename "$unit")"
done
for unit in estrade-relay@.service estrade-qa@.service; do
  check "$unit is in estrade-server" '[ -f "$scratch/root/lib/systemd/system/$unit" ]'
  instance="$scratch/units/${unit/@/@demo}"
  cp "$scratch/units/$unit" "$instance"
  verify=$(systemd-analyze verify "$instance" 2>&1 | grep -v "Failed to resolve unit\|No such file or directory" || true)
  [ -n "$verify" ] && echo "$verify" | sed 's/^/    /'
  check "systemd-analyze verify $unit" '[ -z "$verify" ]'
  score=$(systemd-analyze security --offline=true "$instance" 2>/dev/null | tail -1)
  echo "  $unit: $score"
  check "$unit is hardened (exposure under 2.0)" 'awk "{ exit !(\$(NF-1) + 0 < 2.0) }" <<<"${score/→/ }"'
done

if command -v lintian >/dev/null; then
  tags=$(lintian --no-tag-display-limit "${debs[@]}" 2>/dev/null | awk '/^[EW]: /{print $3}' | sort -u || true)
  echo "  lintian errors and warnings: ${tags:-none}"
  for tag in $tags; do
    check "lintian tag $tag is explained in docs/packaging.md" 'grep -q "\`$tag\`" "$source/docs/packaging.md"'
  done
fi
exit $failed

#!/usr/bin/env bash
# Installs the built programs and makes a join file (<site>.estrade) open in estrade-viewer on a
# double-click: the desktop entry and the MIME type, for this user (or system-wide as root).
# Usage: packaging/install.sh [PREFIX]      (after ./estrade build; PREFIX default ~/.local or /usr/local)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if [ "$(id -u)" -eq 0 ]; then PREFIX=${1:-/usr/local}; else PREFIX=${1:-$HOME/.local}; fi
install -d "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/mime/packages"
for program in estrade-viewer estrade-moderator estrade-producer estrade-relay estrade-qa; do
  install -m 0755 "$ROOT/build/bin/$program" "$PREFIX/bin/"
done
install -m 0644 "$ROOT/packaging/estrade-viewer.desktop" "$PREFIX/share/applications/"
install -m 0644 "$ROOT/packaging/estrade-join.xml" "$PREFIX/share/mime/packages/"
command -v update-mime-database >/dev/null && update-mime-database "$PREFIX/share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$PREFIX/share/applications" || true
command -v xdg-mime >/dev/null && xdg-mime default estrade-viewer.desktop application/x-estrade-join || true
echo "installed in $PREFIX: a double-click on a .estrade file now opens estrade-viewer"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "note: add $PREFIX/bin to PATH" ;; esac

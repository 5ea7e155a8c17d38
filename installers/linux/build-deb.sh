#!/bin/sh
# Package the PyInstaller bundle (dist/imza/, from `pyinstaller build.spec`) as
#   dist/imza_<version>_<arch>.deb               (dpkg-deb; installs to /usr/lib/imza, /usr/bin/imza)
#   dist/imza-<version>-linux-<machine>.tar.gz   (the same files under imza-<version>/, for any distribution)
# `make dist` runs this. The version is the one the bundle reports (`imza --version`), which
# comes from pyproject.toml: the package cannot say anything else.
#
# Depends: the PC/SC daemon and a PKCS#11 module (OpenSC for ID cards, or p11-kit's proxy for
# the vendor's middleware) plus the system libraries the bundle links to but does not carry
# (X11/XCB, GL, fontconfig, D-Bus...), found by reading the bundle's ELF files and asking dpkg
# which package holds each library.
#
# No AppImage: neither appimagetool nor the AppImage runtime is in Debian's or PyPI's packages
# (the PyPI tools download them while building), so the relocatable tarball takes its place.
# Needs dpkg-deb, readelf (binutils), ldconfig, tar: scripts/system-deps.sh installs them.
set -eu
cd "$(dirname "$0")/../.."

BUNDLE=dist/imza
[ -x "$BUNDLE/imza" ] || { echo "build-deb.sh: $BUNDLE/imza is missing; run pyinstaller build.spec first (make dist)." >&2; exit 1; }
VERSION=$("$BUNDLE/imza" --version | sed -n 's/^imza, version //p')
[ -n "$VERSION" ] || { echo "build-deb.sh: $BUNDLE/imza --version did not say its version." >&2; exit 1; }
ARCH=$(dpkg --print-architecture)
HERE=installers/linux
# zstd -9: seconds on two cores, 67 MB; a release may prefer DEB_COMPRESSION="-Zxz" (54 MB, minutes).
DEB_COMPRESSION=${DEB_COMPRESSION:--Zzstd -z9}

STAGE=$(mktemp -d "${TMPDIR:-/tmp}/imza-deb.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT
ROOT=$STAGE/imza_${VERSION}_$ARCH

# The files, as installed.
install -d "$ROOT/usr/lib" "$ROOT/usr/bin" "$ROOT/usr/share/applications" "$ROOT/usr/share/mime/packages" \
    "$ROOT/usr/share/doc/imza"
cp -a "$BUNDLE" "$ROOT/usr/lib/imza"
ln -s ../lib/imza/imza "$ROOT/usr/bin/imza"
install -m 644 "$HERE/imza.desktop" "$ROOT/usr/share/applications/imza.desktop"
install -m 644 "$HERE/imza-mime.xml" "$ROOT/usr/share/mime/packages/imza.xml"
for size in 16 32 48 64 128 256 512; do
    install -D -m 644 "resources/icons/imza-$size.png" "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/imza.png"
done
cat > "$ROOT/usr/share/doc/imza/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: imza
License: EUPL-1.2
Comment: Bundles Python, Qt (PySide6, LGPL-3.0), pdfium (BSD-3-Clause), pyhanko (MIT),
 python-pkcs11 (MIT) and their dependencies under their own licences.
EOF
find "$ROOT" -type d -exec chmod 755 {} +

# System libraries the bundle needs but does not carry → the packages that hold them.
libdeps=$(
    find "$ROOT/usr/lib/imza" -type f \( -name '*.so*' -o -name imza \) -exec sh -c \
        'for f; do readelf -d "$f" 2>/dev/null | sed -n "s/.*(NEEDED).*\[\(.*\)\]/\1/p"; done' sh {} + |
    sort -u | while read -r lib; do
        [ -n "$(find "$ROOT/usr/lib/imza" -name "$lib" -print -quit)" ] && continue
        path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64|AArch64|aarch64/ {print $NF; exit}')
        [ -n "$path" ] || path=$(ldconfig -p | awk -v l="$lib" '$1 == l {print $NF; exit}')
        [ -n "$path" ] || continue  # e.g. GTK for a theme plugin we do not ship
        dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true
    done | cut -d: -f1 | sort -u | tr '\n' ' '
)
depends="pcscd, opensc | p11-kit"
for pkg in $libdeps; do depends="$depends, $pkg"; done
# Drawn by Qt at run time (dlopen), so no ELF file names them.
depends="$depends, libxcb-cursor0, libxkbcommon-x11-0, fontconfig"

install -d "$ROOT/DEBIAN"
cat > "$ROOT/DEBIAN/control" <<EOF
Package: imza
Version: $VERSION
Architecture: $ARCH
Maintainer: Imza developers <imza@localhost>
Installed-Size: $(du -sk "$ROOT/usr" | cut -f1)
Depends: $depends
Recommends: opensc, p11-kit
Section: utils
Priority: optional
Homepage: https://imza.invalid
Description: sign and verify documents with your ID card or USB token
 Imza signs PDFs (PAdES), any file (detached CAdES .p7s) and ASiC-E containers
 with the e-signature certificate on an ID card or token (PKCS#11), and
 verifies signed documents offline.
EOF

mkdir -p dist
# shellcheck disable=SC2086
dpkg-deb --root-owner-group $DEB_COMPRESSION --build "$ROOT" "dist/imza_${VERSION}_$ARCH.deb" >/dev/null
echo "dist/imza_${VERSION}_$ARCH.deb ($(du -h "dist/imza_${VERSION}_$ARCH.deb" | cut -f1))"

# The tarball: the same tree, relocatable (bin/imza is a relative link).
TAR=imza-$VERSION
mkdir -p "$STAGE/$TAR"
mkdir -p "$STAGE/$TAR/lib"
cp -a "$ROOT/usr/lib/imza" "$STAGE/$TAR/lib/imza"
mkdir -p "$STAGE/$TAR/bin"
ln -s ../lib/imza/imza "$STAGE/$TAR/bin/imza"
cp -a "$ROOT/usr/share" "$STAGE/$TAR/share"
rm -rf "$STAGE/$TAR/share/doc"
cat > "$STAGE/$TAR/INSTALL.txt" <<EOF
Imza $VERSION for Linux ($(uname -m)).

Run it from here:   bin/imza gui        (bin/imza --help for the command line)
Install for you:    cp -r . ~/.local/opt/imza && ln -s ~/.local/opt/imza/bin/imza ~/.local/bin/imza
                    cp -r share/* ~/.local/share/   (menu entry, icons, file types)
Needs: pcscd and a PKCS#11 module for your card (usually OpenSC), and the X11/XCB
libraries every desktop has. Check with:  bin/imza --self-test
EOF
tar -C "$STAGE" -czf "dist/imza-$VERSION-linux-$(uname -m).tar.gz" "$TAR"
echo "dist/imza-$VERSION-linux-$(uname -m).tar.gz ($(du -h "dist/imza-$VERSION-linux-$(uname -m).tar.gz" | cut -f1))"

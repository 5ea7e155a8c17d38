#!/bin/sh
# Install the system packages Imza's demo and tests need (Debian/Ubuntu).
# As root: installs what is missing. Otherwise: says exactly what to install.
set -eu

# package:file-that-proves-it-is-there
NEEDED="
python3-venv:/usr/lib/python3/dist-packages/../../python3*/ensurepip
softhsm2:/usr/bin/softhsm2-util
opensc:/usr/bin/pkcs11-tool
pcscd:/usr/sbin/pcscd
vsmartcard-vpcd:/usr/lib/pcsc/drivers/serial/libifdvpcd.so
xvfb:/usr/bin/Xvfb
xauth:/usr/bin/xauth
libxcb-cursor0:/usr/lib/*/libxcb-cursor.so.0
libxkbcommon-x11-0:/usr/lib/*/libxkbcommon-x11.so.0
libegl1:/usr/lib/*/libEGL.so.1
libgl1:/usr/lib/*/libGL.so.1
libfontconfig1:/usr/lib/*/libfontconfig.so.1
libdbus-1-3:/usr/lib/*/libdbus-1.so.3
libxcb-icccm4:/usr/lib/*/libxcb-icccm.so.4
libxcb-keysyms1:/usr/lib/*/libxcb-keysyms.so.1
libxcb-shape0:/usr/lib/*/libxcb-shape.so.0
libxcb-xinerama0:/usr/lib/*/libxcb-xinerama.so.0
libxcb-randr0:/usr/lib/*/libxcb-randr.so.0
libxcb-render-util0:/usr/lib/*/libxcb-render-util.so.0
libxcb-image0:/usr/lib/*/libxcb-image.so.0
fonts-dejavu-core:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
gcc:/usr/bin/gcc
libc6-dev:/usr/include/stdio.h
libp11-kit-dev:/usr/include/p11-kit-1/p11-kit/pkcs11.h
binutils:/usr/bin/readelf
qpdf:/usr/bin/qpdf
"

missing=""
for entry in $NEEDED; do
    pkg=${entry%%:*}
    pattern=${entry#*:}
    if [ "$pkg" = python3-venv ]; then
        python3 -c 'import ensurepip, venv' 2>/dev/null && continue
    else
        # shellcheck disable=SC2086
        set -- $pattern
        [ -e "$1" ] && continue
    fi
    missing="$missing $pkg"
done

if [ -z "$missing" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Imza needs these packages (names as on Debian):$missing" >&2
    echo "Install their equivalents with your system's package manager, then re-run make." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    echo "Installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "Imza needs these system packages:$missing" >&2
    echo "Install them with:  sudo apt-get install$missing" >&2
    echo "(or run this make target as root, which installs them)" >&2
    exit 1
fi

#!/bin/sh
# Build Imza.app and Imza-<version>.dmg on macOS (Xcode command-line tools, Python 3.11+).
#
#   installers/macos/build-dmg.sh                 # unsigned: for testing on this Mac
#   SIGN_IDENTITY="Developer ID Application: NAME (TEAMID)" NOTARY_PROFILE=imza \
#       installers/macos/build-dmg.sh             # signed with the hardened runtime, notarised, stapled
#
# NOTARY_PROFILE is a keychain profile made once with
#   xcrun notarytool store-credentials imza --apple-id ID --team-id TEAMID --password APP-SPECIFIC-PASSWORD
# Every file named here is checked against the bundle layout by tests/test_packaging.py.
set -eu
cd "$(dirname "$0")/../.."

APP=dist/Imza.app
ENTITLEMENTS=installers/macos/entitlements.plist

python3 -m venv .venv-mac
.venv-mac/bin/pip install -q -e '.[build]'
for ts in resources/i18n/imza_az.ts resources/i18n/imza_ru.ts; do
    .venv-mac/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
.venv-mac/bin/pyinstaller --noconfirm --distpath dist --workpath build/pyinstaller build.spec
"$APP/Contents/MacOS/imza" --self-test
VERSION=$("$APP/Contents/MacOS/imza" --version | sed -n 's/^imza, version //p')
/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist" | grep -qx "$VERSION"

if [ -n "${SIGN_IDENTITY:-}" ]; then
    # Inside out: every library and the executable, then the bundle, all with the hardened
    # runtime and a secure timestamp (both required for notarisation).
    find "$APP/Contents/Frameworks" "$APP/Contents/Resources" -type f \( -name '*.so' -o -name '*.dylib' \) \
        -exec codesign --force --timestamp --options runtime --sign "$SIGN_IDENTITY" {} +
    find "$APP/Contents/Frameworks" -type d -name '*.framework' \
        -exec codesign --force --timestamp --options runtime --sign "$SIGN_IDENTITY" {} +
    codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" \
        --sign "$SIGN_IDENTITY" "$APP/Contents/MacOS/imza"
    codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" \
        --sign "$SIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

DMG=dist/Imza-$VERSION.dmg
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Imza $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO "$DMG"

if [ -n "${SIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$SIGN_IDENTITY" "$DMG"
    if [ -n "${NOTARY_PROFILE:-}" ]; then
        xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
        spctl --assess --type open --context context:primary-signature --verbose "$DMG"
    fi
fi
echo "$DMG"

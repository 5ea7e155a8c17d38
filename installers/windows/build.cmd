@echo off
rem Build Imza's Windows installer: the PyInstaller bundle, then Inno Setup 6 (iscc on PATH).
rem Run from anywhere on a Windows machine with Python 3.11+ and Inno Setup 6:
rem   installers\windows\build.cmd
rem Output: dist\imza\ (the bundle) and dist\imza-<version>-windows-x64-setup.exe
setlocal
cd /d "%~dp0\..\.."
python -m venv .venv-win || exit /b 1
.venv-win\Scripts\python -m pip install -q -e ".[build]" || exit /b 1
.venv-win\Scripts\pyside6-lrelease -silent resources\i18n\imza_az.ts -qm resources\i18n\imza_az.qm || exit /b 1
.venv-win\Scripts\pyside6-lrelease -silent resources\i18n\imza_ru.ts -qm resources\i18n\imza_ru.qm || exit /b 1
.venv-win\Scripts\pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller build.spec || exit /b 1
dist\imza\imza.exe --self-test || exit /b 1
rem The version the bundle reports (from pyproject.toml) is the installer's version.
for /f "tokens=3" %%v in ('dist\imza\imza.exe --version') do set VERSION=%%v
if "%VERSION%"=="" (echo imza.exe --version said no version & exit /b 1)
iscc /DAppVersion=%VERSION% installers\windows\imza.iss || exit /b 1
rem Sign both the app and the installer (see README.md), e.g.:
rem   signtool sign /fd sha256 /tr http://timestamp.example /td sha256 /a dist\imza\imza.exe dist\imza-%VERSION%-windows-x64-setup.exe
endlocal

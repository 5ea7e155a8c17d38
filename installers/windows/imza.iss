; Inno Setup 6 script: Imza for Windows, installed per user (no administrator rights needed).
;
; Build on Windows, from the repository root, after `pyinstaller --noconfirm build.spec`:
;   installers\windows\build.cmd          (reads the version from dist\imza\imza.exe --version)
; or by hand:
;   iscc /DAppVersion=0.1.0 installers\windows\imza.iss
; Output: dist\imza-<version>-windows-x64-setup.exe. Signing: see README.md beside this file.
;
; Every file named below is checked against the bundle layout by tests/test_packaging.py.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (build.cmd reads it from imza.exe --version)
#endif
#define AppName "Imza"
#define AppExe "imza.exe"
; The windowed twin (no console window): menu entries and file associations start this one.
#define AppGuiExe "imza-gui.exe"
#define Bundle "..\..\dist\imza"

[Setup]
; Never change AppId: it is how an update finds the installed copy.
AppId={{6C1D3B5E-4F2A-4E8B-9A57-1D2C3E4F5A6B}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=Imza developers
AppComments=Sign and verify documents with your ID card or USB token
; Per-user install: {autopf} is %LOCALAPPDATA%\Programs, associations go to HKCU.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=imza-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\imza.ico
UninstallDisplayIcon={app}\{#AppGuiExe}
UninstallDisplayName={#AppName} {#AppVersion}
Uninstallable=yes
ChangesAssociations=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "assocpdf"; Description: "Open PDF files with Imza"; GroupDescription: "File types:"; Flags: unchecked
Name: "assocsig"; Description: "Open .p7s signatures and .asice containers with Imza"; GroupDescription: "File types:"

[Files]
Source: "{#Bundle}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\{#AppGuiExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Bundle}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppGuiExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppGuiExe}"; Tasks: desktopicon

[Registry]
; The ProgID, and "Open with" entries for every type; the default handler only when asked.
Root: HKA; Subkey: "Software\Classes\Imza.Document"; ValueType: string; ValueName: ""; ValueData: "Signed document (Imza)"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Imza.Document\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppGuiExe},0"
Root: HKA; Subkey: "Software\Classes\Imza.Document\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppGuiExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppGuiExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppGuiExe}\SupportedTypes"; ValueType: string; ValueName: ".p7s"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppGuiExe}\SupportedTypes"; ValueType: string; ValueName: ".asice"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppGuiExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppGuiExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "Imza.Document"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.p7s\OpenWithProgids"; ValueType: string; ValueName: "Imza.Document"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.asice\OpenWithProgids"; ValueType: string; ValueName: "Imza.Document"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.pdf"; ValueType: string; ValueName: ""; ValueData: "Imza.Document"; Flags: uninsdeletevalue; Tasks: assocpdf
Root: HKA; Subkey: "Software\Classes\.p7s"; ValueType: string; ValueName: ""; ValueData: "Imza.Document"; Flags: uninsdeletevalue; Tasks: assocsig
Root: HKA; Subkey: "Software\Classes\.asice"; ValueType: string; ValueName: ""; ValueData: "Imza.Document"; Flags: uninsdeletevalue; Tasks: assocsig

[Run]
Filename: "{app}\{#AppGuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the installer itself put there; the user's settings and documents stay.
Type: filesandordirs; Name: "{app}\_internal"

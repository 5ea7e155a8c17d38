"""User settings: each declared once, with type, default and description.

Stored as TOML in the user config dir (`imza config path`). `IMZA_HOME` moves both the
config and the data dir under one folder (tests and portable installs use it).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.core.errors import ConfigError
from desktop.fsio import write_atomic


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: object
    description: str


SETTINGS: tuple[Setting, ...] = (
    Setting("pkcs11_module", str, "", "Path of the PKCS#11 module of your card or token. "
            "Empty: found automatically (IMZA_PKCS11_MODULE, p11-kit, well-known locations)."),
    Setting("softhsm2_conf", str, "", "SoftHSM2 configuration to use when SOFTHSM2_CONF is not set "
            "(set by `imza demo init`)."),
    Setting("tsa_url", str, "", "RFC 3161 time-stamping service. When set, signatures default to B-T."),
    Setting("trust_dir", str, "", "Your trust folder for verification: root certificates (PEM/DER), trusted "
            "lists (*.xml, ETSI TS 119 612) and their signers in tl-signers/; used together with the bundled "
            "resources/trust. Empty: <data dir>/trust. `imza trust add|remove` and the settings' Trust tab "
            "edit it."),
    Setting("default_token", str, "", "Token label to use when several tokens are present."),
    Setting("default_level", str, "", "Signature level the window proposes (B-B, B-T, B-LT or B-LTA). "
            "Empty: B-T when a time-stamping service is set, else B-B."),
    Setting("language", str, "", "Language of the window: az, ru or en. Empty: the system's language."),
    Setting("portal_url", str, "", "Base URL of the e-government portal (https://...); "
            "`imza submit` sends signed documents there."),
    Setting("portal_ca_bundle", str, "", "CA certificates (PEM file) that the portal's HTTPS certificate "
            "must chain to, instead of the system's. Empty: the system's. TLS checks are never turned off."),
    Setting("portal_receipt_cert", str, "", "The portal's receipt-signing certificate (PEM file); "
            "a receipt signed by any other certificate is reported as not verified."),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def home() -> Path | None:
    value = os.environ.get("IMZA_HOME")
    return Path(value) if value else None


def config_dir() -> Path:
    h = home()
    return h / "config" if h else Path(platformdirs.user_config_dir("imza", appauthor=False))


def data_dir() -> Path:
    h = home()
    return h / "data" if h else Path(platformdirs.user_data_dir("imza", appauthor=False))


def config_path() -> Path:
    return config_dir() / "config.toml"


class Settings:
    """The user's settings, read from config.toml and falling back to declared defaults."""

    def __init__(self, values: dict[str, object] | None = None, path: Path | None = None):
        self._values = dict(values or {})
        self.path = path

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_path()
        if not path.exists():
            return cls({}, path)
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError("The settings file {path} is not valid TOML ({error}).",
                              "Fix or delete it; defaults are used when it is absent.", path=path, error=e) from e
        unknown = set(raw) - set(_BY_NAME)
        if unknown:
            raise ConfigError("Unknown setting(s) in {path}: {names}.",
                              "Known settings: {known}.", path=path, names=", ".join(sorted(unknown)),
                              known=", ".join(_BY_NAME))
        for name, value in raw.items():
            if not isinstance(value, _BY_NAME[name].type):
                raise ConfigError("Setting {name} in {path} must be a {type}.", name=name, path=path, type=_BY_NAME[name].type.__name__)
        return cls(raw, path)

    def get(self, name: str):
        setting = _BY_NAME[name]
        return self._values.get(name, setting.default)

    def set(self, name: str, value: object) -> None:
        if name not in _BY_NAME:
            raise ConfigError("There is no setting called {name}.",
                              "Known settings: {known}.", name=name, known=", ".join(_BY_NAME))
        self._values[name] = _BY_NAME[name].type(value)

    def save(self) -> Path:
        path = self.path or config_path()
        lines = ["# Imza settings. `imza config show` lists them with their descriptions.\n"]
        for s in SETTINGS:
            if s.name in self._values:
                lines.append(f"{s.name} = {_toml_value(self._values[s.name])}\n")
        write_atomic(path, "".join(lines).encode("utf-8"))
        return path

    def items(self):
        return [(s, self.get(s.name)) for s in SETTINGS]


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def language_setting() -> str:
    """The `language` setting, or "" when the settings file cannot be read (the command that
    reads it says why)."""
    try:
        return Settings.load().get("language")
    except ConfigError:
        return ""


def load_and_apply() -> Settings:
    """Load the settings and apply the ones the PKCS#11 module reads from the environment."""
    settings = Settings.load()
    conf = settings.get("softhsm2_conf")
    # SoftHSM2 reads SOFTHSM2_CONF when the module is loaded; an explicit environment wins.
    if conf and "SOFTHSM2_CONF" not in os.environ:
        os.environ["SOFTHSM2_CONF"] = conf
    return settings

"""Imza: a desktop signing client (PAdES, CAdES) for PKCS#11 ID cards and tokens."""


def _version() -> str:
    """The version, declared once in pyproject.toml.

    In a checkout it is read from pyproject.toml itself (so it cannot go stale); installed, and in
    the PyInstaller bundle (build.spec copies the package metadata), from the package metadata.
    """
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        except (OSError, tomllib.TOMLDecodeError):
            project = {}
        if project.get("name") == "imza" and project.get("version"):
            return project["version"]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("imza")
    except PackageNotFoundError:
        return "0+unknown"


__version__ = _version()

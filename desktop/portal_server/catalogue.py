"""The e-services and recipient organisations the reference portal offers (a YAML file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from desktop.resources import resource_path

FORMATS = ("pades", "cades")
LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


def default_path() -> Path:
    return resource_path("demo", "portal-catalogue.yml")


@dataclass
class Catalogue:
    organizations: dict[str, dict]
    services: dict[str, dict]

    @classmethod
    def load(cls, path: Path | None = None) -> Catalogue:
        raw = yaml.safe_load(Path(path or default_path()).read_text(encoding="utf-8"))
        orgs = {o["id"]: _requirements(o) for o in raw.get("organizations", [])}
        services = {}
        for s in raw.get("services", []):
            org = orgs[s["organization"]]
            services[s["id"]] = {**_requirements(s), "organization": {"id": org["id"], "name": org["name"]}}
        return cls(orgs, services)

    def requirements(self, metadata: dict) -> dict | None:
        """The service's or organisation's entry the metadata names, or None."""
        if "service_id" in metadata:
            return self.services.get(metadata["service_id"])
        return self.organizations.get(metadata["organization_id"])


def _requirements(entry: dict) -> dict:
    for f in entry["accepted_formats"]:
        if f not in FORMATS:
            raise ValueError(f"{entry['id']}: unknown format {f!r}")
    if entry["required_level"] not in LEVELS:
        raise ValueError(f"{entry['id']}: unknown level {entry['required_level']!r}")
    return {"id": entry["id"], "name": dict(entry["name"]), "accepted_formats": list(entry["accepted_formats"]),
            "max_size_bytes": int(entry["max_size_bytes"]), "required_level": entry["required_level"]}

"""How a certificate's name is shown to people, the same in every face and report."""

from __future__ import annotations

_SHORT = (("common_name", "CN"), ("title", "T"), ("organizational_unit_name", "OU"),
          ("organization_name", "O"), ("serial_number", "SERIALNUMBER"), ("country_name", "C"))


def describe_name(name) -> str:
    """'CN=Aysel Mammadova, O=Citizen, C=AZ' (most specific first) from an asn1crypto Name."""
    native = name.native
    parts = [f"{short}={native[key]}" for key, short in _SHORT if key in native]
    return ", ".join(parts) or name.human_friendly

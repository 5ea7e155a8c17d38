"""Finding PKCS#11 modules: setting, environment, p11-kit, well-known paths; and why one failed."""

from __future__ import annotations

import json

from desktop.demo.environment import find_softhsm_module
from desktop.tokens import discovery


def test_env_variable_module_is_found_and_loaded(monkeypatch):
    module = find_softhsm_module()
    monkeypatch.setenv("IMZA_PKCS11_MODULE", module)
    found = discovery.discover()
    first, lib = found[0]
    assert (first.path, first.source, first.error) == (module, "IMZA_PKCS11_MODULE", None)
    assert lib is not None and "SoftHSM" in first.description


def test_setting_wins_over_environment(monkeypatch):
    monkeypatch.setenv("IMZA_PKCS11_MODULE", "/nonexistent/other.so")
    cands = discovery.candidate_modules(find_softhsm_module())
    assert [c.source for c in cands[:2]] == ["setting", "IMZA_PKCS11_MODULE"]


def test_missing_and_broken_modules_say_why(tmp_path, monkeypatch):
    broken = tmp_path / "broken-pkcs11.so"
    broken.write_bytes(b"this is not a shared library")
    monkeypatch.setenv("IMZA_PKCS11_MODULE", str(tmp_path / "missing.so"))
    found = dict((c.path, (c, lib)) for c, lib in discovery.discover(str(broken)))
    c, lib = found[str(broken)]
    assert lib is None and c.error  # dlopen's reason, not a crash
    c, lib = found[str(tmp_path / "missing.so")]
    assert lib is None and c.error == "file not found"


def test_p11kit_registered_modules_are_found(tmp_path, monkeypatch):
    conf = tmp_path / "modules"
    conf.mkdir()
    (conf / "softhsm2.module").write_text(f"module: {find_softhsm_module()}\n")
    (conf / "trust.module").write_text("module: p11-kit-trust.so\n")  # holds no keys: skipped
    monkeypatch.setattr(discovery, "P11KIT_CONFIG_DIRS", [str(conf)])
    monkeypatch.delenv("IMZA_PKCS11_MODULE", raising=False)
    cands = discovery.candidate_modules()
    assert cands[0].path == find_softhsm_module() and cands[0].source == "p11-kit"
    assert not any("p11-kit-trust" in c.path for c in cands)


def test_no_module_error_tells_what_to_install():
    err = discovery.no_module_error([])
    assert "opensc" in err.hint and "pkcs11_module" in err.hint


def test_modules_command_reports_each_candidate(imza, tmp_path):
    broken = tmp_path / "vendor.so"
    broken.write_text("not a library")
    proc = imza("modules", "--json", env={"IMZA_PKCS11_MODULE": str(broken)})
    assert proc.returncode == 0, proc.stderr
    rows = {r["path"]: r for r in json.loads(proc.stdout)}
    assert rows[find_softhsm_module()]["error"] is None
    assert rows[str(broken)]["source"] == "IMZA_PKCS11_MODULE" and rows[str(broken)]["error"]

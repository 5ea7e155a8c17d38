"""The data files of an ASiC container, listed and copied out (the window's Open / Save)."""

from __future__ import annotations

import zipfile

import pytest

from desktop.core.errors import InputError
from desktop.verify import container_files


@pytest.fixture
def container(tmp_path):
    path = tmp_path / "c.asice"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.etsi.asic-e+zip")  # EN 319 162-1 A.1: first, stored
        z.writestr("letter.txt", "hello")
        z.writestr("../../evil.sh", "#!/bin/sh\n")
        z.writestr("META-INF/signature001.p7s", b"\x30\x00")
    return path


def test_members_are_the_data_files_only(container):
    assert [(m.name, m.size) for m in container_files.members(container)] == [("letter.txt", 5),
                                                                             ("../../evil.sh", 10)]


def test_a_copy_goes_only_where_asked_under_a_plain_name(container, tmp_path):
    out = tmp_path / "out" / container_files.safe_name("../../evil.sh")
    out.parent.mkdir()
    assert out.name == "evil.sh"
    container_files.copy_out(container, "../../evil.sh", out)
    assert out.read_bytes() == b"#!/bin/sh\n" and not out.stat().st_mode & 0o111
    with pytest.raises(InputError, match="holds no file named META-INF/signature001.p7s"):
        container_files.copy_out(container, "META-INF/signature001.p7s", tmp_path / "x")


def test_a_damaged_container_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.asice"
    bad.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(InputError, match="damaged or truncated container"):
        container_files.members(bad)

"""Listing the trust folders and adding to / removing from the user's one (desktop.verify.trust_folder).

The bundled folder is a temp folder here (the real resources/trust is empty in a checkout and is
never written to); the files are the demo's root, trusted list and trusted-list signer.
"""

from __future__ import annotations

import shutil

import pytest

from desktop.core.errors import ConfigError, TrustFolderError
from desktop.verify.trust import TrustStore
from desktop.verify.trust_folder import (
    ROOT,
    TL_SIGNER,
    TRUSTED_LIST,
    TrustFolders,
    add_to_trust,
    list_trust,
    remove_from_trust,
)


@pytest.fixture
def folders(tmp_path, trust_files):
    """A bundled folder holding the demo root, and a user folder that does not exist yet."""
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    shutil.copy(trust_files["root"], bundled / "national-root.pem")
    return TrustFolders(bundled, tmp_path / "user" / "trust")


def _names(overview):
    return [(e.kind, e.name, e.bundled, e.accepted) for e in overview.entries]


def test_the_bundled_folder_is_listed_and_not_removable(folders):
    overview = list_trust(folders)
    (root,) = overview.entries
    assert (root.kind, root.name, root.subject) == (ROOT, "national-root.pem", "Imza Demo Root CA")
    assert root.bundled and not root.removable and root.accepted and root.valid_until.year > 2030
    assert overview.in_folder(folders.bundled) == [root] and folders.existing == (folders.bundled,)


def test_add_a_root_then_remove_it(folders, trust_files):
    entry = add_to_trust(trust_files["root"], folders)
    target = folders.user / "imza-demo-root.pem"
    assert entry.path == target and target.read_bytes() == trust_files["root"].read_bytes()
    assert (entry.kind, entry.subject, entry.bundled, entry.removable) == (ROOT, "Imza Demo Root CA", False, True)
    assert [p.name for p in folders.user.iterdir()] == ["imza-demo-root.pem"]  # no temp file left behind
    assert (ROOT, "imza-demo-root.pem", False, True) in _names(list_trust(folders))
    assert len(TrustStore.from_dirs(list(folders.existing)).anchors) == 2  # what verification uses agrees

    with pytest.raises(TrustFolderError, match="already in the trust folder") as e:
        add_to_trust(trust_files["root"], folders)
    assert e.value.exit_code == 2

    assert remove_from_trust("imza-demo-root.pem", folders) == target
    assert not target.exists()
    assert [e.name for e in list_trust(folders).entries] == ["national-root.pem"]


def test_a_trusted_list_is_refused_until_its_signer_is_added(folders, trust_files):
    entry = add_to_trust(trust_files["tl"], folders)
    assert entry.kind == TRUSTED_LIST and not entry.accepted
    assert "no trusted-list signer certificate" in entry.problem
    assert (folders.user / "imza-demo-tl.xml").is_file()  # kept, so adding the signer makes it count

    signer = add_to_trust(trust_files["signer"], folders, tl_signer=True)
    assert (signer.kind, signer.name, signer.subject) == (TL_SIGNER, "tl-signers/imza-demo-tl-signer.pem",
                                                         "Imza Demo Trusted List Signer")
    (tl,) = [e for e in list_trust(folders).entries if e.kind == TRUSTED_LIST]
    assert tl.accepted and tl.problem is None
    assert (tl.territory, tl.operator) == ("AZ", "Imza Demo Supervisory Body") and tl.next_update
    assert [(s.kind, s.name) for s in tl.services] == [
        ("CA/QC", "Imza Demo Qualified Issuing CA"), ("TSA/QTST", "Imza Demo Qualified Time-Stamping")]

    remove_from_trust("tl-signers/imza-demo-tl-signer.pem", folders)
    assert not (folders.user / "tl-signers" / "imza-demo-tl-signer.pem").exists()
    (tl,) = [e for e in list_trust(folders).entries if e.kind == TRUSTED_LIST]
    assert not tl.accepted


def test_a_trusted_list_with_a_bad_signature_is_listed_as_refused_with_the_reason(folders, trust_files, tmp_path):
    forged = tmp_path / "forged-tl.xml"
    forged.write_bytes(trust_files["tl"].read_bytes().replace(b"Imza Demo Qualified Time-Stamping",
                                                        b"Mallory Qualified Time-Stamping!!"))
    add_to_trust(trust_files["signer"], folders, tl_signer=True)
    entry = add_to_trust(forged, folders)
    assert not entry.accepted and "signature does not verify" in entry.problem
    overview = list_trust(folders)
    assert [e.name for e in overview.refused] == ["forged-tl.xml"]
    assert overview.refused[0].removable and overview.refused[0].services == ()
    assert TrustStore.from_dirs(list(folders.existing)).listed == []


@pytest.mark.parametrize(("name", "content", "tl_signer", "message"), [
    ("junk.pem", b"not a certificate", False, "is not a certificate"),
    ("empty.pem", b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", False, "holds no certificate"),
    ("notes.txt", b"hello", False, "neither a certificate"),
    ("list.xml", b"<x/>", True, "is not a certificate file"),
])
def test_what_is_not_a_certificate_or_trusted_list_is_refused(folders, tmp_path, name, content, tl_signer, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    with pytest.raises(ConfigError, match=message) as e:
        add_to_trust(bad, folders, tl_signer=tl_signer)
    assert e.value.hint and not folders.user.exists()


def test_bundled_files_are_never_removed(folders):
    with pytest.raises(TrustFolderError, match="comes with Imza") as e:
        remove_from_trust("national-root.pem", folders)
    assert str(folders.user) in e.value.hint
    assert (folders.bundled / "national-root.pem").is_file()
    with pytest.raises(TrustFolderError, match="not in your trust folder"):
        remove_from_trust("nothing-like-this.pem", folders)


def test_names_outside_the_user_folder_are_not_removed(folders, trust_files, tmp_path):
    add_to_trust(trust_files["root"], folders)
    outside = tmp_path / "user" / "precious.pem"
    shutil.copy(trust_files["root"], outside)
    with pytest.raises(TrustFolderError):
        remove_from_trust("../precious.pem", folders)
    assert outside.is_file()


def test_the_bundled_folder_as_the_user_folder_is_read_only(folders, trust_files):
    same = TrustFolders(folders.bundled, folders.bundled)
    with pytest.raises(TrustFolderError, match="never changes"):
        add_to_trust(trust_files["root"], same)
    with pytest.raises(TrustFolderError, match="never changes"):
        remove_from_trust("national-root.pem", same)
    assert (folders.bundled / "national-root.pem").is_file()
    assert len(list_trust(same).entries) == 1  # listed once


def test_a_damaged_certificate_in_the_folder_is_listed_with_the_reason(folders):
    folders.user.mkdir(parents=True)
    (folders.user / "damaged.crt").write_bytes(b"\x30\x82\x05")
    overview = list_trust(folders)  # TrustStore refuses to load the folder; the listing says why
    (bad,) = overview.refused
    assert bad.name == "damaged.crt" and bad.removable and "not a certificate" in bad.problem
    with pytest.raises(ConfigError, match="damaged.crt"):
        TrustStore.from_dirs(list(folders.existing))
    remove_from_trust("damaged.crt", folders)
    assert list_trust(folders).refused == []

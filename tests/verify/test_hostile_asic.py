"""Hostile ASiC containers (issue 14 items 2 and 7): bombs stay flat in memory and are refused with
words; containers whose layout makes "what was signed" ambiguous are TOTAL-FAILED (FORMAT_FAILURE).

Containers are written byte by byte by tests/support/hostile.py (duplicates, entry order and
compression exactly as given); the memory-hungry checks run in a child process that reports its
own peak RSS (VmHWM, see _CHILD), so the bound is that process's alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from desktop.core.model import Indication
from desktop.verify.engine import exit_status, verify_file
from tests.support import hostile
from tests.verify.test_asice import containers  # noqa: F401 - the signed containers fixture

REPO = Path(__file__).resolve().parents[2]
PASSED, FAILED, INDETERMINATE = Indication.TOTAL_PASSED, Indication.TOTAL_FAILED, Indication.INDETERMINATE
RSS_BOUND_MB = 200

# The child's peak: VmHWM, reset when it starts. (ru_maxrss would do on a fresh process, but Linux
# carries the parent's peak over fork+exec in it: a test process holding a big file would show.)
_CHILD = """
import json, sys
from pathlib import Path
with open("/proc/self/clear_refs", "w") as fh:
    fh.write("5")
from desktop.verify import asice
from desktop.verify.engine import exit_status, verify_file
from desktop.verify.trust import TrustStore
if sys.argv[3] == "no-ratio-limit":
    asice.MAX_RATIO = 10 ** 9  # only to show that the work is bounded without it
report = verify_file(Path(sys.argv[1]), TrustStore.from_dir(Path(sys.argv[2])), offline=True)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"rss_mb": peak / 1024,
                  "exit": exit_status([report]), "error": report.error,
                  "verdicts": [[s.indication.value, s.sub_indication, s.message] for s in report.signatures]}))
"""


def _verify_in_child(demo, path: Path, mode: str = "defaults", timeout: int = 600) -> dict:
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(demo.trust_dir), mode], env=demo.env,
                          cwd=REPO, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def test_asic_s_with_a_2_gib_zero_member_stays_flat_and_is_refused_with_words(demo, samples, tmp_path):
    bomb = tmp_path / "bomb.asics"
    bomb.write_bytes(hostile.asic_s_bomb(samples["rsa-B-T.txt.p7s"].read_bytes(), mib=2048))
    assert bomb.stat().st_size < 3 << 20
    out = _verify_in_child(demo, bomb)
    assert out["rss_mb"] < RSS_BOUND_MB, out
    assert out["exit"] == 2 and out["verdicts"][0][0] == "INDETERMINATE", out
    assert "would unpack to 2048 MB" in out["verdicts"][0][2]


def test_a_member_listed_a_thousand_times_is_hashed_once(demo, samples, tmp_path):
    """EN 319 162-1 clause 4.4.4.2: each DataObjectReference's digest is checked; the member behind
    a repeated reference is read once. 256 MiB x 1000 would take many minutes (the timeout)."""
    bomb = tmp_path / "repeated.asice"
    bomb.write_bytes(hostile.asic_e_repeated_reference(samples["rsa-B-T.txt.p7s"].read_bytes(), mib=256,
                                                       times=1000))
    out = _verify_in_child(demo, bomb)  # with the limits: refused at once, by its ratio
    assert out["exit"] == 2 and "decompression bomb" in out["verdicts"][0][2], out
    out = _verify_in_child(demo, bomb, "no-ratio-limit", timeout=300)
    assert out["rss_mb"] < RSS_BOUND_MB, out
    # every listed digest matches; the signature is not over this manifest
    assert out["exit"] == 1 and out["verdicts"][0][:2] == ["TOTAL-FAILED", "HASH_FAILURE"], out


def test_a_genuine_asic_s_is_hashed_as_a_stream_and_passes(samples, trust, tmp_path):
    """EN 319 162-1 clause 4.3.3.2: META-INF/signature.p7s signs the one data file."""
    path = tmp_path / "contract.asics"
    path.write_bytes(hostile.zip_bytes([
        hostile.stored("mimetype", hostile.ASIC_S), hostile.deflated("contract.txt", samples["contract.txt"].read_bytes()),
        hostile.stored("META-INF/signature.p7s", samples["rsa-B-LT.txt.p7s"].read_bytes())]))
    (sig,) = verify_file(path, trust, offline=True).signatures
    assert (sig.indication, sig.sub_indication) == (PASSED, None), sig.message
    assert sig.covered_files == ["contract.txt"]


def _members(container: Path) -> list[hostile.Member]:
    with zipfile.ZipFile(container) as z:
        return [(hostile.stored if i.filename == "mimetype" else hostile.deflated)(i.filename, z.read(i))
                for i in z.infolist()]


def _only(report):
    (sig,) = report.signatures
    return sig


def test_the_rebuilt_container_still_passes(containers, trust, tmp_path):  # noqa: F811
    path = tmp_path / "rebuilt.asice"
    path.write_bytes(hostile.zip_bytes(_members(containers / "bundle.asice")))
    assert _only(verify_file(path, trust, offline=True)).indication is PASSED


def test_duplicate_entry_names_fail_the_container(containers, trust, tmp_path):  # noqa: F811
    """A forged copy of a signed file first, the signed one last: `unzip` shows the forgery, most
    libraries read the last. EN 319 162-1 clause 4.2 (a ZIP container) and 4.4.4.2 (validation
    identifies the files a manifest names) cannot hold with two files of one name."""
    members = _members(containers / "bundle.asice")
    forged = hostile.deflated("letter.pdf", b"%PDF-1.4 Pay 1,000,000 EUR to Mallory\n")
    path = tmp_path / "duplicate.asice"
    path.write_bytes(hostile.zip_bytes([members[0], forged, *members[1:]]))
    report = verify_file(path, trust, offline=True)
    sig = _only(report)
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE")
    assert "two entries named letter.pdf" in sig.message
    assert exit_status([report]) == 1


def test_an_unsigned_manifest_placed_first_fails_the_container_with_clear_words(containers, trust, tmp_path):  # noqa: F811
    """EN 319 162-1 clause 4.4.4.2: for each ASiCManifest one signature file is present. A second
    manifest claiming the genuine signature has none of its own; the container fails as a whole
    (FORMAT_FAILURE) instead of the signature failing over the attacker's manifest."""
    members = _members(containers / "bundle.asice")
    evil = b"Pay 1,000,000 EUR to Mallory\n"
    extra = hostile.deflated("META-INF/ASiCManifest0.xml",
                             hostile.manifest([("evil.txt", hostile.hashlib.sha256(evil).digest())]))
    path = tmp_path / "extra-manifest.asice"
    path.write_bytes(hostile.zip_bytes([members[0], extra, hostile.deflated("evil.txt", evil), *members[1:]]))
    sig = _only(verify_file(path, trust, offline=True))
    assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE"), sig.message
    assert "META-INF/ASiCManifest0.xml" in sig.message and "META-INF/ASiCManifest.xml" in sig.message
    assert "claim the signature META-INF/signature001.p7s" in sig.message


def test_a_mimetype_entry_not_first_or_compressed_fails(containers, trust, tmp_path):  # noqa: F811
    """EN 319 162-1 Annex A.1: "mimetype" shall be the first file in the container and shall not be
    compressed; clause 4.4.4.2 item 1 makes A.1 binding when a mimetype file is present."""
    members = _members(containers / "bundle.asice")
    mimetype, rest = members[0], members[1:]
    layouts = {"not-first.asice": [*rest[:1], mimetype, *rest[1:]],
               "compressed.asice": [hostile.deflated("mimetype", mimetype.raw), *rest]}
    for name, layout in layouts.items():
        path = tmp_path / name
        path.write_bytes(hostile.zip_bytes(layout))
        sig = _only(verify_file(path, trust, offline=True))
        assert (sig.indication, sig.sub_indication) == (FAILED, "FORMAT_FAILURE"), name
        assert "Annex A.1" in sig.message


def test_a_large_stored_container_is_read_as_a_stream(demo, samples, tmp_path):
    """Not a bomb: 256 MiB stored as it is. Neither the container nor its member is held whole."""
    import os

    block = os.urandom(hostile.MIB)
    member = block * 256
    big = tmp_path / "big.asics"
    big.write_bytes(hostile.zip_bytes([hostile.stored("mimetype", hostile.ASIC_S), hostile.stored("data.bin", member),
                                       hostile.stored("META-INF/signature.p7s", samples["rsa-B-T.txt.p7s"].read_bytes())]))
    del member
    out = _verify_in_child(demo, big)
    assert out["rss_mb"] < RSS_BOUND_MB, out
    assert out["verdicts"][0][:2] == ["TOTAL-FAILED", "HASH_FAILURE"], out  # it was read: not what was signed

"""Hostile inputs (issue 14): crafted files end in a verdict with words, never a hang or a blow-up.

The files come from the small generators in tests/support/hostile.py. Every verification that could
hang on a broken walk runs in a child process with a timeout, so a regression fails instead of
stalling the suite.
"""

from __future__ import annotations

import subprocess
import sys

from tests.support import hostile


def _verify_cli(demo, *args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop", "verify", *map(str, args)], env=demo.env,
                          capture_output=True, text=True, timeout=timeout)


def test_a_pages_node_listing_itself_ends_in_a_verdict(demo, samples, tmp_path):
    """ISO 32000-2 §7.7.3.2: the page tree is a tree; a /Pages node whose /Kids names itself (added
    in an incremental update) must not send any walk round in circles."""
    bad = tmp_path / "self-listing.pdf"
    bad.write_bytes(hostile.self_listing_pages(samples["rsa-B-T.pdf"].read_bytes()))
    proc = _verify_cli(demo, bad, "--trust", demo.trust_dir, timeout=120)
    assert proc.returncode in (1, 2), proc.stdout + proc.stderr
    assert "self-listing.pdf" in proc.stdout and "TOTAL-PASSED" not in proc.stdout.splitlines()[0]


def test_a_form_field_listing_itself_is_damaged_not_endless(demo, samples, tmp_path):
    """ISO 32000-2 §12.7.4: the field hierarchy is a tree; a field in its own /Kids is damage.
    Added after signing, it is an unreadable later part (issue 13 item 11): the signed revision
    is still judged, and the signature is TOTAL-FAILED with both facts in words (exit 1)."""
    bad = tmp_path / "self-field.pdf"
    bad.write_bytes(hostile.self_listing_field(samples["rsa-B-T.pdf"].read_bytes()))
    proc = _verify_cli(demo, bad, "--trust", demo.trust_dir, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Circular reference in form tree" in proc.stdout and "cannot be read" in proc.stdout


def test_signing_a_pdf_whose_page_tree_lists_itself_ends(demo, services, letter, tmp_path):
    """The signer's walks (pyhanko's page lookup for a visible signature, the field enumeration)
    meet the same cycle: signing must end, signed or refused with words."""
    bad = tmp_path / "looping.pdf"
    bad.write_bytes(hostile.self_listing_pages(letter.read_bytes()))
    for extra in ([], ["--visible", "1:50,50,250,100"]):
        proc = subprocess.run([sys.executable, "-m", "desktop", "sign", str(bad), "--token", "Citizen ID",
                               "--pin-stdin", "--level", "B-B", "--force", *extra], env=demo.env, input="12345\n",
                              capture_output=True, text=True, timeout=120)
        assert "Traceback" not in proc.stderr, proc.stderr
        assert proc.returncode == 0 or proc.stderr.strip(), (extra, proc.stdout, proc.stderr)

"""One vocabulary (issue 15): `imza verify`'s lines and the window's card of the same report are
laid out from the same translated sentences (desktop/verify/reports/words.py), and the engine's
words name no command-line option: each face adds its own how-to."""

from __future__ import annotations

import html
import re

import pytest

from desktop.ui.verify_view import VerificationView
from desktop.verify.engine import verify_file
from desktop.verify.reports import html as report_html
from desktop.verify.trust import TrustStore
from tests.test_i18n import engine_messages

pytestmark = pytest.mark.gui


@pytest.fixture
def signed_lt(imza, services, letter):
    proc = imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-LT", input="12345\n")
    assert proc.returncode == 0, proc.stderr
    return letter.with_name("letter.signed.pdf")


def test_cli_lines_and_the_card_say_the_same_russian_sentences(qtbot, monkeypatch, imza, demo, signed_lt):
    proc = imza("verify", signed_lt, "--offline", env={"IMZA_LANG": "ru"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    cli = proc.stdout.splitlines()

    monkeypatch.setenv("IMZA_LANG", "ru")
    view = VerificationView()
    qtbot.addWidget(view)
    view.show_report(verify_file(signed_lt, TrustStore.from_dir(demo.trust_dir), offline=True))
    card = view.list.itemWidget(view.list.item(0))
    facts = [html.unescape(line) for line in card.facts.text().split("<br>")]
    (stamp,) = card.stamps
    card_lines = [*facts, stamp.text().removeprefix("✔ ")]

    assert "Уровень: PAdES B-LT" in facts or "Уровень: PAdES B-LTA" in facts  # was "уровень: B-LT" in the CLI
    assert any(line.startswith("Подписанная редакция: ") for line in facts)
    for line in card_lines:  # each of the card's sentences is a whole line of `imza verify`
        assert any(c.strip() == line for c in cli), (line, cli)
    # The card's heading is the details pane's and the exported report's heading, in the same words.
    assert card.accessibleName().startswith("Действительна: Подписал(а): ")
    assert card.accessibleName() in view.details.toPlainText()
    assert html.escape(card.accessibleName()) in report_html.render([view.report])


def test_verify_engine_words_name_no_command_line_option():
    """A verdict shown in the window must not say "--offline": the engine says what to do in
    words ("check it online"), and `imza verify` adds the option on its own line."""
    option = re.compile(r"(?<![\w-])--[a-z]")
    named = [f"{u.where}: {u.message}" for u in engine_messages()[0]
             if u.where.startswith("desktop/verify/") and option.search(u.message)]
    assert not named, named


def test_the_cli_adds_its_own_how_to_for_an_offline_check(imza, services, letter):
    assert imza("sign", letter, "--token", "Citizen ID", "--pin-stdin", "--level", "B-B",
                input="12345\n").returncode == 0
    proc = imza("verify", letter.with_name("letter.signed.pdf"))
    assert proc.returncode == 2 and "checked offline, so none was fetched" in proc.stdout, proc.stdout
    assert "--offline" not in proc.stdout and "--online" in proc.stderr

"""Every message a user can read has its Azerbaijani and Russian translation.

Engine and CLI messages go through desktop.core.i18n.tr() and resources/i18n/<lang>.json, keyed
by the exact English text; the window's own strings go through Qt's self.tr() and
resources/i18n/imza_<lang>.ts (`make i18n-update` adds new ones there, unfinished). The messages
are read from the source with ast, so a new message without its translations fails here.
"""

from __future__ import annotations

import ast
import json
import re
import string
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.cli.click_i18n import MESSAGES as CLICK_MESSAGES
from desktop.portal.model import SubmissionStatus
from desktop.tokens.certs import PROBLEM_TEMPLATES

REPO = Path(__file__).resolve().parents[1]
I18N = REPO / "resources" / "i18n"
LANGUAGES = ("az", "ru")

# Messages that stay English in every language, and why.
# (The "ready: ..." lines scripts wait for are not passed to tr() at all.)
UNTRANSLATED: dict[str, str] = {}

# tr() calls and error templates that are not written at the call: what each can carry.
# (An error made from tr()'s result, or from another error's message, is translated already.)
DYNAMIC = {
    ("desktop/cli/click_i18n.py", "message"): CLICK_MESSAGES,
    ("desktop/core/errors.py", "self.template"): (),  # the templates errors are made with: read there
    ("desktop/core/errors.py", "self.hint_template"): (),
    ("desktop/portal/checks.py", "report.error"): (),
    ("desktop/tokens/session.py", "_problem_hint(problem)"): (
        "Renew the certificate with your certificate authority, or use another card.",
        "This is usually the authentication certificate; choose the signing certificate (see `imza tokens`).",
        "Choose another certificate (see `imza tokens`)."),
    ("desktop/tokens/certs.py", "PROBLEM_TEMPLATES[self.code]"): tuple(PROBLEM_TEMPLATES.values()),
    ("desktop/ui/bulk_view.py", "s.stopped.message"): (),
    ("desktop/portal/outbox.py", "status"): tuple(str(s) for s in SubmissionStatus),
    ("desktop/portal/workspace.py", "what"): ("e-service", "organisation"),
}


@dataclass(frozen=True)
class Use:
    message: str
    where: str


def _module_constants(tree: ast.Module) -> dict[str, object]:
    """Module-level NAME = <str or dict literal>, as values."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target = node.target
        else:
            continue
        if isinstance(target, ast.Name):
            try:
                found[target.id] = ast.literal_eval(node.value)
            except (ValueError, TypeError, SyntaxError):
                pass  # not a literal
    return found


def _tr_names(tree: ast.Module, name: str = "tr") -> set[str]:
    """The local names of desktop.core.i18n.tr (or .ntr) in a module (`tr`, `engine_tr`, ...)."""
    return {alias.asname or alias.name for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "desktop.core.i18n"
            for alias in node.names if alias.name == name}


def plural_messages() -> tuple[list[Use], list[str]]:
    """Every ntr(one, other, n) in desktop/: the catalogues are keyed by `other`."""
    uses, unreadable = [], []
    for path in sorted((REPO / "desktop").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _tr_names(tree, "ntr")
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
                one, other = (node.args + [None, None])[:2]
                if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in (one, other)):
                    uses.append(Use(other.value, f"{rel}:{node.lineno}"))
                    if fields(one.value) != fields(other.value) or "n" not in {f[0] for f in fields(other.value)}:
                        unreadable.append(f"{rel}:{node.lineno}: one and other differ in fields, or lack {{n}}")
                else:
                    unreadable.append(f"{rel}:{node.lineno}: ntr() of messages this test cannot read")
    return uses, unreadable


def _sources() -> list[tuple[str, ast.Module]]:
    return [(path.relative_to(REPO).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted((REPO / "desktop").rglob("*.py"))]


def error_classes(sources) -> set[str]:
    """The names of ImzaError and of every class in desktop/ derived from it."""
    bases = {node.name: {ast.unparse(b).rpartition(".")[2] for b in node.bases}
             for _, tree in sources for node in ast.walk(tree) if isinstance(node, ast.ClassDef)}
    found = {"ImzaError"}
    while True:
        more = {name for name, of in bases.items() if of & found} - found
        if not more:
            return found
        found |= more


def message_args(sources) -> list[tuple[str, ast.Call, ast.expr]]:
    """(module, call, argument) for the message of every tr() call and the template and hint
    of every error constructed in desktop/."""
    errors = error_classes(sources)
    found = []
    for rel, tree in sources:
        names = _tr_names(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.id if isinstance(node.func, ast.Name) else (
                node.func.attr if isinstance(node.func, ast.Attribute) else None)
            if func in names and node.args:
                args = [node.args[0]]
            elif func in errors:
                args = node.args[:2] + [k.value for k in node.keywords if k.arg == "hint"]
            else:
                continue
            while any(isinstance(arg, ast.IfExp) for arg in args):  # "a" if x else "b": both
                args = [part for arg in args
                        for part in ((arg.body, arg.orelse) if isinstance(arg, ast.IfExp) else (arg,))]
            found += [(rel, node, arg) for arg in args]
    return found


def _formatted(arg: ast.expr) -> bool:
    """An f-string, a concatenation or %, or a .format() call: a finished sentence, not a template."""
    return (isinstance(arg, (ast.JoinedStr, ast.BinOp))
            or (isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format"))


def engine_messages() -> tuple[list[Use], list[str]]:
    """Every message desktop/ passes to desktop.core.i18n.tr() or an error, and the call sites that cannot be read."""
    uses, unreadable = [], []
    sources = _sources()
    constants = {rel: _module_constants(tree) for rel, tree in sources}
    tr_names = {rel: _tr_names(tree) for rel, tree in sources}
    for rel, node, arg in message_args(sources):
        where = f"{rel}:{node.lineno}"
        if isinstance(arg, ast.Constant) and arg.value is None:
            continue  # no hint
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in tr_names[rel]:
            continue  # an error made from tr()'s result: that tr() call is read on its own
        if isinstance(arg, ast.Attribute) and arg.attr in ("message", "hint"):
            continue  # another error's words, translated already
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            uses.append(Use(arg.value, where))  # adjacent literals are one Constant already
            continue
        # tr(NAME), tr(NAME[key]), tr(NAME.get(key, ...)) of a module-level string or dict
        base = arg.value if isinstance(arg, ast.Subscript) else (
            arg.func.value if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute)
            and arg.func.attr == "get" else arg)
        value = constants[rel].get(base.id) if isinstance(base, ast.Name) else None
        if isinstance(value, str) and base is arg:
            uses.append(Use(value, where))
        elif isinstance(value, dict) and base is not arg:
            uses += [Use(v, f"{where} ({base.id})") for v in value.values() if isinstance(v, str)]
        elif (rel, ast.unparse(arg)) in DYNAMIC:
            uses += [Use(v, f"{where} ({ast.unparse(arg)})") for v in DYNAMIC[rel, ast.unparse(arg)]]
        else:
            unreadable.append(f"{where}: {ast.unparse(arg)}")
    return uses, unreadable


def catalogue(lang: str) -> dict[str, str]:
    return json.loads((I18N / f"{lang}.json").read_text(encoding="utf-8"))


def fields(text: str) -> list[tuple[str, str, str]]:
    """The {placeholders} of a message: name, conversion and format spec."""
    return sorted((name, conversion or "", spec or "") for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None)


def missing_translations(uses: list[Use], translations: dict[str, str]) -> list[str]:
    return sorted({f"{u.where}: {u.message!r}" for u in uses
                   if u.message not in translations and u.message not in UNTRANSLATED})


def test_messages_are_templates_not_formatted_strings():
    """An f-string or concatenation cannot be looked up in a catalogue: the fields go as arguments
    (tr("{path} is empty.", path=p), InputError("{path} is empty.", hint, path=p))."""
    formatted = [f"{rel}:{node.lineno}: {ast.unparse(arg)[:100]}" for rel, node, arg in message_args(_sources())
                 if _formatted(arg)]
    assert not formatted, "pass a template and its fields, not a formatted string:\n" + "\n".join(formatted)


# Keyword arguments of error constructors that are attributes, not fields of the message.
ERROR_ATTRIBUTES = {"status", "problem", "retry_after", "retries_left"}


def test_every_error_gets_the_fields_its_template_names():
    """A field missing from the call would show as "{path}" (or fail) only when the error is shown."""
    sources = _sources()
    errors = error_classes(sources)
    wrong = []
    for rel, node, arg in message_args(sources):
        func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if func not in errors or not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            continue
        given = {k.arg for k in node.keywords} - ERROR_ATTRIBUTES
        named = {name.split(".")[0].split("[")[0] for name, _, _ in fields(arg.value)}
        if None not in given and not named <= given:
            wrong.append(f"{rel}:{node.lineno}: {arg.value!r} lacks {sorted(named - given)}")
    assert not wrong, "\n".join(wrong)


def test_click_errors_of_our_commands_are_translated():
    """click prints a BadParameter/UsageError message as given: it must come from tr()."""
    wrong = []
    for rel, tree in _sources():
        names = _tr_names(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "click"
                    and node.func.attr in ("BadParameter", "UsageError", "ClickException")
                    and not (isinstance(node.args[0], ast.Call) and getattr(node.args[0].func, "id", None) in names)):
                wrong.append(f"{rel}:{node.lineno}: {ast.unparse(node.args[0])[:80]}")
    assert not wrong, "pass tr(...) as the message:\n" + "\n".join(wrong)


def test_a_formatted_error_message_is_noticed():
    tree = ast.parse('from desktop.core.i18n import tr\nraise InputError(f"{p} is empty.", "Check " + p)\n'
                     'x = tr("a" + b)\ny = tr("{p}.".format(p=1))\nz = SigningError("{p} fine.", p=1)\n')
    args = message_args(_sources() + [("x.py", tree)])  # the error classes come from desktop/
    assert [ast.unparse(arg) for rel, _, arg in args if rel == "x.py" and _formatted(arg)] == [
        "f'{p} is empty.'", "'Check ' + p", "'a' + b", "'{p}.'.format(p=1)"]


def test_every_tr_call_is_understood():
    unreadable = engine_messages()[1] + plural_messages()[1]
    assert not unreadable, ("tr() or an error of a message this test cannot see; pass a literal, or add the call to "
                            f"DYNAMIC with the messages it can carry: {unreadable}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_engine_message_is_translated(lang):
    uses, _ = engine_messages()
    assert len(uses) > 300  # the extraction still finds the messages
    uses += plural_messages()[0]
    missing = missing_translations(uses, catalogue(lang))
    assert not missing, f"add these to resources/i18n/{lang}.json:\n" + "\n".join(missing)


def test_a_new_untranslated_message_is_noticed():
    uses, _ = engine_messages()
    missing = missing_translations(uses + [Use("A brand-new message about {thing}.", "desktop/x.py:1")],
                                   catalogue("az"))
    assert "desktop/x.py:1: 'A brand-new message about {thing}.'" in missing


def test_untranslated_messages_are_still_used_and_not_in_the_catalogues():
    used = {u.message for u in engine_messages()[0]}
    for message in UNTRANSLATED:
        assert message in used, f"UNTRANSLATED names a message no longer in desktop/: {message!r}"
        for lang in LANGUAGES:
            assert message not in catalogue(lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders(lang):
    forms = [(english, text) for english, value in catalogue(lang).items()
             for text in (value.values() if isinstance(value, dict) else [value])]
    wrong = [f"{english!r} -> {text!r}" for english, text in forms
             if not text.strip() or fields(english) != fields(text)]
    assert not wrong, f"resources/i18n/{lang}.json: empty, or other {{placeholders}} than the English:\n" + \
        "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_messages_have_the_languages_cldr_forms(lang):
    """A message about a count (ntr) has exactly the CLDR plural categories of the language (CLDR
    "Language Plural Rules": ru one/few/many, az one/other for whole numbers); others are one text."""
    from desktop.core.i18n import PLURAL_CATEGORIES

    plural = {u.message for u in plural_messages()[0]}
    assert len(plural) >= 8
    for english, value in catalogue(lang).items():
        if english in plural:
            assert isinstance(value, dict) and sorted(value) == sorted(PLURAL_CATEGORIES[lang]), english
        else:
            assert isinstance(value, str), f"{english!r}: plural forms, but desktop/ has no ntr() of it"


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("ru", 1, "1 действительная"), ("ru", 2, "2 действительные"), ("ru", 5, "5 действительных"),
    ("ru", 11, "11 действительных"), ("ru", 21, "21 действительная"), ("ru", 22, "22 действительные"),
    ("az", 1, "1 etibarlı"), ("az", 5, "5 etibarlı"), ("en", 1, "1 valid"), ("en", 2, "2 valid")])
def test_an_engine_message_takes_the_plural_form_of_its_count(monkeypatch, lang, n, expected):
    from desktop.core.i18n import ntr

    monkeypatch.setenv("IMZA_LANG", lang)
    assert ntr("{n} valid", "{n} valid", n) == expected
    files = ntr("{n} file not signed because the token stopped answering.",
                "{n} files not signed because the token stopped answering.", n)
    assert f"{n} " in files
    if lang == "ru":
        assert files.split()[1] == {1: "файл", 2: "файла", 5: "файлов", 11: "файлов", 21: "файл", 22: "файла"}[n]
    if lang == "en":
        assert files.split()[1] == ("file" if n == 1 else "files")


def test_the_catalogues_translate_the_same_messages():
    az, ru = catalogue("az"), catalogue("ru")
    assert sorted(set(az) ^ set(ru)) == []


# --- the window: self.tr() in desktop/ui and resources/i18n/imza_<lang>.ts ------------------------

class _QtStrings(ast.NodeVisitor):
    """(class, text) of every self.tr("...") literal: Qt's context is the class."""

    def __init__(self, rel: str):
        self.rel, self.classes, self.found = rel, [], []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_Call(self, node: ast.Call) -> None:
        if (isinstance(node.func, ast.Attribute) and node.func.attr == "tr" and self.classes and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            self.found.append((self.classes[-1], node.args[0].value, f"{self.rel}:{node.lineno}"))
        self.generic_visit(node)


def window_strings() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted((REPO / "desktop" / "ui").glob("*.py")):
        visitor = _QtStrings(path.relative_to(REPO).as_posix())
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found += visitor.found
    return found


def qt_translations(lang: str) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation; None when unfinished or empty."""
    root = ET.parse(I18N / f"imza_{lang}.ts").getroot()
    out = {}
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")]  # Qt's %n plural forms
            text = " | ".join(forms) if forms else translation.text
            done = (translation.get("type") != "unfinished" and (text or "").strip()
                    and all(f.strip() for f in forms))
            out[context.findtext("name"), message.findtext("source")] = text if done else None
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_window_string_is_translated(lang):
    strings = window_strings()
    assert len(strings) > 300
    translations = qt_translations(lang)
    missing = sorted({f"{where}: {cls} {text!r}" for cls, text, where in strings
                      if translations.get((cls, text)) is None})
    assert not missing, (f"not translated in resources/i18n/imza_{lang}.ts (run `make i18n-update`, then translate; "
                         "pyside6-lupdate does not see self.tr() inside an f-string):\n" + "\n".join(missing))
    wrong = [f"{source!r} -> {text!r}" for (_, source), text in translations.items()
             if text is not None and any(sorted(re.findall(r"%\d", source)) != sorted(re.findall(r"%\d", form))
                                         for form in text.split(" | "))]  # each plural form has them all
    assert not wrong, f"resources/i18n/imza_{lang}.ts: other %N placeholders than the English:\n" + "\n".join(wrong)


# Plural forms Qt expects per language (Qt's numerus rules, as pyside6-lupdate writes them).
QT_PLURAL_FORMS = {"en": 2, "az": 2, "ru": 3}


@pytest.mark.parametrize("lang", ("en", "az", "ru"))
def test_window_counts_have_every_plural_form(lang):
    """A window string about a count (tr(text, "", n)) is a numerus message with Qt's number of forms
    for the language; too few forms and Qt shows the English."""
    counted = {(cls, text) for cls, text, _ in window_strings_with_count()}
    assert len(counted) >= 4
    root = ET.parse(I18N / f"imza_{lang}.ts").getroot()
    forms = {(c.findtext("name"), m.findtext("source")): [f.text for f in m.iter("numerusform")]
             for c in root.iter("context") for m in c.iter("message") if m.get("numerus") == "yes"}
    wrong = [f"{key}: {forms.get(key)}" for key in sorted(counted)
             if len(forms.get(key) or []) != QT_PLURAL_FORMS[lang] or not all(forms[key])]
    assert not wrong, f"resources/i18n/imza_{lang}.ts: plural forms missing:\n" + "\n".join(wrong)


def window_strings_with_count() -> list[tuple[str, str, str]]:
    """self.tr(text, disambiguation, n) calls: the messages with a count."""
    found = []
    for path in sorted((REPO / "desktop" / "ui").glob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        visitor = _QtStrings(rel)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        visitor.visit(tree)
        counted_lines = {n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call)
                         and isinstance(n.func, ast.Attribute) and n.func.attr == "tr" and len(n.args) == 3}
        found += [s for s in visitor.found if int(s[2].rsplit(":", 1)[1]) in counted_lines]
    return found


# Codes of pyhanko's and the report model's vocabulary that words.py puts in words (changes_text,
# coverage): shown raw they were English ("form-filling", "lta-updates") in every language.
CODED_FIELDS = {"modification_level", "coverage"}


def test_coded_values_are_shown_in_words():
    shown_raw = []
    for path in sorted((REPO / "desktop").rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _tr_names(tree) | _tr_names(tree, "ntr")
        for node in ast.walk(tree):
            values = []
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names:
                values = [k.value for k in node.keywords]
            elif isinstance(node, ast.FormattedValue):
                values = [node.value]
            for value in values:
                for inner in ast.walk(value):
                    if isinstance(inner, ast.Attribute) and inner.attr in CODED_FIELDS and not (
                            isinstance(value, ast.Call) and value is not inner):
                        shown_raw.append(f"{rel}:{node.lineno}: {ast.unparse(value)}")
    assert not shown_raw, ("a code shown as text: pass it through desktop.verify.reports.words "
                           "(changes_text, coverage):\n" + "\n".join(shown_raw))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_where_revocation_data_came_from_is_said_in_words(monkeypatch, lang):
    """RevocationSource.origin is a code the JSON report keeps ("embedded (DSS)", "fetched"); the
    window's details and imza verify show it in the user's language."""
    from types import SimpleNamespace

    from desktop.core.model import RevocationSource
    from desktop.verify import policy, xades
    from desktop.verify.reports.words import revocation_lines

    monkeypatch.setenv("IMZA_LANG", lang)
    codes = [policy.FROM_DSS, policy.FROM_CMS, policy.FROM_ADOBE, policy.FETCHED, xades.FROM_XADES]
    sig = SimpleNamespace(revocation=[RevocationSource("CN=Signer", "OCSP", code) for code in codes]
                          + [RevocationSource("CN=Root", "none", "none")])
    lines = revocation_lines(sig)
    for code, line in zip([*codes, "none"], lines, strict=True):
        assert code not in line.split(": ", 1)[1] and line.split(", ")[-1] != "none", line

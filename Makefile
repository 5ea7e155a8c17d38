# Imza — `make demo` to try it, `make test` to run the whole suite.
# Both install what is missing: system packages (as root; otherwise they say what to install)
# and a Python venv in .venv holding exactly what uv.lock pins (with hashes). `make lock`
# refreshes uv.lock on purpose, after pyproject.toml's dependencies change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test bench lint lock lock-check system-deps venv screenshot screenshots i18n i18n-update clean dist dist-test deb-install-test

system-deps:
	@sh scripts/system-deps.sh

# uv itself (requirements/uv.txt: one version, pinned by hash) lives in its own small venv, so
# that `uv sync` can make .venv exactly the lock: runtime, dev, build and bench sets.
TOOLS  := .tools
UV     := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# A stale lock is a mistake to fix on purpose, not something to resolve silently during a test run.
LOCK_CHECK = $(UV) lock --check --quiet 2>/dev/null || { \
	echo "uv.lock is out of date with pyproject.toml: run 'make lock' and commit uv.lock." >&2; exit 1; }

$(UV): requirements/uv.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Imza needs Python 3.11 or newer (found %s)." % sys.version.split()[0])'
	$(PYTHON) -m venv --clear $(TOOLS)
	$(TOOLS)/bin/pip install -q --disable-pip-version-check --require-hashes -r requirements/uv.txt
	@touch $(UV)

$(STAMP): pyproject.toml uv.lock $(UV)
	@$(LOCK_CHECK)
	$(UV) sync --locked --all-extras --python $(PYTHON) --quiet
	@touch $(STAMP)

venv: system-deps $(STAMP)

lock: $(UV)
	$(UV) lock

# Translations of the window: resources/i18n/imza_<lang>.ts (edit with pyside6-linguist) → .qm
# (imza_en.ts: only the English plural forms of messages with a count), and
# Qt's own strings (standard buttons, file dialogs) for languages Qt ships none for: qtbase_<lang>.ts.
I18N_TS := $(wildcard resources/i18n/imza_*.ts)
QTBASE_TS := $(wildcard resources/i18n/qtbase_*.ts)
i18n: $(I18N_TS:.ts=.qm) $(QTBASE_TS:.ts=.qm)
resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@
i18n-update: venv
	for ts in $(I18N_TS); do lang=$${ts#*imza_}; lang=$${lang%.ts}; $(BIN)/pyside6-lupdate -no-obsolete -locations none \
	    $$([ $$lang = en ] && echo -pluralonly) -source-language en -target-language $$lang desktop/ui/*.py -ts $$ts; done

demo: venv i18n
	$(BIN)/imza demo init
	$(BIN)/imza demo serve --detach
	$(BIN)/imza gui

# The whole suite, including tests/test_dist.py on the bundle and .deb that `make dist` builds.
test: lock-check venv i18n dist lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

lock-check: $(UV)
	@$(LOCK_CHECK)

# The installable app: dist/imza/ (PyInstaller, build.spec), dist/imza_<version>_<arch>.deb and
# dist/imza-<version>-linux-<machine>.tar.gz (installers/linux/build-deb.sh). Rebuilt only when
# a source, resource or packaging file changed. Windows and macOS: see installers/*/README.md.
DIST_SOURCES := build.spec pyproject.toml $(I18N_TS:.ts=.qm) $(QTBASE_TS:.ts=.qm) \
    $(shell find desktop resources installers/linux -type f ! -path '*/__pycache__/*' 2>/dev/null)
dist: system-deps dist/.built
dist/.built: $(STAMP) $(DIST_SOURCES)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
	sh installers/linux/build-deb.sh
	@touch $@

# Only the tests of the built bundle and packages: --version, --self-test, the .deb's contents.
dist-test: dist
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider -m dist tests/test_dist.py

# Root, Debian/Ubuntu: install the .deb for real (apt pulls pcscd, OpenSC...), run the installed
# /usr/bin/imza --self-test, remove the package again (its dependencies stay).
deb-install-test: dist
	apt-get install -y -qq ./dist/imza_*.deb
	env -u QT_QPA_PLATFORM -u DISPLAY /usr/bin/imza --self-test; status=$$?; apt-get remove -y -qq imza; exit $$status

bench: venv dist
	cd benchmarks && ../$(BIN)/python sign_verify.py && ../$(BIN)/python bulk.py && ../$(BIN)/python startup.py && ../$(BIN)/python verify.py && ../$(BIN)/python bundle.py

# A long fuzzing run of the verifier (tests/support/fuzz_targets.py: mutated signed PDFs, CMS and
# ASiC containers); `make test` runs a short one. FUZZ_EXAMPLES per target.
.PHONY: fuzz
FUZZ_EXAMPLES ?= 3000
fuzz: venv
	IMZA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider \
	    -W ignore::hypothesis.errors.HypothesisWarning tests/verify/test_fuzz.py

lint: venv
	$(BIN)/ruff check desktop tests benchmarks

# PNGs of the main screens, from the real app under a virtual X server (plain and at 200%).
screenshots: venv i18n
	xvfb-run -a -s "-screen 0 1920x1200x24" $(BIN)/python scripts/screenshots.py screenshots

clean:
	rm -rf $(VENV) $(TOOLS) build dist *.egg-info

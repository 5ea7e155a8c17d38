"""The bulk pipeline: prepare letters in worker processes, sign them one by one on the token.

    worker processes:  read + parse + placeholder + ByteRange digest   (CPU, parallel)
    token lane:        signed attributes → ONE token signature per letter (serial)
    finishers:         time-stamp (B-T) → CMS splice → atomic write → journal   (overlapping)

With a slow token the wall time is the token's time; with a fast one, the workers' time.
B-LT/B-LTA letters go through the ordinary SigningSession (validation data per letter).
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import cms

from desktop.bulk.journal import Job, Journal
from desktop.core.errors import ImzaError, OutputExistsError, TimestampError, TokenError, TokenGone
from desktop.core.i18n import ntr, tr
from desktop.core.model import SignatureFormat, SignatureLevel, SignRequest
from desktop.fsio import atomic_output
from desktop.signing import fastcms, prepare
from desktop.signing.session import SigningSession
from desktop.startup import worker_initializer


@dataclass
class LetterResult:
    """What became of one letter, as `on_result` gets it."""

    job: Job
    status: str  # "signed" | "failed" | "already-done"
    error: str | None = None


@dataclass
class BulkSummary:
    """A run's counts; `stopped` is the error that ended it early (token gone), with the journal kept."""

    total: int
    signed: int = 0
    failed: int = 0
    already_done: int = 0
    elapsed: float = 0.0
    stopped: ImzaError | None = None
    token_signatures: int = 0
    results: list[LetterResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        """Letters neither signed, failed nor done before: what a resume would still sign."""
        return self.total - self.signed - self.failed - self.already_done

    @property
    def complete(self) -> bool:
        """Every letter signed: nothing is left to resume."""
        return not self.stopped and not self.failed and self.remaining == 0


def now_iso() -> str:
    """The current UTC time as ISO 8601 to the second, as the journal and reports record it."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def sha256_file(path: Path) -> str:
    """The file's SHA-256 in hex, read in 1 MiB chunks (letters may be large)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def adopt_finished_output(job: Job) -> str | None:
    """If a killed run already wrote this job's output, return its hash (it must not be re-signed)."""
    out, src = Path(job.output), Path(job.source)
    if not out.is_file() or not src.is_file():
        return None
    data, original = out.read_bytes(), src.read_bytes()
    if job.format == SignatureFormat.PADES.value:
        # An incremental update keeps the original bytes as a prefix and appends the signature.
        if len(data) > len(original) and data.startswith(original) and b"/ByteRange" in data[len(original):]:
            return hashlib.sha256(data).hexdigest()
        return None
    try:
        sd = cms.ContentInfo.load(data)["content"]
        attrs = sd["signer_infos"][0]["signed_attrs"]
        digest = next(a["values"][0].native for a in attrs if a["type"].native == "message_digest")
    except (ValueError, KeyError, StopIteration, TypeError):
        return None
    return hashlib.sha256(data).hexdigest() if digest == hashlib.sha256(original).digest() else None


def clean_stale_parts(jobs: list[Job]) -> None:
    """Temp files of a killed run (`.NAME.xxxx.part`) are never outputs: remove them."""
    for job in jobs:
        out = Path(job.output)
        for stale in out.parent.glob(f".{out.name}.*.part"):
            stale.unlink(missing_ok=True)


class PreparationPool:
    """The worker processes that prepare letters (see desktop.signing.prepare).

    A worker is slow to start (imports, first use). Start the pool before the PIN prompt and
    that start overlaps the login instead of the run; BulkRun starts its own otherwise. Closing
    does not wait for the workers' interpreters to exit.
    """

    def __init__(self, cert_der: bytes, workers: int | None = None):
        self.workers = workers or max(1, min(4, os.cpu_count() or 1))
        # spawn: never fork a process holding a PKCS#11 session.
        self.executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=worker_initializer,
                                            initargs=("desktop.signing.prepare:warm_up", cert_der))
        self._ready = self.executor.submit(prepare.ready)
        self.closed = False

    def ready(self) -> bool:
        """Whether every worker has finished its warm-up (non-blocking)."""
        return self._ready.done()

    def close(self) -> None:
        """Stop the workers: queued preparations are dropped, the call returns at once."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.closed = True

    def __enter__(self) -> PreparationPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def stopped_by(error: TokenError) -> TokenError:
    """Why the run stopped: a card that went away is told to come back and resume the run."""
    if isinstance(error, TokenGone):
        return TokenGone("The token stopped answering (removed?) during the run: {why}",
                         "Insert it and run again with --resume: finished letters are kept and not signed again.", why=error.message)
    return error


def pin_per_signature_notice(total: int) -> str:
    """What a bulk run says before it starts when the card asks for the PIN at every signature."""
    return ntr("This card asks for the PIN at every signature: Imza gives it the PIN you typed for the "
               "{n} letter, keeps it in memory for this run only and overwrites it at the end.",
               "This card asks for the PIN at every signature: Imza gives it the PIN you typed for each of "
               "the {n} letters, keeps it in memory for this run only and overwrites it at the end.", total)


class BulkRun:
    """Sign a journal's pending letters with one logged-in SigningSession.

    Workers prepare letters (digests, PDF placeholders) while the token signs; done marks are
    committed in small groups. A letter whose output already exists is adopted when it is the
    signed one (a mark lost to a kill), else failed unless `force`. `cancel` pauses; a token that
    stops answering ends the run with `BulkSummary.stopped`.
    """

    def __init__(self, journal: Journal, signing: SigningSession, *, level: SignatureLevel,
                 reason: str | None = None, location: str | None = None, force: bool = False,
                 workers: int | None = None, on_result: Callable[[LetterResult, BulkSummary], None] | None = None,
                 cancel: threading.Event | None = None, pool: PreparationPool | None = None):
        self.journal = journal
        self.signing = signing
        self.signer = signing.signer
        self.level = level
        self.reason, self.location, self.force = reason, location, force
        self.workers = pool.workers if pool else workers or max(1, min(4, os.cpu_count() or 1))
        self.pool = pool
        self.on_result = on_result
        self.cancel = cancel or threading.Event()
        self._templates: dict[bool, fastcms.CMSTemplate] = {}
        self._pending_done: list[tuple] = []
        self._last_flush = time.monotonic()

    # -- bookkeeping -------------------------------------------------------------------------

    def _emit(self, summary: BulkSummary, result: LetterResult) -> None:
        summary.results.append(result)
        if result.status == "signed":
            summary.signed += 1
        elif result.status == "failed":
            summary.failed += 1
        else:
            summary.already_done += 1
        if self.on_result:
            self.on_result(result, summary)

    def _flush(self, force: bool = False) -> None:
        # Done marks are committed in small groups: a mark lost to a kill is recovered by
        # adopt_finished_output on resume, so batching never leads to a second signature.
        if not self._pending_done or (not force and len(self._pending_done) < 32
                                      and time.monotonic() - self._last_flush < 0.25):
            return
        with self.journal.transaction():
            for args in self._pending_done:
                self.journal.mark_done(*args[:1], **args[1])
        self._pending_done.clear()
        self._last_flush = time.monotonic()

    def _done(self, summary: BulkSummary, job: Job, source_sha: str, output_sha: str) -> None:
        self._pending_done.append((job.id, {"source_sha256": source_sha, "output_sha256": output_sha,
                                            "signer": self.signing.cert.subject, "when": now_iso()}))
        self._flush()
        job.state, job.output_sha256 = "done", output_sha
        self._emit(summary, LetterResult(job, "signed"))

    def _failed(self, summary: BulkSummary, job: Job, error: ImzaError, source_sha: str | None = None) -> None:
        self._flush(force=True)
        self.journal.mark_failed(job.id, str(error), now_iso(), source_sha)
        job.state, job.error = "failed", str(error)
        self._emit(summary, LetterResult(job, "failed", str(error)))

    # -- the pipeline ------------------------------------------------------------------------

    def run(self) -> BulkSummary:
        """Run to the end, a pause or a stop; letters that failed before are tried again. Blocks; call from a worker thread in a GUI."""
        return asyncio.run(self._run())

    async def _run(self) -> BulkSummary:
        started = time.perf_counter()
        self.journal.reset_failed()
        jobs = self.journal.jobs("pending")
        summary = BulkSummary(total=len(self.journal.jobs()))
        summary.already_done = summary.total - len(jobs)
        clean_stale_parts(jobs)
        todo = []
        for job in jobs:
            adopted = adopt_finished_output(job)
            if adopted:
                self._pending_done.append((job.id, {"source_sha256": sha256_file(Path(job.source)),
                                                    "output_sha256": adopted, "signer": self.signing.cert.subject,
                                                    "when": now_iso()}))
                self._emit(summary, LetterResult(job, "already-done"))
            elif Path(job.output).exists() and not self.force:
                self._failed(summary, job, OutputExistsError("{path} already exists.",
                                                             "Use --force to replace it.", path=job.output))
            else:
                todo.append(job)
        self._flush(force=True)
        try:
            if self.level.needs_validation_data:
                await self._run_slow_path(todo, summary)
            else:
                await self._run_fast_path(todo, summary)
        finally:
            self._flush(force=True)
            summary.elapsed = time.perf_counter() - started
        return summary

    async def _template(self, pades: bool) -> fastcms.CMSTemplate:
        if pades not in self._templates:
            self._templates[pades] = await fastcms.build_template(self.signer, pades=pades)
        return self._templates[pades]

    def _bytes_reserved(self, tpl: fastcms.CMSTemplate) -> int:
        der = len(tpl.signed_data_head) + len(tpl.attrs_prefix) + len(tpl.attrs_suffix) + 1200
        if self.level.needs_timestamp:
            der += 9000  # a time-stamp token with its TSA certificate
        return 2 * der

    async def _run_fast_path(self, todo: list[Job], summary: BulkSummary) -> None:
        loop = asyncio.get_running_loop()
        pades_tpl = await self._template(True)
        cades_tpl = await self._template(False) if any(j.format == "cades" for j in todo) else None
        reserved = self._bytes_reserved(pades_tpl)
        cert_der = self.signing.cert.certificate.dump()
        timestamper = self.signing.timestamper(self.level.needs_timestamp)
        finishers: set[asyncio.Task] = set()
        finish_slots = asyncio.Semaphore(32)
        window = self.workers * 4
        pool, own_pool = self.pool, self.pool is None
        local = ThreadPoolExecutor(max_workers=1)
        try:
            futures: dict[int, asyncio.Future] = {}
            broken = False

            def workers_broke() -> None:  # one was killed (out of memory?): go on without them
                nonlocal broken
                if not broken:
                    broken = True
                    summary.warnings.append(tr("The preparation processes stopped; the rest of the "
                                               "letters were prepared in the main process (slower)."))

            def prepare_in(executor, j: Job) -> asyncio.Future:
                return loop.run_in_executor(executor, prepare.prepare, j.id, j.source, j.format,
                                            cert_der, reserved, self.reason, self.location)

            def submit(i: int) -> None:
                # Until the workers are ready, this process (which has everything imported)
                # prepares the first letters itself, so that the token starts at once.
                if i < len(todo):
                    if pool is not None and pool.ready() and not broken:
                        try:
                            futures[i] = prepare_in(pool.executor, todo[i])
                            return
                        except BrokenProcessPool:
                            workers_broke()
                    futures[i] = prepare_in(local, todo[i])

            for i in range(window):
                submit(i)
            try:
                for i, job in enumerate(todo):
                    if self.cancel.is_set() or summary.stopped:
                        break
                    try:
                        prepared = await futures.pop(i)
                    except BrokenProcessPool:
                        workers_broke()
                        prepared = await prepare_in(local, job)
                    if pool is None:  # started now, not before: its imports would slow letter 1
                        pool = PreparationPool(cert_der, self.workers)
                    submit(i + window)
                    if prepared.error:
                        self._failed(summary, job, prepared.error, prepared.source_sha256 or None)
                        continue
                    tpl = pades_tpl if job.format == "pades" else cades_tpl
                    signed_attrs = tpl.signed_attributes(prepared.digest)
                    try:
                        signature = await self.signer.async_sign_raw(signed_attrs, "sha256")
                    except TokenError as e:  # the card's failures, worded by desktop.tokens.errors
                        summary.stopped = stopped_by(e)
                        break
                    summary.token_signatures += 1
                    await finish_slots.acquire()
                    task = asyncio.create_task(self._finish(job, prepared, tpl, signed_attrs, signature,
                                                            timestamper, summary))
                    task.add_done_callback(lambda _t: finish_slots.release())
                    finishers.add(task)
                    task.add_done_callback(finishers.discard)
            finally:
                for f in futures.values():
                    f.cancel()
                if finishers:
                    await asyncio.gather(*finishers, return_exceptions=True)
        finally:
            # A worker takes ~0.2 s to exit (interpreter teardown): the run does not wait for it.
            if own_pool and pool is not None:
                pool.close()
            local.shutdown(wait=False, cancel_futures=True)

    async def _finish(self, job, prepared, tpl, signed_attrs, signature, timestamper, summary) -> None:
        try:
            tst = None
            if timestamper is not None:
                try:
                    token = await timestamper.async_timestamp(fastcms.signature_digest(signature), "sha256")
                except Exception as e:  # network, TSA refusal: this letter stays pending/failed
                    raise TimestampError("The time-stamping service did not answer ({error}).",
                                         "Check the network and run again with --resume.", error=type(e).__name__) from None
                tst = token.dump()
            cms_der = tpl.content_info(signed_attrs, signature, tst)
            data = prepare.finish_pdf(prepared, cms_der) if job.format == "pades" else cms_der
            await asyncio.get_running_loop().run_in_executor(None, self._write, Path(job.output), data)
        except ImzaError as e:
            if isinstance(e, TimestampError) and summary.stopped is None:
                summary.stopped = e
            self._failed(summary, job, e, prepared.source_sha256)
            return
        self._done(summary, job, prepared.source_sha256, hashlib.sha256(data).hexdigest())

    def _write(self, path: Path, data: bytes) -> None:
        with atomic_output(path, force=self.force) as fh:
            fh.write(data)

    async def _run_slow_path(self, todo: list[Job], summary: BulkSummary) -> None:
        vc = self.signing.validation_context()
        try:
            for job in todo:
                if self.cancel.is_set():
                    break
                req = SignRequest(Path(job.source), Path(job.output), SignatureFormat(job.format), self.level,
                                  self.reason, self.location, self.force)
                try:
                    await self.signing.sign_one(req, vc)
                except TokenError as e:
                    summary.stopped = stopped_by(e)
                    break
                except ImzaError as e:
                    self._failed(summary, job, e)
                    continue
                summary.token_signatures += 1
                self._done(summary, job, sha256_file(req.source), sha256_file(req.output))
        finally:
            await vc.aclose()

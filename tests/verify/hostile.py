"""Small generators of hostile inputs for the verifier and the validation service (issue 14).

Each function returns the attacker's bytes; none needs more than a few MB to build, however
large the thing it pretends to hold.
"""

from __future__ import annotations

from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter


def _write(w: IncrementalPdfFileWriter) -> bytes:
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def self_listing_pages(pdf: bytes, copies: int = 3) -> bytes:
    """An incremental update whose new /Pages node lists itself (several times) in /Kids,
    followed by the original page tree: a walk without a visited set never ends."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    old_pages = w.root.raw_get("/Pages")
    node = generic.DictionaryObject({pdf_name("/Type"): pdf_name("/Pages"),
                                     pdf_name("/Count"): generic.NumberObject(1)})
    ref = w.add_object(node)
    node[pdf_name("/Kids")] = generic.ArrayObject([ref] * copies + [old_pages])
    w.root[pdf_name("/Pages")] = ref
    w.update_root()
    return _write(w)


def self_listing_field(pdf: bytes, copies: int = 3) -> bytes:
    """An incremental update adding a form field that lists itself (several times) in /Kids."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    field = generic.DictionaryObject({pdf_name("/T"): generic.TextStringObject("loop")})
    ref = w.add_object(field)
    field[pdf_name("/Kids")] = generic.ArrayObject([ref] * copies)
    form = w.root["/AcroForm"]
    form["/Fields"].append(ref)
    w.update_container(form)
    if isinstance(form.raw_get("/Fields"), generic.IndirectObject):
        w.update_container(form["/Fields"])
    return _write(w)

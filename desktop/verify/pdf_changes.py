"""What every incremental update of a PDF changed, in words a person can check.

A signature covers its own revision; everything appended later is shown by viewers but not
signed. pyhanko's diff policy decides whether those updates are of a permitted *kind*; this
module says *what* they did ("page 1 content was modified", "form field 'amount' was set to
'1000'"), object by object, so that the verdict can name the change and so that changes the
whitelist lets through (incremental saving and shadow attacks) can still be judged.

Each changed object is described by the role it plays in the new (or, failing that, the old)
revision: catalog, page, content stream, XObject, annotation, form field, signature value,
validation data (DSS), optional content. Objects with no role are unused by the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

from desktop.core.i18n import ntr, tr


class Kind:
    """What sort of change a description is; `policy` in modifications.py ranks them."""

    VALIDATION_DATA = "validation-data"  # DSS, VRI: PAdES B-LT/LTA
    METADATA = "metadata"  # document information, XMP, version, extensions
    SIGNATURE = "signature"  # a signature value filled into a signature field
    TIMESTAMP = "document-timestamp"  # a document time-stamp (PAdES B-LTA)
    SIGNATURE_FIELD = "signature-field"  # a new (empty) signature field
    FORM_VALUE = "form-value"  # a form field's value (and its appearance)
    APPEARANCE = "appearance"  # a widget's appearance (/AP, /AS, /MK) changed, its value (/V) not
    ANNOTATION = "annotation"  # annotations added, modified or removed
    PAGE_CONTENT = "page-content"  # content streams, XObjects, fonts, resources
    OPTIONAL_CONTENT = "optional-content"  # layers switched on/off (shadow attacks)
    SIGNATURE_DICT = "signature-dictionary"  # an existing signature's dictionary rewritten
    STRUCTURE = "structure"  # catalog, page tree, form structure, actions, other objects
    UNUSED = "unused"  # objects added that nothing in the document uses


@dataclass
class Change:
    """One change a later revision made, with the sentence that tells it (`kind`: what was changed)."""

    kind: str
    text: str
    visible: bool = False  # for signature fields: the new widget has a non-empty rectangle
    field: str | None = None  # the form field it changes (value or appearance), for field locks


@dataclass
class RevisionChanges:
    """What one revision after a signature changed."""

    revision: int  # 1-based, as a person counts revisions
    changes: list[Change] = field(default_factory=list)
    linearization: bool = False  # the first-page section of a linearized file: part of the revision before
    shown: int = 0  # the number a person sees: linearized sections counted once

    def __post_init__(self):
        self.shown = self.shown or self.revision

    @property
    def kinds(self) -> set[str]:
        """The distinct `Change.kind` values of the revision."""
        return {c.kind for c in self.changes}


@dataclass(frozen=True)
class Role:
    """What an object is for a person: a page's content, an annotation on page 2, the field "amount"..."""

    what: str
    page: int | None = None  # 1-based
    name: str | None = None
    detail: str | None = None


def is_document_timestamp(sig_dict) -> bool:
    """A PAdES document time-stamp: /Type /DocTimeStamp, or /SubFilter /ETSI.RFC3161 under /Type /Sig
    as some national signing software writes it (ETSI EN 319 142-1, 5.4.3: the SubFilter says what
    the /Contents holds, an RFC 3161 time-stamp token)."""
    return _get(sig_dict, "/Type") == "/DocTimeStamp" or _get(sig_dict, "/SubFilter") == "/ETSI.RFC3161"


def _ref(obj) -> tuple[int, int] | None:
    if isinstance(obj, generic.IndirectObject):
        return obj.reference.idnum, obj.reference.generation
    return None


def _get(obj, key: str, default=None):
    """A dictionary entry with references resolved (pyhanko's dict.get does not resolve)."""
    try:
        return obj[key] if key in obj else default
    except (KeyError, TypeError, AttributeError):
        return default


def _text(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, generic.NameObject):
        text = str(value).lstrip("/")
    elif isinstance(value, generic.TextStringObject | generic.ByteStringObject | str):
        text = str(value)
    else:
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


class _RoleMap:
    """Every object the document uses in one revision, with what it is for."""

    def __init__(self, resolver):
        self.roles: dict[tuple[int, int], Role] = {}
        self._fields_seen: set = set()
        self._page_nodes_seen: set = set()  # the page tree may be a graph with cycles: visit each node once
        self.resolver = resolver
        trailer = resolver.trailer_view
        self._mark(trailer.raw_get("/Info") if "/Info" in trailer else None, Role("metadata"))
        root_ref = trailer.raw_get("/Root")
        self._mark(root_ref, Role("catalog"))
        root = root_ref.get_object()
        self._mark(root.raw_get("/Metadata") if "/Metadata" in root else None, Role("metadata"))
        self._pages(root.raw_get("/Pages"), [0], depth=0)
        if "/AcroForm" in root:
            self._mark(root.raw_get("/AcroForm"), Role("form"))
            form = root["/AcroForm"]
            if "/Fields" in form:
                self._mark(form.raw_get("/Fields"), Role("form"))
                for f in form["/Fields"]:
                    self._field(f, "", depth=0)
        if "/DSS" in root:
            self._tree(root.raw_get("/DSS"), Role("validation data"), depth=0)
        if "/OCProperties" in root:
            self._tree(root.raw_get("/OCProperties"), Role("optional content"), depth=0)

    def _mark(self, obj, role: Role) -> bool:
        key = _ref(obj)
        if key is None or key in self.roles:
            return False
        self.roles[key] = role
        return True

    def _tree(self, obj, role: Role, depth: int) -> None:
        """Mark obj and everything it references (for self-contained structures like the DSS)."""
        if depth > 6:
            return
        if _ref(obj) is not None:
            if not self._mark(obj, role):
                return
            obj = obj.get_object()
        if isinstance(obj, generic.DictionaryObject):
            for key in obj:
                self._tree(obj.raw_get(key), role, depth + 1)
        elif isinstance(obj, generic.ArrayObject):
            for item in obj:
                self._tree(item, role, depth + 1)

    def _pages(self, node_ref, counter: list[int], depth: int) -> None:
        key = _ref(node_ref)
        if depth > 32 or key in self._page_nodes_seen:
            return
        if key is not None:
            self._page_nodes_seen.add(key)
        node = node_ref.get_object()
        if _get(node, "/Type") == "/Pages" or "/Kids" in node:
            self._mark(node_ref, Role("page tree"))
            for kid in node["/Kids"]:
                self._pages(kid, counter, depth + 1)
            return
        counter[0] += 1
        n = counter[0]
        self._mark(node_ref, Role("page", n))
        if "/Contents" in node:
            contents = node.raw_get("/Contents")
            self._mark(contents, Role("content", n))
            if isinstance(contents.get_object() if _ref(contents) else contents, generic.ArrayObject):
                for part in node["/Contents"]:
                    self._mark(part, Role("content", n))
        if "/Resources" in node:
            self._resources(node.raw_get("/Resources"), n, depth=0)
        if "/Annots" in node:
            self._mark(node.raw_get("/Annots"), Role("annotations", n))
            for annot in node["/Annots"]:
                self._annotation(annot, n)

    def _resources(self, res_ref, page: int, depth: int) -> None:
        if depth > 3:
            return
        self._mark(res_ref, Role("resources", page))
        res = res_ref.get_object()
        for category, what in (("/XObject", "xobject"), ("/Font", "font"), ("/ExtGState", "resources"),
                               ("/Properties", "resources")):
            if category not in res:
                continue
            self._mark(res.raw_get(category), Role("resources", page))
            for name in res[category]:
                value = res[category].raw_get(name)
                if self._mark(value, Role(what, page, _text(name))) and what == "xobject":
                    xobj = value.get_object()
                    if "/Resources" in xobj:  # a form XObject's own images and forms
                        self._resources(xobj.raw_get("/Resources"), page, depth + 1)

    def _annotation(self, annot_ref, page: int) -> None:
        annot = annot_ref.get_object()
        subtype = _text(_get(annot, "/Subtype"))
        name = _field_name(annot) if subtype == "Widget" else (_text(_get(annot, "/T")) if "/T" in annot else None)
        self._mark(annot_ref, Role("annotation", page, name, subtype))
        if "/AP" in annot:
            self._tree(annot.raw_get("/AP"), Role("appearance", page, name, subtype), depth=0)

    def _field(self, field_ref, parent: str, depth: int) -> None:
        if depth > 16:
            return
        f = field_ref.get_object()
        partial = _text(_get(f, "/T")) if "/T" in f else ""
        name = f"{parent}.{partial}" if parent and partial else (partial or parent)
        ft = _text(_get(f, "/FT")) if "/FT" in f else None
        key = _ref(field_ref)
        if key in self._fields_seen:
            return
        self._fields_seen.add(key)
        if key in self.roles and self.roles[key].what == "annotation":
            self.roles[key] = Role("field", self.roles[key].page, name, ft)  # a field merged with its widget
        self._mark(field_ref, Role("field", None, name, ft))
        if "/V" in f and ft == "Sig":
            self._mark(f.raw_get("/V"), Role("signature value", None, name))
        for kid in _get(f, "/Kids", ()):
            self._field(kid, name, depth + 1)


def _field_name(widget) -> str | None:
    """The fully qualified name of the field a widget belongs to (its own /T and its parents')."""
    parts: list[str] = []
    node = widget
    for _ in range(32):  # a /Parent chain may loop in a hostile file
        if not isinstance(node, generic.DictionaryObject):
            break
        if "/T" in node:
            parts.append(_text(_get(node, "/T")))
        node = _get(node, "/Parent")
    return ".".join(reversed(parts)) or None


def _same(a, b, depth: int = 0) -> bool:
    """Equal as PDF objects, without following references."""
    if depth > 20:
        return False
    if isinstance(a, generic.IndirectObject) or isinstance(b, generic.IndirectObject):
        return _ref(a) == _ref(b)
    if isinstance(a, generic.StreamObject) or isinstance(b, generic.StreamObject):
        if not (isinstance(a, generic.StreamObject) and isinstance(b, generic.StreamObject)):
            return False
        return a.encoded_data == b.encoded_data and _same_dict(a, b, depth, skip={"/Length"})
    if isinstance(a, generic.DictionaryObject) and isinstance(b, generic.DictionaryObject):
        return _same_dict(a, b, depth)
    if isinstance(a, generic.ArrayObject) and isinstance(b, generic.ArrayObject):
        return len(a) == len(b) and all(_same(x, y, depth + 1) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _same_dict(a, b, depth: int, skip: set[str] = frozenset()) -> bool:
    keys = (set(a) | set(b)) - skip
    return all(k in a and k in b and _same(a.raw_get(k), b.raw_get(k), depth + 1) for k in keys)


def _changed_keys(old, new) -> list[str]:
    keys = sorted(set(old) | set(new))
    return [k for k in keys if not (k in old and k in new and _same(old.raw_get(k), new.raw_get(k)))]


def _visible(annot) -> bool:
    try:
        x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
        return abs(x2 - x1) > 0.5 and abs(y2 - y1) > 0.5
    except (KeyError, ValueError, TypeError):
        return False


class _Describer:
    def __init__(self, reader: PdfFileReader, revision: int, old: _RoleMap, new: _RoleMap):
        self.reader = reader
        self.revision = revision
        self.old, self.new = old.resolver, new.resolver
        self.old_roles, self.new_roles = old.roles, new.roles
        self.out: list[Change] = []
        self._said: set[str] = set()

    def say(self, kind: str, text: str, visible: bool = False, field_name: str | None = None) -> None:
        if text not in self._said:
            self._said.add(text)
            self.out.append(Change(kind, text, visible, field_name))

    def existed(self, key: tuple[int, int]) -> bool:
        ref = generic.Reference(*key, pdf=self.reader)
        return self.reader.xrefs.get_historical_ref(ref, self.revision - 1) is not None

    def get(self, resolver, key):
        return resolver.get_object(generic.Reference(*key, pdf=self.reader))

    def run(self) -> list[Change]:
        refs = sorted((r.idnum, r.generation) for r in self.reader.xrefs.explicit_refs_in_revision(self.revision))
        unused_added = 0
        for key in refs:
            if key in {(s.idnum, s.generation) for s in self.reader.xrefs.xref_stream_refs}:
                continue
            role = self.new_roles.get(key) or self.old_roles.get(key)
            existed = self.existed(key)
            if role is None:
                if existed:
                    self.say(Kind.STRUCTURE, tr("object {num} (not used by any page) was replaced", num=key[0]))
                else:
                    unused_added += 1
                continue
            old = self.get(self.old, key) if existed else None
            new = self.get(self.new, key)
            if old is not None and _same(old, new):
                continue
            self.describe(key, role, old, new)
        for key, role in self.old_roles.items():
            if role.what == "annotation" and key not in self.new_roles:
                self.say(Kind.ANNOTATION, tr("an annotation ({subtype}) was removed from page {page}",
                                             subtype=role.detail, page=role.page))
        if unused_added:
            self.say(Kind.UNUSED, ntr("{n} object was added that the document does not use",
                                      "{n} objects were added that the document does not use", unused_added))
        return self.out

    def describe(self, key, role: Role, old, new) -> None:  # noqa: C901 - one branch per role
        what, page = role.what, role.page
        if what == "catalog":
            self.catalog(old, new)
        elif what == "page":
            self.page(page, old, new)
        elif what == "content":
            if old is None:
                return  # a new content stream: the page's /Contents change says so
            self.say(Kind.PAGE_CONTENT, tr("page {page} content was modified", page=page))
        elif what in ("xobject", "font", "resources"):
            if old is None and what == "resources":
                return
            label = {"xobject": tr("the image or drawing {name}"), "font": tr("the font {name}"),
                     "resources": tr("the resources (fonts, images, drawings)")}[what].format(name=role.name)
            verb = tr("was replaced") if old is not None else tr("was added")
            self.say(Kind.PAGE_CONTENT, tr("{label} of page {page} {verb}", label=label, page=page, verb=verb))
        elif what == "annotations":
            if old is not None:
                self.annotations(page, old, new)
        elif what == "annotation":
            self.annotation(key, role, old, new)
        elif what == "appearance":
            self.appearance(role, old)
        elif what == "field":
            self.field(role, old, new)
        elif what == "signature value":
            if old is not None:
                self.say(Kind.SIGNATURE_DICT, tr("the signature dictionary of '{name}' was rewritten", name=role.name))
        elif what == "validation data":
            self.say(Kind.VALIDATION_DATA, tr("validation data (certificates, OCSP responses, CRLs) was added"))
        elif what == "optional content":
            self.say(Kind.OPTIONAL_CONTENT, tr("the optional content (layers) was changed, which shows or hides "
                                               "parts of pages"))
        elif what == "metadata":
            self.say(Kind.METADATA, tr("the document information (metadata) was updated"))
        elif what == "form":
            if old is not None:
                self.form(old, new)
        elif what == "page tree":
            if old is not None and not _same(_get(old, "/Kids"), _get(new, "/Kids")):
                self.say(Kind.STRUCTURE, tr("pages were added, removed or reordered"))

    def catalog(self, old, new) -> None:
        if old is None:
            self.say(Kind.STRUCTURE, tr("the document catalog was replaced"))
            return
        for key in _changed_keys(old, new):
            if key == "/DSS":
                self.say(Kind.VALIDATION_DATA, tr("validation data (certificates, OCSP responses, CRLs) was added"))
            elif key in ("/Metadata", "/Version", "/Extensions", "/Lang"):
                self.say(Kind.METADATA, tr("the document information (metadata) was updated"))
            elif key == "/AcroForm":
                if key in old and key in new:
                    self.form(old[key], new[key])
                elif key in new:
                    self.say(Kind.SIGNATURE_FIELD, tr("a form was added to the document"))
                else:
                    self.say(Kind.STRUCTURE, tr("the form was removed from the document"))
            elif key == "/OCProperties":
                self.say(Kind.OPTIONAL_CONTENT, tr("the optional content (layers) was changed, which shows or "
                                                   "hides parts of pages"))
            elif key == "/Pages":
                self.say(Kind.STRUCTURE, tr("the page tree was replaced"))
            elif key == "/Perms":
                self.say(Kind.STRUCTURE, tr("the document's permissions (certification) were changed"))
            else:
                self.say(Kind.STRUCTURE, tr("the document catalog entry {key} was changed", key=key.lstrip("/")))

    def form(self, old, new) -> None:
        for key in _changed_keys(old, new):
            if key in ("/Fields", "/SigFlags", "/DR", "/DA"):
                continue  # fields are described one by one; resources follow new fields
            self.say(Kind.STRUCTURE, tr("the form setting {key} was changed", key=key.lstrip("/")))

    def page(self, page: int, old, new) -> None:
        if old is None:
            self.say(Kind.STRUCTURE, tr("page {page} was added", page=page))
            return
        for key in _changed_keys(old, new):
            if key == "/Contents":
                self.say(Kind.PAGE_CONTENT, tr("page {page} content was replaced", page=page))
            elif key == "/Resources":
                self.say(Kind.PAGE_CONTENT, tr("the resources (fonts, images, drawings) of page {page} were "
                                               "changed", page=page))
            elif key == "/Annots":
                self.annotations(page, _get(old, "/Annots", generic.ArrayObject()),
                                 _get(new, "/Annots", generic.ArrayObject()))
            else:
                self.say(Kind.STRUCTURE, tr("page {page} setting {key} was changed", page=page, key=key.lstrip("/")))

    def annotations(self, page: int, old, new) -> None:
        before = {_ref(a) for a in old}
        for item in new:
            key = _ref(item)
            if key in before:
                continue
            annot = item.get_object()
            subtype = _text(_get(annot, "/Subtype"))
            if subtype == "Widget" and self._is_sig_widget(annot):
                self.signature_widget(annot, page)
            elif subtype == "Widget":
                self.say(Kind.STRUCTURE, tr("a form field was added on page {page}", page=page))
            else:
                self.say(Kind.ANNOTATION, tr("a {subtype} annotation was added on page {page}",
                                             subtype=subtype, page=page))

    def signature_widget(self, annot, page: int) -> None:
        holder = annot if "/T" in annot or "/Parent" not in annot else annot["/Parent"]
        name = _text(_get(holder, "/T")) if "/T" in holder else "?"
        visible = _visible(annot)
        where = tr("visible on page {page}", page=page) if visible else tr("invisible")
        value = _get(holder, "/V")
        if value is None:
            self.say(Kind.SIGNATURE_FIELD, tr("an empty signature field '{name}' was added ({where})",
                                              name=name, where=where), visible=visible)
        elif is_document_timestamp(value):
            self.say(Kind.TIMESTAMP, tr("a document time-stamp was added"), visible=visible)
        else:
            self.say(Kind.SIGNATURE, tr("signature '{name}' was added ({where})", name=name, where=where),
                     visible=visible)

    @staticmethod
    def _is_sig_widget(annot) -> bool:
        try:
            return _get(annot, "/FT") == "/Sig" or _get(annot["/Parent"], "/FT") == "/Sig"
        except (KeyError, AttributeError, TypeError):
            return False

    def annotation(self, key, role: Role, old, new) -> None:
        if old is None:
            return  # new annotations are described by the page's /Annots change
        if role.detail == "Widget":
            changed = set(_changed_keys(old, new))
            if changed <= {"/V", "/AP", "/AS", "/MK", "/DA"} and "/FT" in new or self._is_sig_widget(new):
                if "/FT" in new and _get(new, "/FT") == "/Sig" or self._is_sig_widget(new):
                    return  # the field's /V tells; widgets of signed fields get their appearance then
                if "/V" in changed:
                    self.field(Role("field", role.page, role.name, _text(_get(new, "/FT"))), old, new)
                    return
                self.appearance_changed(role, new)
                return
        self.say(Kind.ANNOTATION, tr("the {subtype} annotation on page {page} was modified",
                                     subtype=role.detail, page=role.page))

    def appearance(self, role: Role, old) -> None:
        if old is None:
            return  # a new appearance belongs to a new or changed annotation, described there
        if role.detail == "Widget":
            self.appearance_changed(role, None)
        else:
            self.say(Kind.ANNOTATION, tr("the appearance of the {subtype} annotation on page {page} was changed",
                                         subtype=role.detail, page=role.page))

    def appearance_changed(self, role: Role, field_dict) -> None:
        """A form field drawn differently while its value (/V) stayed as it was."""
        value = _text(_get(field_dict, "/V")) if field_dict is not None else None
        if role.page is not None and value is not None:
            text = tr("the appearance of form field '{name}' on page {page} was changed while its value stayed "
                      "'{value}': a viewer shows other content than was signed",
                      name=role.name, page=role.page, value=value)
        elif role.page is not None:
            text = tr("the appearance of form field '{name}' on page {page} was changed: a viewer shows other "
                      "content than was signed", name=role.name, page=role.page)
        else:
            text = tr("the appearance of form field '{name}' was changed: a viewer shows other content than "
                      "was signed", name=role.name)
        self.say(Kind.APPEARANCE, text, field_name=role.name)

    def field(self, role: Role, old, new) -> None:
        if old is None:
            if role.detail != "Sig":
                self.say(Kind.STRUCTURE, tr("form field '{name}' was added", name=role.name))
            return
        changed = _changed_keys(old, new)
        if role.detail == "Sig":
            if "/V" in changed and "/V" not in old:
                self.say(Kind.SIGNATURE, tr("signature field '{name}' was signed", name=role.name))
            elif "/V" in changed:
                self.say(Kind.SIGNATURE_DICT, tr("the signature in field '{name}' was replaced", name=role.name))
            elif "/V" in old and {"/AP", "/AS"} & set(changed):
                self.say(Kind.APPEARANCE, tr("the appearance of the signed signature field '{name}' was changed: "
                                             "a viewer shows another stamp than was signed", name=role.name),
                         field_name=role.name)
            elif set(changed) - {"/AP", "/AS", "/Lock", "/SV"}:
                self.say(Kind.STRUCTURE, tr("signature field '{name}' was modified", name=role.name))
            return
        if "/V" in changed:
            self.say(Kind.FORM_VALUE, tr("the value of form field '{name}' was changed from '{old}' to '{new}'",
                                         name=role.name, old=_text(_get(old, "/V")), new=_text(_get(new, "/V"))),
                     field_name=role.name)
            return
        if {"/AP", "/AS", "/MK"} & set(changed):
            # The value stays as signed but a viewer draws the new appearance (ISO 32000-2, 12.5.5):
            # what is shown is no longer what the value says.
            self.appearance_changed(role, new)
        if set(changed) - {"/AP", "/AS", "/MK", "/Kids"}:
            self.say(Kind.STRUCTURE, tr("form field '{name}' was modified ({keys})", name=role.name,
                                        keys=", ".join(k.lstrip("/") for k in changed)))


def linearization_parts(reader: PdfFileReader, data: bytes) -> set[int]:
    """The (0-based) revisions that are the first-page section of a linearized file, not updates.

    A linearized file (ISO 32000-2, Annex F) has two cross-reference sections: the first-page
    section near the start, whose trailer's /Prev names the main section at the end. Read as a
    chain they look like two revisions, but the first-page section was written with the rest
    of the file, in one go; incremental updates are only ever appended (7.5.6). So a section
    that lies *before* the one its /Prev names, in a file with a linearization dictionary at
    its start, continues the revision before it."""
    if b"/Linearized" not in data[:1024]:
        return set()
    xrefs = reader.xrefs
    parts = set()
    for index in range(1, xrefs.total_revisions):
        if xrefs.get_xref_container_info(index).start_location < xrefs.get_xref_container_info(index - 1).start_location:
            parts.add(index)
    return parts


def describe_revisions(reader: PdfFileReader, linearized: set[int] = frozenset()) -> list[RevisionChanges]:
    """One entry per revision after the first, in order (revision numbers from 2).

    `linearized`: linearization_parts(); such a revision gets an entry with no changes, and
    its predecessor is not described on its own (its trailer may lack the catalog)."""
    out = []
    roles: list[_RoleMap | None] = []
    for index in range(reader.xrefs.total_revisions):
        if index + 1 in linearized:
            roles.append(None)  # read together with the first-page section that follows
            continue
        roles.append(_RoleMap(reader.get_historical_resolver(index)))  # each revision's map is made once
        if index == 0:
            continue
        shown = index + 1 - sum(1 for p in linearized if p <= index)
        if index in linearized:
            out.append(RevisionChanges(index + 1, [], linearization=True, shown=shown))
            continue
        out.append(RevisionChanges(index + 1, _Describer(reader, index, roles[-2], roles[-1]).run(), shown=shown))
    return out

"""Focused patches of citeproc-py 0.11.1 internals, each named after the issue-#5 defect it fixes.

`apply()` installs them once (idempotent). They are written against citeproc-py==0.11.1 (pinned) and kept
small so each could go upstream. The engine writes marks (marks.py) for quotes and rich text;
`postprocess` resolves them into the output format."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from citeproc import model
from citeproc.source import CitationItem, VariableError
from citeproc.source import Name as SourceName
from citeproc.string import MixedString, NoCase, String, join

from zotero_cw.render import marks

_APPLIED = False
_ORIG: dict[str, Any] = {}

# citeproc-js CSL.SKIP_WORDS (the words title case leaves in lower case)
SKIP_WORDS = frozenset(
    "about above across afore after against al along alongside amid amidst among amongst anenst apropos apud "
    "around as aside astride at athwart atop barring before behind below beneath beside besides between beyond "
    "but by circa despite down during et except for forenenst from given in inside into lest like modulo near "
    "next notwithstanding of off on onto out over per plus pro qua sans since than through thru throughout "
    "thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with "
    "within without or yet so and nor a an the de d' von van c ca".split()
)


# --- positions (defects 10, 11 via engine.positions) --------------------------------------------------------

def _position(self: Any, item: Any, context: Any) -> list[bool]:
    """cs:if position=…: the position engine.positions computed with citeproc-js's rules."""
    if context is None:
        context = self
    if context.xpath_search("./ancestor::*[self::cs:bibliography]"):
        return [False]
    pos = item.get("position", 0)
    results = []
    for test in self.get("position").split():
        if test == "first":
            results.append(pos == 0)
        elif test == "subsequent":
            results.append(pos >= 1)
        elif test == "ibid":
            results.append(pos >= 2)
        elif test == "ibid-with-locator":
            results.append(pos == 3)
        elif test == "near-note":
            results.append(pos >= 1 and bool(item.get("near_note")))
        else:
            results.append(False)
    return results


# --- cs:if disambiguate / is-numeric (defects 7, 18) ---------------------------------------------------------

_NUMERIC = re.compile(r"^\s*[A-Za-z]?\d+[A-Za-z]*(?:\s*(?:[-–,&]|and)\s*[A-Za-z]?\d+[A-Za-z]*)*\s*$")


def is_numeric(value: Any) -> bool:
    return bool(_NUMERIC.match(str(value)))


def _if_render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
    results: list[bool] = []
    match = self.get("match", "all")
    if "type" in self.attrib:
        results += self._type(item)
    if "variable" in self.attrib:
        results += self._variable(item)
    if "is-numeric" in self.attrib:
        for v in self.get("is-numeric").split():
            value = (item.locator.identifier if item.has_locator else None) if v == "locator" else _raw(item, v)
            results.append(value is not None and is_numeric(value))
    if "is-uncertain-date" in self.attrib:
        results += self._is_uncertain_date(item)
    if "locator" in self.attrib:
        results += [item.has_locator and loc.replace("-", " ") == item.locator.label
                    for loc in self.get("locator").split()]
    if "position" in self.attrib:
        results += self._position(item, context)
    if "disambiguate" in self.attrib:
        # citeproc-js turns disambiguate="true" tests on one at a time, in rendering order, until the cites
        # differ: the item's level says how many of its tests are true.
        count = item.get("_dcount", 0) + 1
        item["_dcount"] = count
        on = count <= int(item.get("disambiguate") or 0)
        results.append(on == (self.get("disambiguate") == "true"))
    if match == "any":
        ok = any(results)
    elif match == "none":
        ok = not any(results)
    else:
        ok = all(results)
    if not ok:
        raise model.ConditionFailed
    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


def _if_variable(self: Any, item: Any) -> list[bool]:
    out = []
    for var in self.get("variable").split():
        if var == "locator":
            out.append("locator" in item)
        else:
            out.append(_raw(item, var) not in (None, "", []))
    return out


def _raw(item: Any, variable: str) -> Any:
    try:
        return item.reference.get(variable.replace("-", "_"))
    except VariableError:
        return None


# --- substitution suppresses what it substituted (defect 6) --------------------------------------------------

_RECORDING: list[set[str]] = []


def _record(variable: str) -> None:
    for rec in _RECORDING:
        rec.add(variable)


_STATE: dict[str, Any] = {"layout": None}  # the layout rendering now (macros are outside any layout)


def _layout(element: Any) -> Any:
    try:
        return element.get_layout()
    except IndexError:
        return _STATE["layout"]


def _suppressed(element: Any, variable: str) -> bool:
    layout = _layout(element)
    return layout is not None and variable in getattr(layout, "repressed", {}).get("*", ())


def _substitute_render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    layout = _layout(context if context is not None else self)
    for child in self.getchildren():
        rec: set[str] = set()
        _RECORDING.append(rec)
        try:
            if isinstance(child, model.Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except VariableError:
            continue
        finally:
            _RECORDING.pop()
        if text:
            layout.repressed.setdefault("*", set()).update(rec)
            return text
    return None


# --- text variables: marks, suppression, locators ------------------------------------------------------------

def _text_variable(self: Any, item: Any, context: Any) -> Any:
    variable = self.get("variable")
    if _suppressed(context, variable):
        return None
    if self.get("form") == "short":
        short = variable + "-short"
        if short.replace("-", "_") in item.reference and not _suppressed(context, short):
            variable = short
    _record(self.get("variable"))
    if variable.startswith("page"):
        return self._process(item.reference.page, variable)
    if variable == "citation-number":
        return item.number
    if variable == "locator":
        if not item.has_locator:
            raise VariableError
        if item.locator.label == "page" and "-" in str(item.locator.identifier):
            # citeproc-js applies page-range-format to hyphenated page locators (not to en-dash ranges)
            return self._process(String(str(item.locator.identifier)), "page")
        return String(str(item.locator.identifier).replace("-", "–"))
    if variable == "first-reference-note-number":
        if item.get("first_note") is None:
            raise VariableError
        return String(str(item["first_note"]))
    value = item.reference[variable.replace("-", "_")]
    if variable in _NUMBER_VARS and is_numeric(value):  # "12-14" -> "12–14" (defect 16)
        value = String(_RANGE_HYPHEN.sub("\\1–", str(value)))
    return value


_NUMBER_VARS = {n.replace("_", "-") for n in model.NUMBERS} | {"part-number", "supplement-number", "locator"}
_RANGE_HYPHEN = re.compile(r"(\d)\s*-\s*(?=[A-Za-z]?\d)")


def _number_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    variable = self.get("variable")
    if _suppressed(self, variable):
        return None
    _record(variable)
    text = _ORIG["Number.process"](self, item, context=context, **kwargs)
    if text is not None and "-" in str(text):
        text = String(_RANGE_HYPHEN.sub("\\1–", str(text)))
    return text


def _date_process(self: Any, item: Any, variable: Any = None, show_parts: Any = None, context: Any = None,
                  **kwargs: Any) -> Any:
    var = variable or self.get("variable")
    if var and not self.is_locale_date():
        if _suppressed(self, var):
            return None
        _record(var)
    return _ORIG["Date.process"](self, item, variable=variable, show_parts=show_parts, context=context, **kwargs)


# --- quotes (defects 3, 4) -----------------------------------------------------------------------------------

def _quote(self: Any, string: Any) -> Any:
    if self.get("quotes", "false").lower() == "true":
        return marks.OQ + string + marks.CQ
    return string


# --- text-case (defect 17) ----------------------------------------------------------------------------------

_WORD_RE = re.compile(r"(\s+)")
_FIRST_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def _cap_first(word: str) -> str:
    m = _FIRST_LETTER.search(word)
    if not m:
        return word
    i = m.start()
    return word[:i] + word[i].upper() + word[i + 1:]


def title_case(text: str) -> str:
    """citeproc-js title case: lower-case words get a capital unless they are skip words (first word and
    words after a colon, period, ? or ! always do); words with capitals and nocase spans stay as they are."""
    parts = _WORD_RE.split(text)
    out = []
    first = True
    nocase = 0
    for part in parts:
        if not part or part.isspace():
            out.append(part)
            continue
        word = part
        bare = word.strip(marks.ALL + "“”‘’\"'([{")
        if nocase == 0 and bare and bare == bare.lower():
            if first or bare.lower() not in SKIP_WORDS:
                word = _cap_first(word)
        if nocase == 0 and "-" in word:  # citeproc-js title-cases each part of a hyphenated word
            pieces = word.split("-")
            word = "-".join([pieces[0]] + [_cap_first(p) if p and p == p.lower() and p not in SKIP_WORDS else p
                                           for p in pieces[1:]])
        nocase += word.count(marks.NOCASE) - word.count(marks.NOCASE_END)
        first = bool(re.search(r"[:.?!]" + "[" + re.escape(marks.ALL) + "”’]*$", bare + word[-1:]))
        out.append(word)
    return "".join(out)


def _cased(self: Any, text: Any, language: str | None = None) -> Any:
    text_case = self.get("text-case")
    if text_case is None or not text:
        return text
    if text_case == "title":
        if language not in (None, "en"):
            return text
        return _map_text(text, title_case)
    if text_case == "capitalize-first":
        return _map_text(text, _cap_first_plain)
    if text_case == "sentence":
        return _map_text(text, lambda s: _cap_first_plain(s[:1].lower() + s[1:] if s[1:2].islower() else s))
    return _ORIG["TextCased.case"](self, text, language)


def _cap_first_plain(text: str) -> str:
    m = re.match(r"[" + re.escape(marks.ALL) + r"“‘\"'(\[\s]*", text)
    i = m.end() if m else 0
    return text[:i] + text[i:i + 1].upper() + text[i + 1:] if i < len(text) else text


def _map_text(text: Any, fn: Any) -> Any:
    """Apply a str->str function to citeproc-py String / MixedString (NoCase parts left alone)."""
    if isinstance(text, NoCase):
        return text
    if isinstance(text, MixedString):
        plain = str(text)
        if not any(isinstance(p, NoCase) for p in text):
            return String(fn(plain))
        return text
    return type(text)(fn(str(text))) if isinstance(text, String) else String(fn(str(text)))


# --- labels (defects 8, 16) ---------------------------------------------------------------------------------

def _label_process(self: Any, item: Any, variable: Any = None, plural: Any = None, context: Any = None,
                   **kwargs: Any) -> Any:
    if variable is None:
        variable = self.get("variable")
        if variable == "locator":
            if not item.has_locator or _suppressed(self, "locator"):
                return None
        elif _raw(item, variable) in (None, "", []) or _suppressed(self, variable):
            return None
    form = self.get("form", "long")
    plural_option = self.get("plural", "contextual")
    if plural is None:
        plural = _is_plural(self, item, variable)
    if variable == "locator":
        variable = item.locator.label
    term_form = form if form != "long" else None
    if plural_option == "always" or (plural_option == "contextual" and plural):
        return self.get_plural_term(name=variable, form=term_form)
    return self.get_single_term(name=variable, form=term_form)


def _is_plural(self: Any, item: Any, variable: str) -> bool:
    value = item.locator.identifier if variable == "locator" else _raw(item, variable)
    if value is None:
        return False
    if variable.startswith("number-of"):
        digits = re.match(r"\s*(\d+)", str(value))
        return bool(digits) and int(digits.group(1)) > 1
    return bool(re.search(r"\d+\s*(?:[-–,&]|and)\s*\d+", str(value)))


# --- names (defects 1, 2, 6) --------------------------------------------------------------------------------

def _names_process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
    """cs:names: hyphenated variables (container-author…) found, substituted variables suppressed (defect 6),
    a bare cs:names inside cs:substitute takes the outer name/label, editor = translator -> editortranslator."""
    ctx = context if context is not None else self
    if names_context is None and self.name is None:
        outer = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
        if outer:
            names_context = outer[0]
    nc = names_context if names_context is not None else self
    roles = [r for r in self.get("variable").split() if not _suppressed(ctx, r)]
    present = [r for r in roles if item.reference.get(r.replace("-", "_"))]
    ed_trans = ("editor" in present and "translator" in present
                and _name_key(item.reference.get("editor")) == _name_key(item.reference.get("translator"))
                and self.get_term("editortranslator") is not None)
    output = []
    for role in present:
        if ed_trans and role == "translator":
            continue
        _record(role)
        name_elem = nc.name
        if name_elem is None:
            name_elem = model.Name()
            nc.insert(0, name_elem)
        text = name_elem.render(item, role, context=context, **kwargs)
        if isinstance(text, int):
            output.append(text)
            continue
        label_elem = nc.label
        if label_elem is not None and text:
            plural = len(item.reference[role.replace("-", "_")]) > 1
            label = label_elem.render(item, "editortranslator" if ed_trans and role == "editor" else role, plural,
                                      **kwargs)
            if label is not None:
                first_child = nc.getchildren()[0]
                text = label + text if label_elem is first_child else text + label
        output.append(text)
    if output:
        if all(isinstance(o, int) for o in output):
            total = sum(output)
            text = str(total) if total > 0 else None
        else:
            text = self.join([o for o in output if o], self.get_parent_delimiter(context))
    else:
        substitute = self.substitute()
        if substitute is None:
            raise VariableError
        text = substitute.render(item, context=context, **kwargs)
        if text is None:
            raise VariableError
    if text and item.get("_names_out", "") is None:  # first names of a bibliography entry
        item["_names_out"] = str(text)
    return text


def _name_key(names: Any) -> Any:
    return [tuple(sorted(dict(n).items())) for n in names or []]


def _name_process(self: Any, item: Any, variable: str, context: Any = None, sort_options: Any = None,
                  **kwargs: Any) -> Any:
    """Name.process with initialize="false" honoured, static-ordering and literal names."""
    def opt(name: str) -> Any:
        return self.get_option(name, context, sort_options)

    names = item.reference.get(variable.replace("-", "_"), [])
    form = opt("form")
    if form == "count":
        return min(len(names), opt("et-al-use-first")) if opt("et-al-min") and len(names) >= opt("et-al-min") \
            else len(names)
    and_ = opt("and")
    delimiter = opt("delimiter")
    dp_et_al = opt("delimiter-precedes-et-al")
    dp_last = opt("delimiter-precedes-last")
    et_al_min, et_al_first = opt("et-al-min"), opt("et-al-use-first")
    if item.get("position", 0) >= 1 and "et-al-subsequent-min" in _inherited(self, context):
        et_al_min = opt("et-al-subsequent-min")
        et_al_first = opt("et-al-subsequent-use-first")
    initialize_with = opt("initialize-with")
    initialize = (sort_options or {}).get("initialize", self.get("initialize", "true")) != "false"
    sort_order = opt("name-as-sort-order")
    sort_sep = opt("sort-separator")
    demote = opt("demote-non-dropping-particle")

    truncate = len(names) > 1 and et_al_min and len(names) >= et_al_min
    if truncate:
        names = names[:et_al_first]
    output = []
    for i, name in enumerate(names):
        if "literal" in name:
            output.append(String(str(name["literal"])))
            continue
        given, family, dp, ndp, suffix = name.parts()
        family = family or ""
        if given and initialize_with is not None and initialize:
            given = self.initialize(given, initialize_with, context)
        if name.get("static-ordering") or _is_cjk(family):
            text = family if form == "short" else (family + ("" if _is_cjk(family) else " ") + (given or ""))
            output.append(String(text.strip()))
            continue
        if form == "short":
            family = " ".join(n for n in (ndp, family) if n)
            given, family = _name_parts(self, given, family)
            text = family
        elif sort_order == "all" or (sort_order == "first" and i == 0):
            if demote in ("never", "sort-only"):
                family = " ".join(n for n in (ndp, family) if n)
                given = " ".join(n for n in (given, dp) if n)
            else:
                given = " ".join(n for n in (given, dp, ndp) if n)
            given, family = _name_parts(self, given, family)
            text = sort_sep.join(n for n in (family, given, suffix) if n)
        else:
            family = " ".join(n for n in (dp, ndp, family) if n)
            given, family = _name_parts(self, given, family)
            text = " ".join(n for n in (given, family) if n)
            if suffix:
                text += ", " + suffix if name.get("comma-suffix") else " " + suffix
        output.append(String(text))
    if truncate:
        et_al = self.et_al()
        if dp_et_al == "always" or (dp_et_al == "contextual" and len(output) >= 2) or \
                (dp_et_al == "after-inverted-name" and sort_order):
            return join(output + [et_al], delimiter)
        return join(output, delimiter) + " " + et_al
    if len(output) > 1 and and_ is not None:
        and_term = self.get_single_term(name="and") if and_ == "text" else "&"
        text = join(output[:-1], delimiter)
        if dp_last == "always" or (dp_last == "contextual" and len(output) > 2) or \
                (dp_last == "after-inverted-name" and (sort_order == "all" or
                                                       (sort_order == "first" and len(output) == 2))):
            text = text + delimiter
        else:
            text = text + " "
        return text + f"{and_term} " + output[-1]
    return join(output, delimiter)


def _inherited(self: Any, context: Any) -> dict[str, str]:
    parent = (context if context is not None else self).xpath_search(
        "./ancestor::*[self::cs:citation or self::cs:bibliography][1]")[0]
    out = dict(self.get_root().attrib)
    out.update(parent.attrib)
    out.update(self.attrib)
    return out


def _name_parts(self: Any, given: Any, family: Any) -> tuple[Any, Any]:
    for part in self.findall("cs:name-part", self.nsmap):
        given, family = part.format_part(given, family)
    return given, family


def _is_cjk(text: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in text)


# --- citations keep their cites' order (defect 12); ibid capitalized (defect 11) ------------------------------

def _render_citation(self: Any, citation: Any, callback: Any) -> Any:
    _STATE["layout"] = self
    cites = list(citation.cites)
    if self.getparent().sort is not None:
        cites = self.getparent().sort.sort(cites, self)
    out = []
    for item in cites:
        self.repressed = {}
        item["_dcount"] = 0
        try:
            text = self.render_children(item)
        except VariableError:
            continue
        if text is None:
            continue
        prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
        out.append(prefix + text + suffix)
    return self.format(self.wrap(self.join(out)))


def _render_bibliography(self: Any, citation_items: Any) -> list[Any]:
    """Entries in order; `subsequent-author-substitute` (defect 14) replaces a repeated first names output."""
    bib = self.getparent()
    substitute = bib.get("subsequent-author-substitute")
    _STATE["layout"] = self
    out = []
    previous = None
    for item in citation_items:
        self.repressed = {}
        item["_names_out"] = None
        text = self.render_children(item)
        if text is None:
            continue
        text = str(self.format(self.wrap(text)))
        names = item.get("_names_out")
        if substitute is not None and names and names == previous:
            core = names.strip(marks.ALL)
            if core and core in text:
                text = text.replace(core, substitute, 1)
        previous = names
        out.append(text)
    return out


# --- bibliography sort (defect 13): keys cached, compared as citeproc-js/ICU roughly do ------------------------

def sort_text(value: Any) -> str:
    """Primary collation key: marks, quotes and punctuation ignored, accents folded, case folded."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch) and ch not in marks.ALL)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.casefold().split())


def sort_key(value: Any) -> tuple[Any, ...]:
    """Collation key with numbers compared as numbers ("F. 7" < "F. 84" < "F. 413"), like ICU numeric."""
    parts = re.split(r"(\d+)", sort_text(value))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def _sort(self: Any, items: list[Any], context: Any) -> list[Any]:
    keys_per_item: list[list[Any]] = [[] for _ in items]
    for key in self.findall("cs:key", self.nsmap):
        desc = key.get("sort", "ascending").lower() == "descending"
        for i, k in enumerate(key.sort_keys(items, context)):
            if k is None or str(k) == "":
                keys_per_item[i].append((1, "", ""))  # empty keys last
                continue
            s = str(k)
            prim = sort_key(s)
            entry = (0, prim, s.casefold())
            keys_per_item[i].append(_Desc(entry) if desc else entry)
    order = sorted(range(len(items)), key=lambda i: (keys_per_item[i], i))
    return [items[i] for i in order]


class _Desc:
    __slots__ = ("v",)

    def __init__(self, v: Any) -> None:
        self.v = v

    def __lt__(self, other: Any) -> bool:
        return other.v < self.v

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and other.v == self.v


def _key_sort_keys(self: Any, items: list[Any], context: Any) -> list[Any]:
    _STATE["layout"] = context.get_layout()
    out = _ORIG["Key.sort_keys"](self, items, context)
    return [str(k) if k is not None else None for k in out]


def _source_name_init(self: Any, **args: Any) -> None:
    """Accept CSL-JSON name keys citeproc-py does not know (static-ordering, comma-suffix, parse-names)."""
    dict.update(self, args)


# --- speed: citeproc-py re-runs the same XPath queries and structure walks for every cite ----------------------
# Results depend only on the (immutable) style tree, so they are cached per element. The cache holds the element
# itself, which keeps lxml's proxy object (and so its id) alive.

_XPATH: dict[tuple[int, str], tuple[Any, Any]] = {}
_CALLS: dict[tuple[int, type], tuple[Any, bool]] = {}


def _xpath_search(self: Any, expression: str) -> Any:
    key = (id(self), expression)
    hit = _XPATH.get(key)
    if hit is not None and hit[0] is self:
        return hit[1]
    result = self.xpath(expression, namespaces=self.nsmap)
    _XPATH[key] = (self, result)
    return result


def _cached_calls_variable(original: Any) -> Any:
    def calls_variable(self: Any) -> bool:
        key = (id(self), type(self))
        hit = _CALLS.get(key)
        if hit is not None and hit[0] is self:
            return hit[1]
        value = bool(original(self))
        _CALLS[key] = (self, value)
        return value

    return calls_variable


def _reference(self: Any) -> Any:
    """CitationItem.reference, looked up once per cite instead of on every element."""
    ref = dict.get(self, "_ref")
    if ref is None:
        ref = self.citation.bibliography.source[self.key]
        dict.__setitem__(self, "_ref", ref)
    return ref


# CSL 1.0.2 variables citeproc-py 0.11.1 does not know (its lists are shared by source parsing and the model)
CSL_102_NAMES = ["chair", "compiler", "contributor", "curator", "director", "executive_producer", "guest", "host",
                 "narrator", "organizer", "performer", "producer", "reviewed_author", "script_writer",
                 "series_creator", "editor_translator"]
CSL_102_DATES = ["available_date"]
CSL_102_NUMBERS = ["part_number", "printing_number", "supplement_number", "citation_number",
                   "first_reference_note_number"]
CSL_102_STANDARD = ["volume_title", "volume_title_short", "part_title", "reviewed_title", "reviewed_genre",
                    "archive_collection", "division", "event_title", "container_title_short", "title_short",
                    "collection_title_short", "original_title_short", "publisher_place", "archive_place"]


def _extend_variables() -> None:
    import citeproc
    from citeproc import source

    for lst, extra in ((citeproc.NAMES, CSL_102_NAMES), (citeproc.DATES, CSL_102_DATES),
                       (citeproc.NUMBERS, CSL_102_NUMBERS)):
        lst.extend(v for v in extra if v not in lst)
    for v in CSL_102_NAMES + CSL_102_DATES + CSL_102_NUMBERS + CSL_102_STANDARD:
        if v not in citeproc.VARIABLES:
            citeproc.VARIABLES.append(v)
    assert source.VARIABLES is citeproc.VARIABLES


def apply() -> None:
    global _APPLIED
    if _APPLIED:
        return
    _APPLIED = True
    _extend_variables()
    _ORIG["Number.process"] = model.Number.process
    _ORIG["Date.process"] = model.Date.process
    _ORIG["Names.process"] = model.Names.process
    _ORIG["TextCased.case"] = model.TextCased.case
    _ORIG["Key.sort_keys"] = model.Key.sort_keys
    model.If._position = _position
    model.If.render = _if_render
    model.If._variable = _if_variable
    model.Substitute.render = _substitute_render
    model.Text._variable = _text_variable
    model.Number.process = _number_process
    model.Date.process = _date_process
    model.Quoted.quote = _quote
    model.TextCased.case = _cased
    model.Label.process = _label_process
    model.Names.process = _names_process
    model.Name.process = _name_process
    model.Layout.render_citation = _render_citation
    model.Layout.render_bibliography = _render_bibliography
    model.Sort.sort = _sort
    model.Key.sort_keys = _key_sort_keys
    SourceName.__init__ = _source_name_init
    CitationItem.reference = property(_reference)
    model.CitationStylesElement.xpath_search = _xpath_search
    for cls in (model.Parent, model.Text, model.Group, model.Names, model.Label, model.Date, model.Number):
        if "calls_variable" in vars(cls):
            cls.calls_variable = _cached_calls_variable(vars(cls)["calls_variable"])


def attach(style: Any, bib: Any, fmt: str) -> None:
    """Per-render state on the (cached) style tree."""
    style.root.formatter = bib.formatter
    style.root.citation.cites = []


_STRING_SKIP = {"id", "type", "language", "URL", "DOI", "ISBN", "ISSN", "page", "locator"}


_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
_DATES = ("issued", "accessed", "event-date", "original-date", "submitted", "available-date")


def _season(date: dict[str, Any]) -> dict[str, Any]:
    """Seasons as citeproc-js reads them (defect 15): "Spring"/"1" or month 13-16 -> season number."""
    date = dict(date)
    season = date.get("season")
    if isinstance(season, str):
        key = season.strip().lower()
        date["season"] = _SEASONS.get(key, int(key) if key.isdigit() else season)
    parts = date.get("date-parts") or []
    if len(parts) == 1 and len(parts[0]) == 2 and str(parts[0][1]).isdigit() and 13 <= int(parts[0][1]) <= 16:
        date["season"] = int(parts[0][1]) - 12
        date["date-parts"] = [[parts[0][0]]]
    return date


def preprocess_item(item: dict[str, Any]) -> dict[str, Any]:
    """Rich text and straight quotes in fields -> marks; names too (apostrophes); seasons."""
    for key, value in list(item.items()):
        if key in _DATES and isinstance(value, dict):
            item[key] = _season(value)
        elif isinstance(value, str) and key not in _STRING_SKIP:
            item[key] = marks.from_markup(value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for name in value:
                for part in ("family", "given", "literal"):
                    if isinstance(name.get(part), str):
                        name[part] = marks.from_markup(name[part])
    return item


def affix(text: str, *, prefix: bool) -> str:
    """A cite's prefix/suffix with citeproc-js spacing: a space joins words to the cite."""
    text = marks.from_markup(text)
    if prefix and text and text[-1].isalnum():
        return text + " "
    if not prefix and text and (text[0].isalnum() or text[0] in marks.OQ + "(“"):
        return " " + text
    return text


_IBID_START = re.compile("^([" + re.escape(marks.ALL) + "]*)(ibid)")


def postprocess(text: Any, session: Any, *, note: bool) -> str:
    text = str(text)
    if note:
        text = _IBID_START.sub(lambda m: m.group(1) + "Ibid", text)
    piq = str(session.style.root.get_locale_option("punctuation-in-quote") or "false").lower() == "true"
    return marks.finish(text, session.fmt, punctuation_in_quote=piq)

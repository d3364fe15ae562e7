"""Formatting: quotes as marks (nested, punctuation-in-quote resolved at the end), text-case as citeproc-js
does it (title case skip words, hyphenated words, nocase spans), labels (plural by the value, empty
variables print no label), layouts (cites keep their order, subsequent-author-substitute).

Suite fixtures: quotes_Punctuation*, textcase_TitleCapitalization, textcase_StopWord*, label_Plural*,
label_EmptyLabelVanish, bugreports_AllCapsLeakage, sort_CitationNumber*."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import MixedString, NoCase, String

from zotero_cw.render import marks
from zotero_cw.render.disambiguate import suffix_letters
from zotero_cw.render.patches.core import ORIG, STATE, raw, replace, suppressed
from zotero_cw.render.prepare import join_prefix

# citeproc-js CSL.SKIP_WORDS (the words title case leaves in lower case)
SKIP_WORDS = frozenset(
    "about above across afore after against al along alongside amid amidst among amongst anenst apropos apud "
    "around as aside astride at athwart atop barring before behind below beneath beside besides between beyond "
    "but by circa despite down during et except for forenenst from given in inside into lest like modulo near "
    "next notwithstanding of off on onto out over per plus pro qua sans since than through thru throughout "
    "thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with "
    "within without or yet so and nor a an the de d' von van c ca".split()
)


def _quote(self: Any, string: Any) -> Any:
    if self.get("quotes", "false").lower() == "true":
        return marks.OQ + string + marks.CQ
    return string


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
        protected = nocase > 0 or marks.NOCASE in word
        starts_digit = bare[:1].isdigit()
        if not protected and not starts_digit and bare and bare == bare.lower():
            if first or bare.lower() not in SKIP_WORDS:
                word = _cap_first(word)
        if not protected and not starts_digit:  # citeproc-js title-cases each part of "thank-you", "cat/mouse"
            for sep in "-/":
                if sep in word:
                    pieces = word.split(sep)
                    word = sep.join([pieces[0]] + [_cap_first(p) if p and p == p.lower() and p not in SKIP_WORDS
                                                   else p for p in pieces[1:]])
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
        return _map_text(text, sentence_case)
    return ORIG["TextCased.case"](self, text, language)


def sentence_case(text: str) -> str:
    """citeproc-js sentence case: the first letter upper case, every other letter lower case, nocase spans
    (marks.NOCASE … NOCASE_END) as they are."""
    out = []
    depth = 0
    first = True
    for ch in text:
        if ch == marks.NOCASE:
            depth += 1
        elif ch == marks.NOCASE_END:
            depth = max(depth - 1, 0)
        elif ch.isalpha():
            if not depth:
                ch = ch.upper() if first else ch.lower()
            first = False
        out.append(ch)
    return "".join(out)


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


def _label_process(self: Any, item: Any, variable: Any = None, plural: Any = None, context: Any = None,
                   **kwargs: Any) -> Any:
    if variable is None:
        variable = self.get("variable")
        if variable == "locator":
            if not item.has_locator or suppressed(self, "locator"):
                return None
        elif raw(item, variable) in (None, "", []) or suppressed(self, variable):
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
    value = item.locator.identifier if variable == "locator" else raw(item, variable)
    if value is None:
        return False
    if variable.startswith("number-of"):
        digits = re.match(r"\s*(\d+)", str(value))
        return bool(digits) and int(digits.group(1)) > 1
    text = str(value)
    return "\\-" not in text and bool(_PLURAL.search(text) or _ROMAN_RANGE.search(text))


_ROMAN_RANGE = re.compile(r"\b[ivxlcdm]+\s*[-–]\s*[ivxlcdm]+\b", re.I)  # "i–ix", "XXV-XXVIII"
# two numbers joined by a range, a comma, "&", "and" or a localized "and" ("S213–S235", "213, and 235", "1 et 2")
_PLURAL = re.compile(r"\d[A-Za-z]*\s*(?:[-–—,&+]\s*(?:[^\W\d_]+\.?\s+)?|\s+[^\W\d_]+\.?\s+)[^\W\d_]*\d")


def _render_citation(self: Any, citation: Any, callback: Any) -> Any:
    STATE["layout"] = self
    cites = list(citation.cites)
    if self.getparent().sort is not None:
        cites = self.getparent().sort.sort(cites, self)
    rendered = []  # (item, text, names printed first)
    for item in cites:
        self.repressed = {}
        item["_dcount"] = 0
        item["_suffix_done"] = False
        item["_names_out"] = None
        try:
            text = self.render_children(item)
        except VariableError:
            continue
        if text is None:
            continue
        rendered.append((item, str(text), item.get("_names_out")))
    collapse = self.getparent().get("collapse")
    if collapse in ("year", "year-suffix", "year-suffix-ranged") and len(rendered) > 1:
        return self.format(self.wrap(_collapsed(self, rendered, collapse)))
    if collapse == "citation-number" and len(rendered) > 2 and \
            all(isinstance(i.number, int) and not i.get("prefix") and not i.get("suffix") for i, _, _ in rendered):
        return self.format(self.wrap(_number_ranges(self, rendered)))
    out = []
    for item, text, _ in rendered:
        prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
        out.append(join_prefix(str(prefix), text) + suffix if prefix else text + suffix)
    return self.format(self.wrap(self.join(out)))


def _collapsed(layout: Any, rendered: list[tuple[Any, str, Any]], collapse: str) -> str:
    """collapse="year" / "year-suffix" (citeproc-js): cites by the same names are grouped, the names printed
    once ("Doe 2000a, b; 2001"); cite-group-delimiter between cites of a group, year-suffix-delimiter between
    suffixes of one year, after-collapse-delimiter after a group."""
    citation = layout.getparent()
    delimiter = layout.get("delimiter", "")
    group_delim = citation.get("cite-group-delimiter", ", ")
    suffix_delim = citation.get("year-suffix-delimiter", citation.get("cite-group-delimiter", delimiter))
    after_delim = citation.get("after-collapse-delimiter", delimiter)
    groups: list[list[tuple[Any, str, Any]]] = []
    for entry in rendered:  # cites with the same names move up to the first of them
        names = entry[2]
        same = next((g for g in groups if names and g[0][2] == names), None)
        if same is not None and not entry[0].get("prefix") and not entry[0].get("suffix"):
            same.append(entry)
        else:
            groups.append([entry])
    parts: list[tuple[str, str]] = []  # (text, delimiter after it)
    for group in groups:
        first_item, first_text, names = group[0]
        pieces = [_affixed(first_item, first_text)]
        seps: list[str] = []
        prev_year = _year(first_item)
        prev_locator = first_item.has_locator
        for item, text, _ in group[1:]:
            rest = text[text.find(names) + len(names):] if names and names in text else text
            rest = rest.lstrip(" ," + marks.IT_END + marks.BD_END + marks.SC_END)  # the names' own closing marks
            year = _year(item)
            if collapse != "year" and item.get("_suffix") and year is not None and year == prev_year:
                pieces.append(suffix_letters(item["_suffix"]))
                seps.append(suffix_delim)
            else:
                pieces.append(rest)
                seps.append(after_delim if prev_locator else group_delim)
            prev_year = year
            prev_locator = item.has_locator
        if collapse == "year-suffix-ranged":
            pieces, seps = _ranged(group, pieces, seps, suffix_delim)
        text = pieces[0] + "".join(sep + piece for sep, piece in zip(seps, pieces[1:], strict=True))
        parts.append((text, after_delim if len(group) > 1 else delimiter))
    out = ""
    for i, (text, after) in enumerate(parts):
        out += text + (after if i < len(parts) - 1 else "")
    return out


def _ranged(group: list[tuple[Any, str, Any]], pieces: list[str], seps: list[str], suffix_delim: str
            ) -> tuple[list[str], list[str]]:
    """Runs of suffix-only pieces (and the suffix that opens them) become ranges: "2000a", "b", "c" -> "2000a–c"."""
    out_p: list[str] = [pieces[0]]
    out_s: list[str] = []
    i = 1
    while i < len(pieces):
        if seps[i - 1] == suffix_delim and pieces[i].isalpha():
            j = i
            letters = [group[i - 1][0].get("_suffix") or 0]
            while j < len(pieces) and seps[j - 1] == suffix_delim and pieces[j].isalpha():
                letters.append(group[j][0].get("_suffix") or 0)
                j += 1
            ranged = _suffix_ranges(letters)
            head = out_p[-1]
            first = suffix_letters(letters[0])
            if ranged and head.endswith(first) and "–" in ranged[0] and ranged[0].startswith(first):
                out_p[-1] = head[: len(head) - len(first)] + ranged[0]
                rest = ranged[1:]
            else:
                rest = ranged[1:]
            for r in rest:
                out_s.append(suffix_delim)
                out_p.append(r)
            i = j
        else:
            out_s.append(seps[i - 1])
            out_p.append(pieces[i])
            i += 1
    return out_p, out_s


def _as_ranges(items: list[Any], follows: Callable[[Any, Any], bool], show: Callable[[Any], Any]) -> list[Any]:
    """Runs of three or more items, each following the one before (`follows(before, item)`), shown as a range
    (`show` of its first and last joined by an en dash), the other items one by one."""
    runs: list[list[Any]] = []
    for item in items:
        if runs and follows(runs[-1][-1], item):
            runs[-1].append(item)
        else:
            runs.append([item])
    out = []
    for run in runs:
        if len(run) >= 3:
            out.append(show(run[0]) + "–" + show(run[-1]))
        else:
            out.extend(show(item) for item in run)
    return out


def _number_ranges(layout: Any, rendered: list[tuple[Any, str, Any]]) -> str:
    """collapse="citation-number": three or more consecutive numbers as a range ("[1]–[3], [5]")."""
    parts = _as_ranges(rendered, lambda before, entry: entry[0].number == before[0].number + 1
                    and not entry[0].has_locator and not before[0].has_locator, lambda entry: entry[1])
    return layout.get("delimiter", "").join(parts)


def _suffix_ranges(letters: list[int]) -> list[str]:
    """year-suffix-ranged: runs of three or more suffixes as a range ("a–e")."""
    return _as_ranges(letters, lambda before, n: n == before + 1, suffix_letters)


def _affixed(item: Any, text: str) -> str:
    prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
    return (join_prefix(str(prefix), text) if prefix else text) + suffix


def _year(item: Any) -> Any:
    date = item.reference.get("issued")
    return getattr(date, "year", None)


def _render_bibliography(self: Any, citation_items: Any) -> list[Any]:
    """Entries in order; `subsequent-author-substitute` (defect 14) replaces a repeated first names output."""
    bib = self.getparent()
    substitute = bib.get("subsequent-author-substitute")
    STATE["layout"] = self
    out = []
    previous = None
    for item in citation_items:
        self.repressed = {}
        item["_names_out"] = None
        item["_dcount"] = 0
        item["_suffix_done"] = False
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


def install() -> None:
    replace(model.Quoted, "quote", _quote)
    replace(model.TextCased, "case", _cased)
    replace(model.Label, "process", _label_process)
    replace(model.Layout, "render_citation", _render_citation)
    replace(model.Layout, "render_bibliography", _render_bibliography)

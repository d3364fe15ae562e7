"""cs:names / cs:name: hyphenated variables, substitution suppresses names, editor = translator ->
editortranslator, initialize="false", static-ordering and CJK names family first, literal names, et-al.

Suite fixtures: name_EtAlUseLast, name_InitialsInitializeFalse*, name_StaticParticles, name_LiteralWithComma,
nameattr_*, name_AsianGlyphs, substitute_SuppressOrdinaryVariable."""

from __future__ import annotations

import re
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String, join

from zotero_cw.render.disambiguate import person
from zotero_cw.render.patches.core import record, replace, suppressed


def _names_process(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
    """cs:names: hyphenated variables (container-author…) found, substituted variables suppressed (defect 6),
    a bare cs:names inside cs:substitute takes the outer name/label, editor = translator -> editortranslator."""
    ctx = context if context is not None else self
    if names_context is None and self.name is None:
        outer = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names[1]")
        if outer:
            names_context = outer[0]
    nc = names_context if names_context is not None else self
    roles = [r for r in self.get("variable").split() if not suppressed(ctx, r)]
    present = [r for r in roles if item.reference.get(r.replace("-", "_"))]
    ed_trans = ("editor" in present and "translator" in present
                and _name_key(item.reference.get("editor")) == _name_key(item.reference.get("translator"))
                and _term_text(self.get_term("editortranslator")) != "")
    output = []
    for role in present:
        if ed_trans and role == "translator":
            continue
        record(role)
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


_GIVEN_TOKEN = re.compile(r"([^\s.]+)(\.?)")


def initialize_given(given: str, mark: str, *, initialize: bool = True, hyphen: bool = True) -> str:
    """Given names with initialize-with as citeproc-js writes them: "John M.E." -> "J. M. E." (mark ". "),
    "J M E" (" "), "JME" (""); abbreviations the data already has ("Ph.", "Me.") are kept; with
    initialize="false" whole names stay and only the initials are normalised ("John M. E."); particles
    ("de") are kept; hyphenated names keep the hyphen ("J.-P.")."""
    parts = given.split("-") if hyphen else [given.replace("-", " ")]
    out = []
    for part in parts:
        text = ""
        for word, period in _GIVEN_TOKEN.findall(part):
            if word[:1].islower():  # a particle
                text += ("" if not text or text.endswith(" ") else " ") + word + " "
            elif period or len(word) == 1:  # an initial or an abbreviation the data already has
                text += word + mark
            elif initialize:
                text += word[0] + mark
            else:
                text += ("" if not text or text.endswith(" ") else " ") + word + " "
        out.append(text.rstrip())
    return ("-" if hyphen else " ").join(p.replace(" -", "-") for p in out if p)


def _join_name(*parts: Any) -> Any:
    """Particles and family name: a particle ending in an apostrophe or hyphen joins without a space
    ("d’Jones", "al-One"); a straight apostrophe becomes ’ (citeproc-js)."""
    out = ""
    for part in parts:
        if not part:
            continue
        text = str(part)
        if text.endswith("'"):
            text = text[:-1] + "’"
        out += text if not out or out.endswith(("’", "-")) else " " + text
    return out if out else parts[-1]


def _term_text(term: Any) -> str:
    return "" if term is None else str(term.single or "").strip()


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

    dis = item.get("_dis")  # cite disambiguation (render/disambiguate.py): names added, given names shown
    truncate = len(names) > 1 and et_al_min and len(names) >= et_al_min
    if truncate and dis is not None and dis.names:
        et_al_first += dis.names
        truncate = et_al_first < len(names)
    use_last = None
    if truncate:
        if str(opt("et-al-use-last")).lower() == "true" and len(names) >= et_al_first + 2:
            use_last = names[-1]  # "A, B, … Z" (citeproc-js: needs at least two names left out)
        names = names[:et_al_first]

    def one(i: int, name: Any) -> Any:
        if "literal" in name:  # formatted as a family name (citeproc-js)
            return _name_parts(self, None, String(str(name["literal"])))[1]
        given, family, dp, ndp, suffix = name.parts()
        level = dis.given.get(person(name)) if dis else None
        family = family or ""
        name_form = form
        if level and form == "short":  # disambiguation shows the given name (initials first, if styled so)
            name_form = "long"
        if given and initialize_with is not None and not (level and level >= 2) and \
                not (level and form != "short"):
            given = initialize_given(str(given), initialize_with, initialize=initialize,
                                     hyphen=bool(opt("initialize-with-hyphen")))
        if name.get("static-ordering") or _is_cjk(family):
            text = family if name_form == "short" else (family + ("" if _is_cjk(family) else " ") + (given or ""))
            return String(text.strip())
        if name_form == "short":
            family = _join_name(ndp, family)
            given, family = _name_parts(self, given, family)
            text = family
        elif sort_order == "all" or (sort_order == "first" and i == 0):
            if demote in ("never", "sort-only"):
                family = _join_name(ndp, family)
                given = " ".join(n for n in (given, dp) if n)
            else:
                given = " ".join(n for n in (given, dp, ndp) if n)
            given, family = _name_parts(self, given, family)
            text = sort_sep.join(n for n in (family, given, suffix) if n)
        else:
            family = _join_name(dp, ndp, family)
            given, family = _name_parts(self, given, family)
            text = " ".join(n for n in (given, family) if n)
            if suffix:
                text += ", " + suffix if name.get("comma-suffix") else " " + suffix
        return String(text)

    output = [one(i, name) for i, name in enumerate(names)]
    if use_last is not None:
        last = one(len(names) + 1, use_last)
        return join(output, delimiter) + delimiter + "… " + last
    if truncate:
        et_al = self.et_al()
        if et_al is None or str(et_al) in ("", "None"):  # an empty "et-al" / "and others" term
            return join(output, delimiter)
        if dp_et_al == "always" or (dp_et_al == "contextual" and len(output) >= 2) or \
                (dp_et_al == "after-inverted-name" and (sort_order == "all" or
                                                        (sort_order == "first" and len(output) == 1))):
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


def install() -> None:
    replace(model.Names, "process", _names_process)
    replace(model.Name, "process", _name_process)

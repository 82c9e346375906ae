"""Name fields that hold more than a name: several names, or an editor's annotation (pure).

The UN list writes some aliases as one value of several spellings ("Husain Salimi; Hosain
Salimi; Hussain Salimi"), and the UN and Australian lists add editorial notes to names:
"Mohamed Aouani (formerly listed as)", "Merai Zoghbai (previously listed as, in Arabic:
مرعي زغبي)", "EL PARA (COMBAT NAME)", "Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953
(Oman passport no. ...)". Kept as one name, such a value meets no spelling of the person:
a screened "Hossein Salimi" is two words of a name of sixteen. `split_name_value` returns
the names in it and the annotation it dropped, which the parsers keep in `notes`.

Only editorial notes go: a bracket holding an acronym or another spelling (DAEDONG CREDIT
BANK (DCB), Lom-ali Butayev (Butaev)) is part of the name, which the matcher reads both
with and without it.
"""

from __future__ import annotations

import re

from sanctio.model import EntityBuilder

#: A trailing bracket that is an editor's note: how or when the name was listed, what kind
#: of name it is, an identity document. Named phrases only: a bracket may hold a
#: translation or a sub-unit's name, which is a name ("Levantine Mujahideen ...").
_NOTE = re.compile(
    r"\s*\((?P<note>[^()]*?(?:listed as|birth name|combat name|nom de guerre|initials"
    r"|false identity|passport|original script)[^()]*)\)\s*$",
    re.IGNORECASE,
)
#: "..., born 1 Jan. 1953", "..., born in Kandahar on 01 Jan.1967": a birth note (one that
#: holds no bracket or list, where other names may follow).
_BORN = re.compile(r",\s*born\b[^();]*$", re.IGNORECASE)
#: The other script's form a note gives: "in Arabic: مرعي زغبي", "original script: Абу",
#: "هيئة تحرير الشام: original script".
_IN_SCRIPT = re.compile(
    r"\b(?:in [a-z]+|original script)\s*:\s*(?P<name>.+?)\s*$"
    r"|^(?P<before>[^:]+?)\s*:\s*original script$",
    re.IGNORECASE,
)
#: A bracket listing other spellings: "حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)".
_SPELLINGS = re.compile(r"\s*\((?P<names>[^()]*;[^()]*)\)")


def split_name_value(value: str) -> tuple[list[str], list[str]]:
    """(the names in a name field, the editorial notes dropped from it)."""
    names: list[str] = []
    notes: list[str] = []
    parts = _SPELLINGS.sub("", value).split(";")
    for spellings in _SPELLINGS.finditer(value):
        parts += spellings.group("names").split(";")
    for part in parts:
        found = [part.strip()]
        note = _NOTE.search(found[0])
        if note is not None:
            text = note.group("note").strip()
            notes.append(text)
            found[0] = found[0][: note.start()].strip()
            other = _IN_SCRIPT.search(text)
            if other is not None:
                found.append(other.group("name") or other.group("before"))
        born = _BORN.search(found[0])
        if born is not None:
            notes.append(born.group(0).lstrip(", "))
            found[0] = found[0][: born.start()].strip()
        names += [n for n in found if any(ch.isalnum() for ch in n) and n not in names]
    return names, notes


def add_name_value(b: EntityBuilder, prop: str, value: str) -> None:
    """Add a name field's names to `prop` (a primary name's other names as aliases) and
    its editorial notes to `notes` (see `split_name_value`)."""
    names, notes = split_name_value(value)
    if not names:
        return
    b.add(prop, names[0])
    b.add("alias" if prop == "name" else prop, *names[1:])
    b.add("notes", *(f"{names[0]}: {note}" for note in notes))

"""Extra Chinese and Korean customers (class `faker-cjk`) for issue 15's short-name alerts.

The 24-locale Faker mix holds about 100 Chinese and 100 Korean persons in a full run (10 in
the quick look): too few to see the false alerts of short names, so these come on top, 200
per language by default, and are left out of the false-alert thresholds (the thresholds
stay set on the same mix as before). Chinese ones are half zh_CN and half zh_TW, half of
them two-character names (a family name and a one-syllable given name: the common false
alert against a listed three-syllable name holding both syllables). Half are written in
their own script, half romanised as customers write them (Wang Xiuying, Xiuying Wang,
WANG Xiu Ying; Kim Minjun, Kim Min-jun, Kim Min Jun).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from faker import Faker
from normality import ascii_text

from quality.cases import Case

CLASS = "faker-cjk"
#: Customary Latin spellings of the commonest Korean family names (ICU writes 김 "gim",
#: 이 "i", 박 "bag"); others are romanised by ICU.
KOREAN_FAMILY: dict[str, str] = {
    "김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung", "강": "Kang",
    "조": "Cho", "윤": "Yoon", "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh",
    "서": "Seo", "신": "Shin", "권": "Kwon", "황": "Hwang", "안": "Ahn", "송": "Song",
    "류": "Ryu", "전": "Jeon", "홍": "Hong", "고": "Ko", "문": "Moon", "양": "Yang",
}  # fmt: skip
#: Locale -> nationality a customer of that locale would give.
NATIONALITY: dict[str, str] = {"zh_CN": "cn", "zh_TW": "tw", "ko_KR": "kr"}

#: name, schema, birth date, nationality, locale, origin -> a case (None: a listed name).
MakeCase = Callable[[str, str, str | None, str | None, str, str], Case | None]


def _syllables(text: str) -> list[str]:
    return [(ascii_text(ch) or ch).lower() for ch in text if ch.strip()]


def _romanised(family: list[str], given: list[str], rng: random.Random, korean: bool) -> str:
    fam = family[0].capitalize() if family else ""
    joined = "".join(given).capitalize()
    if korean and len(given) > 1 and rng.random() < 0.5:
        joined = "-".join(given).capitalize()
    style = rng.random()
    if style < 0.5:
        return f"{fam} {joined}"
    if style < 0.75:
        return f"{joined} {fam}"
    return f"{fam.upper()} {' '.join(g.capitalize() for g in given)}"


class CjkCustomers:
    """Draws the extra customers deterministically, apart from the main mix's draws."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in NATIONALITY}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed + i)

    def _details(self, loc: str) -> tuple[str | None, str | None]:
        if self.rng.random() < 0.5:
            return None, None
        day = dt.date(1940, 1, 1).toordinal() + self.rng.randrange(60 * 365)
        return dt.date.fromordinal(day).isoformat(), NATIONALITY[loc]

    def chinese(self, loc: str) -> tuple[str, str]:
        fake = self.fakers[loc]
        family = fake.last_name()
        given = fake.first_name()
        two = self.rng.random() < 0.5
        given = given[:1] if two else (given if len(given) == 2 else given + fake.first_name()[:1])
        origin = "two-character" if two else "three-character"
        if self.rng.random() < 0.5:
            return family + given, f"{origin} native"
        name = _romanised(_syllables(family), _syllables(given), self.rng, korean=False)
        return name, f"{origin} romanised"

    def korean(self) -> tuple[str, str]:
        fake = self.fakers["ko_KR"]
        family, given = fake.last_name(), fake.first_name()
        if self.rng.random() < 0.5:
            return family + given, "native"
        fam = [KOREAN_FAMILY[family].lower()] if family in KOREAN_FAMILY else _syllables(family)
        return _romanised(fam, _syllables(given), self.rng, korean=True), "romanised"

    def build(self, per_language: int, make: MakeCase) -> list[Case]:
        """`per_language` Chinese and as many Korean customers (fewer if many are listed)."""
        out: list[Case] = []
        for lang in ("zh", "ko"):
            got = tries = 0
            while got < per_language and tries < per_language * 5:
                tries += 1
                loc = ("zh_CN" if got % 2 == 0 else "zh_TW") if lang == "zh" else "ko_KR"
                name, origin = self.chinese(loc) if lang == "zh" else self.korean()
                dob, nat = self._details(loc)
                made = make(" ".join(name.split()), "Person", dob, nat, loc, origin)
                if made is not None:
                    out.append(made)
                    got += 1
        return out

"""Ranking on the real OFAC SDN lists (read with the committed OFAC CSV reader)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanctio.index import NameIndex
from sanctio.screening.query import Query
from sanctio.screening.screen import Screener
from sanctio.sources.ofac.csv_reader import READER


def _screener(lists_dir: Path, date: str) -> Screener:
    folder = lists_dir / "ofac-sdn" / date
    entities = READER.read(sorted(folder.glob("*.csv")), "ofac-sdn").entities
    return Screener(NameIndex.build(entities, versions={"ofac-sdn": date}))


@pytest.fixture(scope="module")
def sdn_2024(lists_dir: Path) -> Screener:
    return _screener(lists_dir, "2024-05-03")


@pytest.fixture(scope="module")
def sdn_2021(lists_dir: Path) -> Screener:
    return _screener(lists_dir, "2021-07-07")


def test_cyrillic_lukashenko_finds_ofac_lukashenka_with_aliases(sdn_2021: Screener) -> None:
    result = sdn_2021.screen(Query.create("Лукашенко Александр Григорьевич"))
    top = result.results[0]
    assert top.entity_id == "ofac-sdn:9760" and top.match
    assert "LUKASHENKA" in top.caption


def test_cyrillic_lukashenko_finds_2024_entry_without_aliases(sdn_2024: Screener) -> None:
    top = sdn_2024.screen(Query.create("Лукашенко Александр Григорьевич")).results[0]
    assert top.entity_id == "ofac-sdn:9760" and top.match


def test_vladimir_putin_ranks_putin_first_and_nothing_else_matches(sdn_2024: Screener) -> None:
    result = sdn_2024.screen(Query.create("Vladimir Putin"), limit=20)
    assert result.results[0].entity_id == "ofac-sdn:35096"
    assert [h.entity_id for h in result.matches] == ["ofac-sdn:35096"]
    others = [h for h in result.results[1:] if h.schema in ("Vessel", "LegalEntity")]
    assert all(h.score < result.threshold for h in others)


def test_common_false_alerts_stay_below_threshold(sdn_2024: Screener) -> None:
    assert not sdn_2024.screen(Query.create("George Bush")).matches
    assert not sdn_2024.screen(Query.create("CORP")).matches
    assert not sdn_2024.screen(Query.create("LLC")).matches


def test_a_shared_chinese_surname_is_not_a_match(sdn_2024: Screener) -> None:
    # Real weights: 为 "wei" and και "kai" once counted as stop words, so Zhang Kai met
    # ZHANG, Wei (ofac-sdn:45391) at 0.95 on the surname alone.
    hits = {
        h.entity_id: h for h in sdn_2024.screen(Query.create("Zhang Kai", schema="Person")).results
    }
    assert "ofac-sdn:45391" not in hits or not hits["ofac-sdn:45391"].match
    top = sdn_2024.screen(Query.create("Zhang Wei", schema="Person")).results[0]
    assert top.entity_id == "ofac-sdn:45391" and top.match


def test_a_trailing_particle_is_a_given_name(sdn_2024: Screener) -> None:
    # "bin" ties the next word to a name ("bin Laden"); ending the name, it is one:
    # Liu Bin met LIU, Baoxia (ofac-sdn:22683) at 0.83 on the surname alone.
    for name in ("Liu Bin", "刘斌"):
        result = sdn_2024.screen(Query.create(name, schema="Person"))
        assert not [h for h in result.matches if h.entity_id == "ofac-sdn:22683"], name


def test_a_particle_in_a_name_of_syllables_is_a_syllable(sdn_2024: Screener) -> None:
    # Leading the name too: in a name of Chinese or Korean syllables, bin (斌), de (德),
    # do (도) are syllables of the name. Bin Liu met LIU, Baoxia at 0.83.
    result = sdn_2024.screen(Query.create("Bin Liu", schema="Person"))
    assert not [h for h in result.matches if h.entity_id == "ofac-sdn:22683"]
    # ... and in an Arabic name bin is still "son of": Usama bin Laden finds him.
    top = sdn_2024.screen(Query.create("Usama bin Laden", schema="Person")).results[0]
    assert "BIN LADIN" in top.caption.upper() and top.match


def test_typo_and_order_still_find_the_entry(sdn_2024: Screener) -> None:
    for name in ("Putin Vladimir", "Vladimir Puttin", "V. Putin", "PUTIN, Vladimir"):
        top = sdn_2024.screen(Query.create(name, schema="Person")).results[0]
        assert top.entity_id == "ofac-sdn:35096", name


@pytest.mark.parametrize(
    ("query", "schema", "entity_id"),
    [
        ("معمر القذافي", "Person", "ofac-sdn:12606"),  # QADHAFI, Muammar
        ("أسامة بن لادن", "Person", "ofac-sdn:6365"),  # BIN LADIN, Usama
        ("بانک ملت", "Organization", "ofac-sdn:25019"),  # BANK MELLAT
        ("سپاه پاسداران انقلاب اسلامی", "Organization", "ofac-sdn:10391"),  # IRGC
    ],
)
def test_arabic_script_names_find_their_latin_only_ofac_entries(
    sdn_2021: Screener, query: str, schema: str, entity_id: str
) -> None:
    # OFAC writes these names in Latin letters only: the query meets them through the
    # consonants its spellings must share (normalize.abjad), not through a listed script.
    top = sdn_2021.screen(Query.create(query, schema=schema)).results[0]
    assert top.entity_id == entity_id and top.match, (query, top)


def test_bank_mellat_in_persian_is_not_bank_melli(sdn_2021: Screener) -> None:
    result = sdn_2021.screen(Query.create("بانک ملت", schema="Organization"), limit=10)
    scores = {h.caption: h.score for h in result.results}
    assert scores["BANK MELLAT"] > scores.get("BANK MELLI IRAN", 0.0)


def test_a_listed_name_contained_in_a_longer_query_alerts(sdn_2021: Screener) -> None:
    # OFAC gives AL-RIMI, Qasim; the customer record gives his full name. Every listed
    # word pairs, so the query's other names cost half (match.rules.EXTRA_QUERY_COVERED).
    for query in ("Qasim Muhammad Mahdi al-Rimi", "قاسم محمد مهدي الريمي"):
        top = sdn_2021.screen(Query.create(query, schema="Person")).results[0]
        assert top.entity_id == "ofac-sdn:11982" and top.match, (query, top)


def test_a_three_word_name_is_not_contained_in_by_a_two_word_listed_one(
    sdn_2021: Screener,
) -> None:
    # Kim Yeong Hwan is not KIM Yong or KIM Song: the rule needs four query words.
    assert not sdn_2021.screen(Query.create("Kim Yeong Hwan", schema="Person")).matches


def test_a_two_character_chinese_name_is_not_a_near_spelling_of_a_listed_one(
    sdn_2024: Screener,
) -> None:
    # 宋兵 Song Bing is not SONG, Jing, 张刚 Zhang Gang not ZHENG, Guanghua: one letter
    # of a syllable is another character (normalize.syllables).
    for query in ("宋兵", "Song Bing", "张刚"):
        assert not sdn_2024.screen(Query.create(query, schema="Person")).matches, query


def test_a_chinese_given_name_syllable_the_query_lacks_counts_in_full(sdn_2024: Screener) -> None:
    # "Li Yu" pairs both words of LI, Cheng Yu, but "Cheng" is half of another given
    # name, not a middle name: it no longer scores 0.91 (PreparedName.syllabic).
    result = sdn_2024.screen(Query.create("Li Yu", schema="Person"), limit=5)
    hits = {h.caption: h.score for h in result.results}
    assert hits["LI, Cheng Yu"] < 0.8


def test_arabic_script_words_pair_on_their_consonants_not_on_edits(sdn_2024: Screener) -> None:
    # کرمانی (KERMANI) is one edit from KARIMIAN's letters once its vowels are gone
    # (`krmany`), but not its consonants in order with the long vowel where OFAC's
    # spelling writes it: no alert. مصطفى (final alif maqsura: -a) is MOUSTFA.
    assert not sdn_2024.screen(Query.create("محمد کرمانی", schema="Person")).matches
    top = sdn_2024.screen(Query.create("جمال مصطفى", schema="Person")).results[0]
    assert top.entity_id == "ofac-sdn:7944" and top.match, top


@pytest.mark.parametrize(
    ("query", "entity_id"),
    [
        ("علی اصغر نوروزی", "ofac-sdn:40604"),  # NOROUZI, Aliasghar: a compound given name
        ("مرتضی پیری", "ofac-sdn:39680"),  # PIRI, Morteza: ض is Z in Persian
        ("فضل رحيم", "ofac-sdn:12923"),  # RAHIM, Fazal
    ],
)
def test_persian_compounds_and_emphatic_letters_meet_ofac_spellings(
    sdn_2024: Screener, query: str, entity_id: str
) -> None:
    top = sdn_2024.screen(Query.create(query, schema="Person")).results[0]
    assert top.entity_id == entity_id and top.match, (query, top)


@pytest.mark.parametrize(
    ("query", "entity_id"),
    [
        # The UK's translations of Russian names against OFAC's transliterations: the
        # generic words differ (plant / zavod, machine building / mashinostroitelnyi),
        # the distinctive word carries the match (normalize.org_words).
        ("JSC VOTKINSK MACHINE BUILDING PLANT", "ofac-sdn:41002"),  # VOTKINSKIY ZAVOD
        ("PJSC MAGNITOGORSK METALLURGICAL PLANT", "ofac-sdn:37998"),
        ("OTKRYTOE AKTSIONERNOE OBSCHESTVO MASHINOSTROITELNYI ZAVOD ARSENAL", "ofac-sdn:44038"),
    ],
)
def test_the_distinctive_word_of_a_descriptive_name_carries_the_match(
    sdn_2024: Screener, query: str, entity_id: str
) -> None:
    top = sdn_2024.screen(Query.create(query, schema="Company"), limit=5).results[0]
    assert top.entity_id == entity_id, (query, top)


def test_companies_sharing_only_generic_words_rank_below_the_named_one(
    sdn_2024: Screener,
) -> None:
    # ARSENAL MACHINE BUILDING PLANT, not another plant or another ARSENAL's generic words.
    result = sdn_2024.screen(
        Query.create("JSC MACHINE- BUILDING PLANT ARSENAL", schema="Company"), limit=10
    )
    assert result.results[0].entity_id == "ofac-sdn:44038"
    plants = [h for h in result.results if "ARSENAL" not in h.caption]
    assert all(h.score < result.threshold for h in plants)
    # Names of generic words only still match each other (RECONNAISSANCE GENERAL BUREAU).
    top = sdn_2024.screen(Query.create("Reconnaissance General Bureau")).results[0]
    assert top.caption == "RECONNAISSANCE GENERAL BUREAU" and top.match


def test_a_one_word_company_query_alerts_only_on_a_name_it_covers(sdn_2024: Screener) -> None:
    def hits(query: str) -> dict[str, bool]:
        result = sdn_2024.screen(Query.create(query, schema="Company"), limit=10)
        return {h.caption: h.match for h in result.results}

    # Another distinctive word the query lacks: GAZPROM NEDRA, VEKTOR ETALON, MEHR
    # EQTESAD BANK merely contain the query's word (all alerted before, at 0.71-0.79).
    assert not hits("GAZPROM LLC")["LIMITED LIABILITY COMPANY GAZPROM NEDRA"]
    assert not hits("VEKTOR LLC")["VEKTOR ETALON"]
    assert not hits("EQTESAD LLC")["MEHR EQTESAD BANK"]
    # The query is the listed name's one distinctive word: generic words (leasing
    # company) and acronyms (AO KB NAVIS) beside it are no other word.
    assert hits("KAMAZ LLC")["LEASING COMPANY KAMAZ INCORPORATED"]
    assert hits("NAVIS LLC")["AO KB NAVIS"]


def test_one_misspelt_word_is_little_evidence_of_a_company(sdn_2024: Screener) -> None:
    # Faker customers that met a listed company on one word two edits away, or one in a
    # short word (0.70-0.80 before): MATEAS LIMITED, GAMES UNLIMITED OOD, COSMO RESOURCES
    # (rules.lone_edit_loss).
    for query in ("Matthews Ltd", "Gomes S.A.", "Kosno Sp. z o.o."):
        assert not sdn_2024.screen(Query.create(query, schema="Company")).matches, query
    # A transliteration variant, or one edit in a longer word, still alerts (SETELEM BANK).
    for query in ("Tsetelem Bank", "Cetelem LLC"):
        top = sdn_2024.screen(Query.create(query, schema="Company")).results[0]
        assert top.match and "SETELEM" in top.caption, (query, top)


def test_a_latin_v_is_a_written_waw(sdn_2024: Screener) -> None:
    # مزينة has no و: MVIZION's v cannot be its unwritten vowel (normalize.abjad).
    result = sdn_2024.screen(Query.create("مزينة LLC", schema="Company"), limit=10)
    assert not [h for h in result.results if h.caption == "OOO MVIZION" and h.match]


@pytest.mark.parametrize(
    ("query", "caption"),
    [
        ("CHONG CHON GANG SHIPPING", "CHONGCHONGANG SHIPPING COMPANY LIMITED"),
        ("HONGPANG MINING", "HONG PANG MINING COMPANY LIMITED"),
    ],
)
def test_split_and_joined_words_meet(sdn_2024: Screener, query: str, caption: str) -> None:
    # Without a hyphen: adjacent query words joined into a listed word, a query word
    # split into two listed syllables (match.compounds).
    top = sdn_2024.screen(Query.create(query, schema="Company")).results[0]
    assert top.caption == caption and top.match, (query, top)


def test_an_honorific_in_arabic_or_persian_script_does_not_hide_the_name(
    sdn_2024: Screener,
) -> None:
    # The lists drop "Dr." from AL ZAWAHIRI, Dr. Ayman; a customer record may write it,
    # or Persian's جناب آقای دکتر ("His Excellency Mr. Dr."), in the name's own script.
    for titled, bare, listed in (
        ("الدكتور أيمن الظواهري", "أيمن الظواهري", "AL ZAWAHIRI"),
        ("جناب آقای دکتر علی شمخانی", "علی شمخانی", "SHAMKHANI"),
        ("المهندس علي شمخاني", "علي شمخاني", "SHAMKHANI"),
    ):
        top = sdn_2024.screen(Query.create(titled, schema="Person")).results[0]
        assert listed in top.caption and top.match, titled
        bare_top = sdn_2024.screen(Query.create(bare, schema="Person")).results[0]
        assert top.score == bare_top.score, titled


def test_a_persian_compound_written_apart_meets_the_latin_word(sdn_2024: Screener) -> None:
    # Persian writes موتر سازی (motor-building) apart; OFAC writes MOTORSAZI.
    found = sdn_2024.screen(Query.create("شرکت صنایح موتر سازی الوند", schema="Company"))
    top = found.results[0]
    assert "MOTORSAZI ALVAND" in top.caption and top.match
    assert "mwtrsazy~motorsazi" in top.features[0].detail


def test_a_query_headed_by_sheikh_meets_a_listed_name_without_it(sdn_2024: Screener) -> None:
    # The lists record Sheikh as a title, and hold it as a name more often: a customer's
    # "Sheikh" is read with and without it.
    top = sdn_2024.screen(Query.create("Sheikh Shafi AL-AJMI", schema="Person")).results[0]
    assert "AL-AJMI, Shafi" in top.caption and top.match
    held = sdn_2024.screen(Query.create("Sheikh Ahmed Yassin", schema="Person")).results[0]
    assert "YASSIN, Sheik Ahmed" in held.caption and held.match

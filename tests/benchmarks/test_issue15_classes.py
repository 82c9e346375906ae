"""Issue 15's benchmark classes: Arabic-script queries against Latin records only, Latin
spelling families of Arabic names, extra Chinese and Korean customers per locale."""

from __future__ import annotations

from quality import arabic, markdown
from quality.cases import Case
from quality.cjk_negatives import CjkCustomers
from quality.harness import CaseResult
from quality.metrics import Outcome
from quality.positives import PositiveBuilder
from quality.report import locale_groups, metrics_table
from sanctio.model import Entity, EntityBuilder


def _entity(source: str, native: str, schema: str, *names: str, nat: str = "") -> Entity:
    b = EntityBuilder(source, native, schema)
    b.add("name", names[0])
    b.add("alias", *names[1:])
    if nat:
        b.add("nationality", nat)
    return b.build()


def test_script_and_translation_rules() -> None:
    assert arabic.is_arabic("محمد بن سلمان") and not arabic.is_arabic("Mohammed (محمد)")
    assert arabic.has_arabic("Mohammed (محمد)") and not arabic.has_arabic("Muhammad")
    # A romanisation meets the Latin name by its consonants; a translation does not.
    assert not arabic.is_translation("شرکت بنیان دانش شرق", ["BONYAN DANESH SHARGH CO"])
    assert arabic.is_translation("سپاه پاسداران", ["ISLAMIC REVOLUTIONARY GUARD CORPS"])


def test_spelling_differs_needs_a_partner_for_every_unshared_word() -> None:
    assert arabic.spelling_differs("Mohammed HUSSEIN", ["Muhammad HUSAYN"])
    assert arabic.spelling_differs("Abdulrahman ALI", ["Abdul Rahman ALI"])  # joined words
    assert not arabic.spelling_differs("Muhammad HUSAYN", ["HUSAYN, Muhammad"])  # same words
    assert not arabic.spelling_differs("Omar HUSAYN", ["Muhammad HUSAYN"])  # another name
    assert not arabic.spelling_differs("Abd al-Rahman", ["Abd el-Rahman"])  # short words only


def _builder(*entities: Entity) -> PositiveBuilder:
    ents = {e.id: e for e in entities}
    group = frozenset(ents)
    return PositiveBuilder(ents, dict.fromkeys(ents, group), [], seed=3)


def test_arabic_script_query_leaves_out_every_publisher_holding_the_script() -> None:
    uk = _entity("uk-ofsi", "1", "Person", "Salim HAMDAN", "سالم حمدان")
    un = _entity("un-sc", "2", "Person", "SALIM HAMDAN", "سالم حمدان")
    ofac = _entity("ofac-sdn", "3", "Person", "HAMDAN, Salim Ahmad")
    case = _builder(uk, un, ofac).make("arabic-script", uk)
    assert isinstance(case, Case)
    assert case.name == "سالم حمدان" and case.exclude == "uk-ofsi"
    assert case.also_exclude == ("un-sc",) and case.targets == {ofac.id}
    # Nobody holds the party in Latin letters only: no case.
    assert _builder(uk, un).make("arabic-script", uk) is None
    # An unlinked record holding the name (a duplicate on a third list) leaves its
    # publisher out too, or it would answer the query in the query's own script.
    au = _entity("au-dfat", "4", "Person", "HAMDAN, Salim", "سالم  حمدان")
    builder = _builder(uk, un, ofac)
    builder.script_holders = arabic.name_holders([uk, un, ofac, au])
    case = builder.make("arabic-script", uk)
    assert case is not None and case.also_exclude == ("au-dfat", "un-sc")


def test_persian_org_translation_is_its_own_class() -> None:
    uk = _entity("uk-ofsi", "1", "Organization", "IRGC", "سپاه پاسداران")
    ofac = _entity("ofac-sdn", "2", "Organization", "ISLAMIC REVOLUTIONARY GUARD CORPS")
    case = _builder(uk, ofac).make("persian-org", uk)
    assert case is not None and case.cls == "persian-org-translated"
    ofac2 = _entity("ofac-sdn", "3", "Organization", "SEPAH PASDARAN")
    case = _builder(uk, ofac2).make("persian-org", uk)
    assert case is not None and case.cls == "persian-org"


def test_arabic_latin_draws_the_spelling_others_do_not_write() -> None:
    uk = _entity("uk-ofsi", "1", "Person", "Mohammed HUSSEIN", "Muhammad HUSAYN", nat="iq")
    ofac = _entity("ofac-sdn", "2", "Person", "HUSAYN, Muhammad")
    builder = _builder(uk, ofac)
    assert {e.id for e in builder.pool("arabic-latin")} == {uk.id, ofac.id}  # Iraqi: Arabic name
    case = builder.make("arabic-latin", uk)
    assert case is not None and case.name == "Mohammed HUSSEIN" and case.targets == {ofac.id}
    assert builder.make("arabic-latin", ofac) is None  # the UK writes OFAC's spelling too


def test_cjk_customers_are_deterministic_and_split_by_language_and_form() -> None:
    def make(
        name: str, schema: str, dob: str | None, nat: str | None, loc: str, origin: str
    ) -> Case | None:
        return Case(f"n{name}", "faker-cjk", name, schema, nationalities=(nat,) if nat else (),
                    locale=loc, origin=origin)  # fmt: skip

    cases = CjkCustomers(5).build(40, make)
    assert [c.name for c in cases] == [c.name for c in CjkCustomers(5).build(40, make)]
    assert sum(c.locale == "ko_KR" for c in cases) == 40
    assert {c.locale for c in cases} == {"zh_CN", "zh_TW", "ko_KR"}
    two = [c for c in cases if c.origin == "two-character native"]
    assert two and all(len(c.name) == 2 for c in two)
    romanised = [c for c in cases if c.origin.endswith("romanised")]
    assert romanised and all(c.name.isascii() for c in romanised)
    assert locale_groups(two[0]) == ["+zh (all extra)", f"+{two[0].locale} two-character native"]
    main = Case("n1", "faker-person", "Jan Kowalski", "Person", locale="pl_PL")
    assert locale_groups(main) == ["pl_PL", "all 24 locales"]


def test_report_tables_per_locale_and_workload() -> None:
    def result(case: Case, top: float, correct: bool) -> CaseResult:
        o = Outcome(1 if correct else None, top if correct else 0.0, top, "x", ((top, correct),))
        return CaseResult(case, {"sanctio-v1": o}, 0.0, {}, 1)

    hit = Case("p1", "arabic-script", "سالم حمدان", "Person", targets=frozenset({"t"}))
    results = [
        result(hit, 0.9, True),
        *(
            result(Case(f"n{i}", "faker-person", f"N {i}", "Person", locale="pl_PL"), 0.1, False)
            for i in range(99)
        ),
        result(Case("n99", "faker-person", "N", "Person", locale="zh_CN"), 0.75, False),
        result(Case("c1", "faker-cjk", "李凤", "Person", locale="zh_CN", origin="two"), 0.8, False),
    ]
    table = metrics_table(results, ["sanctio-v1"])
    locales = table["sanctio-v1"]["locales"]
    assert locales["all 24 locales"]["n"] == 100 and locales["zh_CN"]["alerts@0.7"] == 1.0
    assert locales["+zh_CN two"]["alerts@0.7"] == 1.0 and "+ko (all extra)" not in locales
    # The extra customers are not in the threshold pool: 1 of 100 may alert at 1%.
    assert table["sanctio-v1"]["negatives"]["faker-cjk"]["n"] == 1
    work = table["sanctio-v1"]["workload"]["0.7"]
    assert (work["alerts"], work["reviewed"], work["true_matches"]) == (2, 2, 1)
    text = markdown.render(table)
    assert "| arabic-script | **sanctio-v1** | 1 |" in text and "| +zh_CN two | 1 |" in text

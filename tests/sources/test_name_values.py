"""Name fields holding several names or an editor's note: split and cleaned."""

from __future__ import annotations

from sanctio.model import EntityBuilder
from sanctio.sources.name_values import add_name_value, split_name_value


def test_several_spellings_in_one_field_are_several_names() -> None:
    assert split_name_value("Husain Salimi; Hosain Salimi; Hossein Salimi;") == (
        ["Husain Salimi", "Hosain Salimi", "Hossein Salimi"],
        [],
    )
    assert split_name_value("حسن غول (Hassan Ghul; Hassan Gul)") == (
        ["حسن غول", "Hassan Ghul", "Hassan Gul"],
        [],
    )


def test_editorial_notes_are_dropped_and_a_given_script_form_kept() -> None:
    assert split_name_value("Mohamed Aouani (formerly listed as)") == (
        ["Mohamed Aouani"],
        ["formerly listed as"],
    )
    names, notes = split_name_value("Merai Zoghbai (previously listed as, in Arabic: مرعي زغبي)")
    assert names == ["Merai Zoghbai", "مرعي زغبي"] and len(notes) == 1
    assert split_name_value("Muhamadmuhtar (original script: Мухамадмухтар)")[0] == [
        "Muhamadmuhtar",
        "Мухамадмухтар",
    ]
    assert split_name_value("EL PARA (COMBAT NAME)")[0] == ["EL PARA"]
    names, notes = split_name_value("Safia Al-Hadad, born 1 Jan. 1953 (Oman passport no.1)")
    assert names == ["Safia Al-Hadad"] and notes == ["Oman passport no.1", "born 1 Jan. 1953"]


def test_brackets_that_are_part_of_the_name_stay() -> None:
    for value in ("DAEDONG CREDIT BANK (DCB)", "Lom-ali Butayev (Butaev)", "LEADER (HK) LTD"):
        assert split_name_value(value) == ([value], [])
    assert split_name_value(" ; ") == ([], [])


def test_a_primary_name_keeps_its_first_name_and_aliases_the_others() -> None:
    b = EntityBuilder("un-sc", "1", "Person")
    add_name_value(b, "name", "Azim Adhajani; Azim Agha-Jani")
    add_name_value(b, "weakAlias", "Mohamed Aouani (formerly listed as)")
    e = b.build()
    assert e.get("name") == ("Azim Adhajani",) and e.get("alias") == ("Azim Agha-Jani",)
    assert e.get("weakAlias") == ("Mohamed Aouani",)
    assert e.get("notes") == ("Mohamed Aouani: formerly listed as",)


def test_names_inside_a_bracket_are_not_taken_for_notes() -> None:
    names, notes = split_name_value(
        "Hay'at Tahrir al-Sham (HTS) (هيئة تحرير الشام: original script)"
    )
    assert names == ["Hay'at Tahrir al-Sham (HTS)", "هيئة تحرير الشام"] and len(notes) == 1
    sub_unit = "شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)"
    assert split_name_value(sub_unit) == ([sub_unit], [])
    # A birth note followed by a list of names is left whole: the names must not go.
    value = "Ibrahim al-Samarrai, born in 1971 in Samarra (Ibrahim al-Badri, Abu Du'a (x))"
    assert split_name_value(value) == ([value], [])

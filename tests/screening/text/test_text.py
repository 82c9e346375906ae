"""Free-text screening on the real OFAC SDN list of 2022-02-26: what hits, what must not."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from sanctio.exceptions import InputError
from sanctio.screening.screen import Screener
from sanctio.screening.service import ScreeningService
from sanctio.screening.text.screen import TextReport, screen_text, screen_text_snapshot

PUTIN, SECHIN = "ofac-sdn:35096", "ofac-sdn:16692"
DERIPASKA, VEKSELBERG = "ofac-sdn:24283", "ofac-sdn:24306"


def ids(report: TextReport) -> list[str]:
    return [m.entity_id for m in report.mentions]


def test_news_names_two_listed_people_not_the_politician(
    history_screener: Screener, fixtures_dir: Path
) -> None:
    data = (fixtures_dir / "text" / "news_en.txt").read_bytes()
    report = screen_text(history_screener, data)
    assert report.kind == "text" and not report.warnings
    assert ids(report) == [DERIPASKA, VEKSELBERG]  # not Olaf Scholz
    text = data.decode()
    for m in report.mentions:
        assert text[m.start : m.end] == m.text
        assert m.score >= report.threshold and m.features[0].name == "name_match"
    assert [m.text for m in report.mentions] == ["Oleg Deripaska's", "Viktor Vekselberg"]
    assert report.words == len(text.split()) - 1  # "-" is not a word


def test_russian_inflected_names(history_screener: Screener, fixtures_dir: Path) -> None:
    report = screen_text(history_screener, (fixtures_dir / "text" / "news_ru.txt").read_bytes())
    assert ids(report) == [PUTIN, SECHIN]  # not Tokayev
    assert [m.text for m in report.mentions] == ["Владимиром Путиным", "Игорю Сечину"]


def test_near_miss_words_yield_nothing(history_screener: Screener, fixtures_dir: Path) -> None:
    report = screen_text(history_screener, (fixtures_dir / "text" / "near_miss.txt").read_bytes())
    assert report.mentions == ()
    assert report.words > 80


@pytest.mark.parametrize(
    "text",
    [
        "Reporters said that V. Putin would speak.",
        "A statement by Vladimir\nPutin was read out.",
        "PRESIDENT VLADIMIR PUTIN ARRIVED",
        "Putin, Vladimir Vladimirovich was named.",
        "The president (Vladimir Vladimirovich Putin) spoke.",
    ],
)
def test_initials_line_breaks_and_case(history_screener: Screener, text: str) -> None:
    assert ids(screen_text(history_screener, text)) == [PUTIN]


@pytest.mark.parametrize(
    "text",
    [
        "Vladimir said nothing, and Putin left.",  # parts in different clauses
        "Putin was not there.",  # a family name alone
        "Vladimir was not there.",  # a given name alone
        "Putinism and Vladimirovich studies",  # longer words
        "the putin vladimir",  # lower case in mixed-case text
        "Vladimir Putina's cafe; Vladimira Putinova",  # other surnames in Latin script
    ],
)
def test_no_hit(history_screener: Screener, text: str) -> None:
    assert ids(screen_text(history_screener, text)) == []


def test_one_word_company_only_when_written_as_a_name(history_screener: Screener) -> None:
    report = screen_text(history_screener, "Fuel came from OOO Transoil last year.")
    assert [(m.entity_id, m.text) for m in report.mentions] == [("ofac-sdn:16807", "OOO Transoil")]
    assert ids(screen_text(history_screener, "Fuel came from Transoil last year.")) == []


def test_one_word_vessel_only_when_marked(history_screener: Screener) -> None:
    assert ids(screen_text(history_screener, 'The tanker "Sevastopol" left port.')) == [
        "ofac-sdn:24513"
    ]
    assert ids(screen_text(history_screener, "The tanker SEVASTOPOL left port.")) == [
        "ofac-sdn:24513"
    ]
    assert ids(screen_text(history_screener, "Ferries to Sevastopol were cancelled.")) == []
    # a legal form marks organisations, not vessels
    assert ids(screen_text(history_screener, "The Sevastopol Company was sold.")) == []
    assert ids(screen_text(history_screener, "Fortune and Destiny smiled on him.")) == []


def test_filters_threshold_and_json(history_screener: Screener, history: ScreeningService) -> None:
    text = "Oleg Deripaska met Viktor Vekselberg."
    assert ids(screen_text(history_screener, text, sources=["un-sc"])) == []
    assert ids(screen_text(history_screener, text, schemas=["Vessel"])) == []
    assert len(screen_text(history_screener, text, threshold=0.99).mentions) < 2
    data = screen_text_snapshot(history.as_of(dt.date(2022, 3, 1)), text)
    assert data["lists"]["versions"] == {"ofac-sdn": "ofac-sdn@2022-02-26"}
    first = data["mentions"][0]
    assert first["span"] == [0, 14] and first["entity_id"] == DERIPASKA
    assert first["features"][0]["list_value"] == "DERIPASKA, Oleg Vladimirovich"
    with pytest.raises(InputError, match="kind"):
        screen_text(history_screener, text, kind="pdf")
    with pytest.raises(InputError, match="threshold"):
        screen_text(history_screener, text, threshold=1.5)


def test_long_article_is_fast(history_screener: Screener, fixtures_dir: Path) -> None:
    base = (fixtures_dir / "text" / "near_miss.txt").read_text()
    news = (fixtures_dir / "text" / "news_en.txt").read_text()
    article = "\n".join([base] * 60 + [news])  # about 5,000 words
    screen_text(history_screener, article)  # the first call builds the gazetteer
    start = time.process_time()
    report = screen_text(history_screener, article)
    cpu = time.process_time() - start
    assert report.words > 5000
    assert ids(report) == [DERIPASKA, VEKSELBERG]
    assert cpu < 0.5, f"{cpu:.3f} s CPU for {report.words} words"

"""With ASSISTANT_LANGUAGE=en the churn answer is English throughout: the verdict, each driver's
explanation, evidence sentences of ours (a join and exit), how to confirm, the breakdown, the
drivers not judged, the inferred admins' reasons. Only user data (group and member names, quoted
messages, campaign names) may be Chinese; any other CJK character is a gap in the catalogue.
"""

from __future__ import annotations

import re

import pytest

from assistant.analytics import churn
from assistant.analytics.periods import parse_week
from assistant.cli.analytics import _print_churn
from tests.analytics.builder import at
from tests.analytics.scenarios import Community

WEEK = parse_week("2026-W10")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _plant(c: Community, kind: str) -> None:
    days = c.target_week(admin=kind != "silent")
    if kind == "spam":
        for i in range(12):
            c.messages.add(c.g, f"spam{i % 3}", at(days[0], 14 + i // 3, i * 4), "兼职日赚300，加我vx: abc1234 详情 https://t.cn/x")
    elif kind == "complaints":
        for i in range(8):
            c.messages.add(c.g, c.members[50 + i], at(days[i % 3], 15), "水果烂了一半，要退款，怎么没人管")
    elif kind == "promo":
        for day in days[:4]:
            for hour in (11, 13, 15, 17, 20, 21):
                c.messages.add(c.g, c.admin, at(day, hour), "限时秒杀！领券再减10元，福利只有今天", name="小美")
    elif kind == "flood":
        for day in days[:4]:
            for member in c.present()[:150]:
                c.messages.add(c.g, member, at(day, 22), "哈哈哈+1")
    c.leave(at(days[3], 20), 12, pool=c.members[40:160] if kind == "complaints" else None)


def _user_data(report: churn.ChurnReport) -> list[str]:
    """Every piece of user data the text may quote, longest first."""
    found = {report.group, "扫码领赠品", "小美"}
    for d in report.drivers:
        for e in d.evidence:
            found.add(e.sender)
            if not e.text_en:
                found.add(e.text)  # a quoted message
    for a in report.admins:
        found |= {x["name"] for x in a["admins"]}
    return sorted((f for f in found if f), key=len, reverse=True)


def _english(report: churn.ChurnReport, capsys: pytest.CaptureFixture) -> str:
    _print_churn(report, "en")
    text = capsys.readouterr().out
    for data in _user_data(report):
        text = text.replace(data, "")
    return text


@pytest.mark.parametrize("kind", ["spam", "complaints", "promo", "flood", "silent"])
def test_english_churn_text_has_no_chinese_of_ours(tmp_path, capsys, kind: str) -> None:
    c = Community(tmp_path / f"{kind}.duckdb")
    _plant(c, kind)
    report = churn.explain(c.con, WEEK)
    assert report.drivers, kind
    text = _english(report, capsys)
    assert not CJK.findall(text), text
    assert "How to confirm" in text and "confidence" in text


def test_english_cohort_and_breakdown(tmp_path, capsys) -> None:
    c = Community(tmp_path / "l.duckdb")
    for i in range(40):
        c.join(at("2026-02-24", 10 + i % 8), f"camp{i}", via="qr", campaign="扫码领赠品")
    days = c.target_week()
    c.leave(at(days[2], 20), 25, pool=[f"camp{i}" for i in range(40)])
    report = churn.explain(c.con, WEEK)
    top = report.drivers[0]
    assert top.id == "low_quality_influx" and "campaign 扫码领赠品" in top.explain("en")
    assert all("joined" in e.text_in("en") and "入群" in e.text for e in top.evidence)
    assert not CJK.findall(_english(report, capsys))
    assert all(not CJK.findall(s.line("en").replace("扫码领赠品", "")) for s in report.segments)


def test_json_keeps_its_shape_and_adds_english(tmp_path) -> None:
    c = Community(tmp_path / "j.duckdb")
    _plant(c, "spam")
    data = churn.explain(c.con, WEEK).to_dict()
    assert {"significant", "drivers", "not_judged"} <= set(data)
    first = data["drivers"][0]
    assert first["id"] == "spam_ads" and {"explanation", "confirm", "explanation_en", "confirm_en"} <= set(first)
    assert not CJK.findall(first["confirm_en"]) and "广告" in first["explanation"]

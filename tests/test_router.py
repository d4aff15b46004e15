"""The chat router sends questions about our own groups to analytics and the rest to playbooks."""

from __future__ import annotations

import pytest

from assistant.jobs.router import CHURN, METRICS, PLAYBOOK, RISKS, SEGMENTS, route

GROUPS = ["幸福里团购群（示例）", "品牌福利群（示例）", "水果3群"]


@pytest.mark.parametrize(
    ("question", "kind", "group"),
    [
        ("退群率多少算正常？", PLAYBOOK, None),
        ("为什么上周退群率上升了?", CHURN, None),
        ("品牌福利群为什么掉人这么多", CHURN, "品牌福利群（示例）"),
        ("哪个群最活跃?", METRICS, None),
        ("新人留存怎么样?", METRICS, None),
        ("新人留存怎么提高?", PLAYBOOK, None),
        ("转化率低于多少要处理", PLAYBOOK, None),
        ("我们群的新人留存怎么样?", METRICS, None),
        ("3群上周的转化率", METRICS, "水果3群"),
        ("最近群里有没有广告和诈骗", RISKS, None),
        ("幸福里团购群的流失预警名单", SEGMENTS, "幸福里团购群（示例）"),
        ("拼团活动怎么做", PLAYBOOK, None),
    ],
)
def test_routes(question, kind, group) -> None:
    chosen = route(question, GROUPS)
    assert (chosen.kind, chosen.group) == (kind, group)


def test_without_imported_groups_everything_goes_to_the_playbooks() -> None:
    assert route("为什么上周退群率上升了?", []).kind == PLAYBOOK


def test_weeks_named_in_the_question() -> None:
    assert route("2026-W07 为什么退群多", GROUPS).week == "2026-W07"
    assert route("上上周为什么退群上升", GROUPS).weeks_back == 1

"""Health status of each metric against the thresholds of our playbooks.

The thresholds are those of ``knowledge/05-metrics.md`` (数据指标与健康阈值): 活跃度 above 15% is
healthy and below 10% needs action; 转化率 above 5% healthy, below 3% needs action; weekly 退群率
below 1% healthy, above 2% needs investigation. Between the two lines a metric is "watch". A
metric the data cannot support gets ``unsupported`` with the reason, never an invented value.
"""

from __future__ import annotations

from dataclasses import dataclass

HEALTHY, WATCH, ACTION, UNSUPPORTED, INFO = "healthy", "watch", "action", "unsupported", "info"
INSUFFICIENT = "insufficient"  # computable in principle, but this period has nothing to compute it from


@dataclass(frozen=True)
class Threshold:
    """Where a metric is healthy and where it needs action; ``higher_is_better`` orients them."""

    healthy: float
    action: float
    higher_is_better: bool
    source: str

    def status(self, value: float | None) -> str:
        if value is None:
            return UNSUPPORTED
        if self.higher_is_better:
            return HEALTHY if value > self.healthy else ACTION if value < self.action else WATCH
        return HEALTHY if value < self.healthy else ACTION if value > self.action else WATCH


_METRICS_DOC = "knowledge/05-metrics.md"
THRESHOLDS: dict[str, Threshold] = {
    "activity_rate": Threshold(0.15, 0.10, True, f"{_METRICS_DOC} › 活跃度"),
    "conversion_rate": Threshold(0.05, 0.03, True, f"{_METRICS_DOC} › 转化率"),
    "exit_rate": Threshold(0.01, 0.02, False, f"{_METRICS_DOC} › 退群率"),
}

# Messages per member per day above which a group drowns its members (the A/B case of the
# playbook: 80-120 messages/day in a 500-member group worked, 200-300 did not).
OVERLOAD_MESSAGES_PER_MEMBER = 0.4


def status_of(metric: str, value: float | None) -> str:
    if value is None:
        return INSUFFICIENT
    threshold = THRESHOLDS.get(metric)
    return threshold.status(value) if threshold else INFO


def message_volume_status(messages_per_day: float | None, members: int | None) -> str:
    """``action`` when daily volume is out of proportion to group size, else ``healthy``."""
    if messages_per_day is None or not members:
        return UNSUPPORTED
    return ACTION if messages_per_day / members > OVERLOAD_MESSAGES_PER_MEMBER else HEALTHY

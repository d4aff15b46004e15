"""The catalogue of the seven planted causes of a rise in exits: the id each goes by, and its two steps.

``prepare`` changes the analysed week's :class:`~.background.DayPolicy` before ordinary life is
simulated (admins go quiet, promotions multiply …); ``plant`` then adds the cause's own messages and
makes the people it touched leave, so the leavers are linked to it: the complainers, the cohort,
the members who read the spam or the scam. ``dose`` (about 1) scales the extra exits; ``first``
is the day of the week (0 = Monday) the cause begins. The steps themselves live by kind of cause:
:mod:`.arrivals` (who joined), :mod:`.noise` (too many messages), :mod:`.neglect` (nobody answers),
all ending in :mod:`.departures`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .arrivals import plant_influx, plant_scam, plant_spam
from .background import Env
from .neglect import plant_complaints, plant_silence, prepare_complaints, prepare_silence
from .noise import plant_overload, plant_promos, prepare_overload, prepare_promos
from .world import Group


@dataclass(frozen=True)
class Cause:
    prepare: Callable[[Group, Env, int], None]
    plant: Callable[[Group, Env, float, int], dict]


def _nothing(g: Group, env: Env, first: int) -> None:
    return None


CAUSES: dict[str, Cause] = {
    "spam_ads": Cause(_nothing, plant_spam),
    "message_overload": Cause(prepare_overload, plant_overload),
    "low_quality_influx": Cause(_nothing, plant_influx),
    "unresolved_complaints": Cause(prepare_complaints, plant_complaints),
    "admin_unresponsive": Cause(prepare_silence, plant_silence),
    "promo_fatigue": Cause(prepare_promos, plant_promos),
    "scam_incident": Cause(_nothing, plant_scam),
}
DRIVERS = tuple(CAUSES)

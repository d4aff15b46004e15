"""Ordinary group life before (and around) the planted cause.

Several admins post a daily announcement and a few promotions; members chat, send pictures and
stickers, and ask questions that an admin answers on the same topic (a quote reply or an @mention)
after a plausible delay — minutes by day, the next morning by night. Weekends are quieter. A few
people join each week from a mix of sources and a few leave (lurkers and newcomers more often), an
occasional complaint is settled, and the odd spammer is removed. Causes change single days through
:class:`DayPolicy` before this runs, and add their own story after.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import people, texts
from .world import Group, Member, Msg, day_time, poisson

WORKING_HOURS = (0, 0, 0, 0, 0, 0, 0, 0.5, 2, 2, 2, 2, 1.5, 1.5, 2, 2, 2, 2, 1.5, 2, 2, 1.5, 0.5, 0)
MEMBER_MIX = {"question": 0.12, "chatter": 0.40, "short": 0.24, "image": 0.08, "sticker": 0.08, "off_topic": 0.08}


@dataclass
class Params:
    """The knobs of one group, all drawn from the seed."""

    size: int  # members at the start of the history
    weeks: int  # background weeks before the analysed one
    daily: float  # member messages on a weekday
    weekend: float  # weekend volume factor
    joins: float  # joins per week, as a share of size
    exits: float  # ordinary exits per week, as a share of size
    promos: float  # promotional posts per day
    answer: float  # chance that an admin answers a question
    admins: int


@dataclass
class DayPolicy:
    """How one day differs from the group's habit; causes edit these."""

    volume: float = 1.0  # member message volume factor
    answer: float | None = None  # chance an admin answers a question (None = the group's habit)
    settle_complaints: bool = True
    promos: float | None = None  # promotional posts that day (None = habit)
    quiet_admins: bool = False  # admins post nothing but the announcement


@dataclass
class Env:
    rng: random.Random
    params: Params
    ctx: dict
    policies: dict[date, DayPolicy] = field(default_factory=dict)

    def policy(self, day: date) -> DayPolicy:
        return self.policies.setdefault(day, DayPolicy())


def populate(g: Group, env: Env) -> None:
    """The members present when the history starts: owner, admins, regulars and many lurkers."""
    rng, size = env.rng, env.params.size
    for uid, name in enumerate(people.display_names(rng, size)):
        role = "owner" if uid == 0 else "admin" if uid < env.params.admins else "member"
        activity = 0.02 if rng.random() < 0.4 else min(rng.paretovariate(1.4), 25.0)
        member = Member(uid, name, role, 0.0 if role != "member" else activity)
        if rng.random() < 0.2:
            member.group_nick = f"{rng.randrange(1, 20)}栋-{name}"
        g.members.append(member)


def newcomer(g: Group, env: Env, at: datetime, via: str, inviter: int | None, *, role: str = "member") -> Member:
    """Someone who joins at ``at``; their name differs from everyone's in the group."""
    rng = env.rng
    taken = {m.name for m in g.members}
    name = people.display_names(rng, 1)[0]
    while name in taken:
        name = people.display_names(rng, 1)[0]
    activity = 0.02 if rng.random() < 0.45 else min(rng.paretovariate(1.5), 15.0)
    member = Member(len(g.members), name, role, activity, joined_at=at, via=via, inviter=inviter)
    g.members.append(member)
    return member


def membership(g: Group, env: Env) -> None:
    """Ordinary joins and exits, week by week, through the analysed week."""
    rng, p = env.rng, env.params
    for week in range(p.weeks + 1):
        monday = g.start + timedelta(weeks=week)
        for _ in range(poisson(rng, p.size * p.joins)):
            at = day_time(rng, monday + timedelta(days=rng.randrange(7)))
            via, inviter = _source(g, rng, at)
            joined = newcomer(g, env, at, via, inviter)
            if rng.random() < 0.3:
                g.add(Msg(at + timedelta(minutes=rng.randrange(1, 30)), joined.uid, rng.choice(texts.CHATTER[-5:-2])))
        ordinary_exits(g, env, monday, poisson(rng, p.size * p.exits))


def ordinary_exits(g: Group, env: Env, monday: date, count: int) -> list[Member]:
    """``count`` ordinary leavers in that week: lurkers and recent joiners more often."""
    rng, gone = env.rng, []
    for _ in range(count):
        at = day_time(rng, monday + timedelta(days=rng.randrange(7)))
        pool = g.present(at)
        if not pool:
            continue
        weights = [(2.0 if m.activity < 0.1 else 1.0) * (2.0 if m.joined_at and at - m.joined_at < timedelta(days=21)
                   else 1.0) for m in pool]  # fmt: skip
        leaver = rng.choices(pool, weights=weights)[0]
        leaver.left_at = min(at, g.end - timedelta(minutes=5))
        gone.append(leaver)
    return gone


def _source(g: Group, rng: random.Random, at: datetime) -> tuple[str, int | None]:
    roll = rng.random()
    if roll < 0.4:
        regulars = [m for m in g.present(at) if m.activity > 0.5] or g.present(at)
        return "invite", rng.choice(regulars).uid
    if roll < 0.7:
        return "qr", rng.choice(g.admins).uid
    if roll < 0.85:
        return "link", rng.choice(g.admins).uid
    return "qr", rng.choice(g.present(at)).uid


def daily_life(g: Group, env: Env) -> None:
    """Every day of the history: admins' posts, members' talk, questions answered."""
    for offset in range((env.params.weeks + 1) * 7):
        day = g.start + timedelta(days=offset)
        policy = env.policies.get(day, DayPolicy())
        admin_posts(g, env, day, policy)
        member_talk(g, env, day, policy)
        if env.rng.random() < 0.12:
            ordinary_complaint(g, env, day, policy)
        if day.weekday() == 2 and env.rng.random() < 0.3:
            stray_spammer(g, env, day)


def admin_posts(g: Group, env: Env, day: date, policy: DayPolicy) -> None:
    rng, owner = env.rng, g.owner
    morning = datetime.combine(day, datetime.min.time()) + timedelta(hours=7, minutes=rng.randrange(30, 150))
    g.add(Msg(morning, owner.uid, texts.say(rng, texts.ANNOUNCE_MORNING, env.ctx), tag="announce"))
    if rng.random() < 0.5 and not policy.quiet_admins:
        evening = morning.replace(hour=rng.choice([19, 20, 21]), minute=rng.randrange(60))
        g.add(Msg(evening, rng.choice(g.admins).uid, texts.say(rng, texts.ANNOUNCE, env.ctx), tag="announce"))
    promos = policy.promos if policy.promos is not None else env.params.promos
    for _ in range(poisson(rng, promos)):
        promotion(g, env, day_time(rng, day, WORKING_HOURS), rng.choice(g.admins).uid)


def promotion(g: Group, env: Env, at: datetime, sender: int) -> Msg:
    rng = env.rng
    if rng.random() < 0.3:
        title = texts.fill(rng, rng.choice(texts.PROMO_CARD), env.ctx)
        return g.add(Msg(at, sender, title, kind="link", tag="promo", url=texts.url(rng, texts.DOMAINS)))
    text = texts.say(rng, texts.PROMO, env.ctx, vary=False)
    if "链接" in text or "领取" in text:
        text += " " + texts.url(rng, texts.DOMAINS)
    return g.add(Msg(at, sender, text, tag="promo"))


def member_talk(g: Group, env: Env, day: date, policy: DayPolicy) -> None:
    rng, p = env.rng, env.params
    volume = p.daily * (p.weekend if day.weekday() >= 5 else 1.0) * policy.volume
    noon = datetime.combine(day, datetime.min.time()).replace(hour=12)
    pool = [m for m in g.present(noon) if m.activity > 0]
    if not pool:
        return
    weights = [m.activity for m in pool]
    recent: list[Msg] = []
    for _ in range(poisson(rng, volume)):
        sender = rng.choices(pool, weights=weights)[0]
        kind = rng.choices(list(MEMBER_MIX), weights=list(MEMBER_MIX.values()))[0]
        at = day_time(rng, day)
        if kind == "question":
            ask(g, env, sender, at, policy)
        else:
            recent.append(chat(g, env, sender, at, kind, recent))


def chat(g: Group, env: Env, sender: Member, at: datetime, kind: str, recent: list[Msg]) -> Msg:
    rng = env.rng
    if kind == "image":
        return g.add(Msg(at, sender.uid, "[图片]", kind="image", tag="share"))
    if kind == "sticker":
        return g.add(Msg(at, sender.uid, "[表情]", kind="sticker", tag="short"))
    pool = {"chatter": texts.CHATTER, "short": texts.SHORT, "off_topic": texts.OFF_TOPIC}[kind]
    msg = Msg(at, sender.uid, texts.say(rng, pool, env.ctx), tag=kind)
    if recent and kind == "chatter" and rng.random() < 0.15:
        msg.reply_to = rng.choice(recent[-5:])
    return g.add(msg)


def ask(g: Group, env: Env, asker: Member, at: datetime, policy: DayPolicy) -> Msg:
    """A member's question and, usually, an admin's answer to exactly that question."""
    rng = env.rng
    question = g.add(question_from(env, asker, at))
    chance = env.params.answer if policy.answer is None else policy.answer
    if rng.random() < chance:
        answer(g, env, question, answer_text(env, question), answer_delay(rng, at))
    return question


def question_from(env: Env, asker: Member, at: datetime) -> Msg:
    """A question on one of the usual topics (or about using the product); it remembers its answers."""
    rng = env.rng
    ctx = {**env.ctx, "p": rng.choice(env.ctx["products"])}
    if rng.random() < 0.15:
        index = rng.randrange(len(env.ctx["use"]))
        text, answers = env.ctx["use"][index], [env.ctx["use_answer"][index]]
    else:
        text, answers = rng.choice(texts.QUESTIONS[rng.choice(list(texts.QUESTIONS))])
    msg = Msg(at, asker.uid, texts.say(rng, [text], ctx), tag="question")
    msg.topic = (ctx["p"], answers)
    return msg


def answer_text(env: Env, question: Msg) -> str:
    product, answers = question.topic
    return texts.say(env.rng, answers, {**env.ctx, "p": product})


def answer(g: Group, env: Env, question: Msg, text: str, at: datetime, *, tag: str = "answer") -> Msg:
    """An admin's answer, as a quote reply, an @mention or plain text; often thanked."""
    rng = env.rng
    admins = g.admins
    admin = rng.choices(admins, weights=[1.0 if a.role == "owner" else 2.0 for a in admins])[0]
    asker = g.members[question.sender]
    style = rng.random()
    text = rng.choice(texts.ANSWER_OPENERS) + text
    msg = Msg(at, admin.uid, text, tag=tag)
    question.answered = True
    if style < 0.5:
        msg.reply_to = question
    elif style < 0.85:
        msg.text, msg.mentions = f"@{asker.name}\u2005{text}", [asker.uid]
    g.add(msg)
    if rng.random() < 0.35:
        g.add(Msg(at + timedelta(minutes=rng.randrange(1, 40)), asker.uid, rng.choice(texts.THANKS), tag="thanks"))
    return msg


def answer_delay(rng: random.Random, asked: datetime) -> datetime:
    """Minutes by day (median ~12), the next morning for questions asked late at night."""
    if 8 <= asked.hour < 22:
        return asked + timedelta(minutes=min(240.0, max(1.0, rng.lognormvariate(2.5, 0.9))))
    morning = asked.replace(hour=8, minute=0, second=0) + (timedelta(days=1) if asked.hour >= 22 else timedelta())
    return morning + timedelta(minutes=rng.randrange(10, 120))


def ordinary_complaint(g: Group, env: Env, day: date, policy: DayPolicy) -> None:
    """A complaint an admin settles within the hour, unless the day's policy says otherwise."""
    rng = env.rng
    at = day_time(rng, day, WORKING_HOURS)
    pool = [m for m in g.present(at) if m.activity > 0.1]
    if not pool:
        return
    ctx = {**env.ctx, "p": rng.choice(env.ctx["products"])}
    msg = g.add(Msg(at, rng.choice(pool).uid, texts.say(rng, texts.COMPLAINTS, ctx), tag="complaint"))
    if policy.settle_complaints and rng.random() < 0.95:
        answer(g, env, msg, texts.fill(rng, rng.choice(texts.COMPLAINT_FIX), ctx), at + timedelta(minutes=rng.randrange(5, 90)),
               tag="complaint_answer")  # fmt: skip


def stray_spammer(g: Group, env: Env, day: date) -> None:
    """The odd ad account of an ordinary week: one or two ads, removed by the owner within the hour."""
    rng = env.rng
    at = day_time(rng, day, WORKING_HOURS)
    via, inviter = _source(g, rng, at)
    spammer = newcomer(g, env, at, via, inviter)
    spammer.activity, spammer.tags = 0.0, {"spammer"}
    ctx = {**env.ctx, "url": texts.url(rng, texts.SPAM_DOMAINS)}
    for n in range(rng.choice([1, 1, 2])):
        g.add(Msg(at + timedelta(minutes=2 + 3 * n), spammer.uid, texts.say(rng, texts.SPAM, ctx, vary=False), tag="spam"))
    kicked = at + timedelta(minutes=rng.randrange(15, 90))
    spammer.left_at, spammer.removed_by = kicked, g.owner.uid
    if rng.random() < 0.5:
        g.add(Msg(kicked + timedelta(minutes=1), g.owner.uid, rng.choice(texts.SPAM_REMOVED), tag="announce"))

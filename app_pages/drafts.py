"""The drafts page (起草): a form per drafting job, the streamed draft with a copy button, the
compliance warnings highlighted, and regeneration with feedback."""

from __future__ import annotations

import streamlit as st

from app_pages import state
from assistant import AssistantError
from assistant.jobs.compliance import highlight
from assistant.app import DRAFT_JOBS as JOBS
from assistant.app import DraftRequest
from assistant.reports.exports.markdown import escape
from assistant.safety.markup import keep_line_breaks, neutralize

settings = state.settings()
assistant = state.assistant(settings)
drafts: dict = st.session_state.setdefault("drafts", {})


def _groups() -> list[str]:
    try:
        return assistant.analytics.group_names()
    except AssistantError:
        return []


def _generate(request: DraftRequest) -> None:
    try:
        stream = assistant.stream_draft(request)
        st.write_stream(stream)
    except AssistantError as exc:
        st.error(str(exc))
        return
    drafts[request.job] = {"request": request, "draft": stream.draft}
    st.rerun()


st.title("起草")
st.caption("每份草稿都会做合规检查（广告法用语、功效宣称、与群规不符）；离线时用模板生成，接入大模型后按手册和群数据撰写。")
job = st.selectbox("起草什么", list(JOBS), format_func=lambda name: JOBS[name].label,
                   index=list(JOBS).index(st.session_state.pop("draft_job", "announcement")), key="draft-job")
spec = JOBS[job]
with st.form(f"form-{job}"):
    values = {}
    for field in spec.fields:
        key = f"{job}-{field.name}"
        if field.options:
            values[field.name] = st.selectbox(field.label, field.options, index=field.options.index(field.default), key=key)
        elif field.multiline:
            values[field.name] = st.text_area(field.label, value=field.default, key=key, height=100)
        else:
            values[field.name] = st.text_input(field.label, value=field.default, key=key)
    text = st.text_area(spec.text_label, key=f"{job}-text", height=160 if spec.needs_text else 80)
    names = _groups()
    group = st.selectbox("参考哪个群的数据", ["（不指定）", *names], key=f"{job}-group") if names else None
    submitted = st.form_submit_button("生成草稿", type="primary")

if submitted:
    chosen_group = None if group in (None, "（不指定）") else group
    _generate(DraftRequest(job, text, values, chosen_group))

current = drafts.get(job)
if current:
    draft = current["draft"]
    st.subheader(f"{draft.label}草稿")
    st.caption(f"模式：{'离线模板' if draft.mode == 'offline' else draft.mode}")
    if draft.notice:
        st.warning(draft.notice)
    st.markdown(neutralize(keep_line_breaks(draft.text)))
    aliases = draft.context.get("aliases") or {}
    if aliases:
        with st.expander("成员代号对照（只在这里显示，不在草稿里）"):
            st.markdown("\n".join(f"- {escape(code)}：{escape(name)}" for code, name in aliases.items()))
    with st.expander("复制文本（纯文本，可直接粘贴到群里）", expanded=True):
        for title, block in draft.blocks():  # one block per reply variant: one is sent, not three
            st.caption(escape(title))
            st.code(block, language=None, wrap_lines=True)  # the copy button is in the block's corner
    if draft.problems:
        st.error(f"合规检查发现 {len(draft.problems)} 处需要修改：")
        for problem in draft.problems:
            st.markdown(f"- **{problem.category}**「{escape(problem.term)}」→ {escape(problem.suggestion)}")
        with st.expander("在草稿中标出问题"):
            st.markdown(neutralize(highlight(draft.text, draft.problems)))
    else:
        st.success("合规检查通过。")
    if draft.sources:
        with st.expander(f"参考的手册段落 ({len(draft.sources)})"):
            for source in draft.sources:
                st.markdown(f"**{escape(source.title)}** — {escape(source.source)}")
    feedback = st.text_input("修改意见（例如：更简短一些、语气更正式）", key=f"{job}-feedback")
    if st.button("按意见重新生成", key=f"{job}-regenerate"):
        previous: DraftRequest = current["request"]
        _generate(DraftRequest(job, previous.text, previous.fields, previous.group, feedback, draft.text))

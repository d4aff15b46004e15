"""Words of the chat page's conversations and ratings in Chinese and English.

Kept beside the code that uses them (as the briefing does) so the shared catalogue in
``assistant/i18n.py`` is not touched; :func:`chat_text` falls back to Chinese, then to the key.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "list.title": {"zh": "我的对话", "en": "My conversations"},
    "list.search": {"zh": "搜索对话", "en": "Search conversations"},
    "list.empty": {"zh": "还没有保存的对话。", "en": "No saved conversations yet."},
    "list.no_match": {"zh": "没有找到包含「{query}」的对话。", "en": "No conversation mentions “{query}”."},
    "list.untitled": {"zh": "新对话", "en": "New conversation"},
    "list.new": {"zh": "新对话", "en": "New chat"},
    "list.rename": {"zh": "重命名", "en": "Rename"},
    "list.rename_label": {"zh": "新标题", "en": "New title"},
    "list.save": {"zh": "保存", "en": "Save"},
    "list.delete": {"zh": "删除对话", "en": "Delete conversation"},
    "list.delete_confirm": {"zh": "确定删除「{title}」？删除后不能恢复。", "en": "Delete “{title}”? This cannot be undone."},
    "list.delete_yes": {"zh": "确定删除", "en": "Delete"},
    "list.deleted": {"zh": "已删除对话「{title}」。", "en": "Deleted “{title}”."},
    "list.manage": {"zh": "管理当前对话", "en": "This conversation"},
    "list.export": {"zh": "导出评价（CSV）", "en": "Export ratings (CSV)"},
    "list.export_all": {"zh": "导出全部账号的评价（CSV）", "en": "Export everyone's ratings (CSV)"},
    "answer.copy": {"zh": "复制", "en": "Copy"},
    "answer.copy_hint": {"zh": "纯文本，点右上角图标复制：", "en": "Plain text; the icon at the top right copies it:"},
    "answer.regenerate": {"zh": "重新生成", "en": "Regenerate"},
    "answer.stopped": {"zh": "（已停止生成）", "en": "(stopped)"},
    "answer.note": {"zh": "补充说明（可选）", "en": "Add a note (optional)"},
    "answer.note_placeholder": {"zh": "哪里好、哪里不对？会和评价一起导出给整理手册的人。",
                                "en": "What was right or wrong? Exported with the rating for whoever curates the playbooks."},
    "answer.rated": {"zh": "已记录评价。", "en": "Rating saved."},
    "rating.up": {"zh": "👍 有用", "en": "👍 helpful"},
    "rating.down": {"zh": "👎 没用", "en": "👎 not helpful"},
    "csv.at": {"zh": "时间", "en": "When"},
    "csv.account": {"zh": "账号", "en": "Account"},
    "csv.conversation": {"zh": "对话编号", "en": "Conversation"},
    "csv.title": {"zh": "对话标题", "en": "Title"},
    "csv.question": {"zh": "问题", "en": "Question"},
    "csv.answer": {"zh": "回答", "en": "Answer"},
    "csv.rating": {"zh": "评价", "en": "Rating"},
    "csv.note": {"zh": "说明", "en": "Note"},
    "csv.sources": {"zh": "引用的手册段落", "en": "Cited passages"},
    "error.not_found": {"zh": "没有编号为 {id} 的对话（或它属于其他账号）。用 `ask --list` 查看已保存的对话。",
                        "en": "There is no conversation {id} (or it belongs to another account). `ask --list` shows the saved ones."},
    "error.empty_title": {"zh": "标题不能为空。", "en": "The title cannot be empty."},
    "error.nothing_to_regenerate": {"zh": "这个对话里还没有问题，无法重新生成。", "en": "This conversation has no question to answer again."},
    "error.rating": {"zh": "评价只能是 up（👍）或 down（👎）。", "en": "A rating is up (👍) or down (👎)."},
    "cli.saved": {"zh": "对话 {id}（继续提问：python -m assistant ask --conversation {id} \"…\"）",
                  "en": "Conversation {id} (continue: python -m assistant ask --conversation {id} \"…\")"},
    "cli.none": {"zh": "还没有保存的对话。提问即开始一个：python -m assistant ask \"退群率多少算正常？\"",
                 "en": "No saved conversations yet. Asking starts one: python -m assistant ask \"what churn rate is normal?\""},
    "cli.turns": {"zh": "{n} 条", "en": "{n} turns"},
    "cli.exported": {"zh": "已导出 {n} 条评价到 {path}", "en": "Exported {n} ratings to {path}"},
}


def chat_text(key: str, language: str = "zh", **values: object) -> str:
    """The text for ``key`` in ``language`` (Chinese when missing), formatted with ``values``."""
    entry = TEXTS.get(key, {})
    text = entry.get(language) or entry.get("zh") or key
    return text.format(**values) if values else text

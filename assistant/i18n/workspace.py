"""The fix-it errors of moving a workspace and of its private files: a workspace archive that cannot
be exported or imported (empty, damaged, foreign, unsafe, too big for the disk), a foreign history
database whose catalog is not ours, and a private SQLite file whose permissions cannot be made 600;
with them the limits any zip or JSON file someone else made is held to (a zip or nesting bomb).

``workspace export|import`` and the settings page pass the workspace language down, so the refusal
reads in the language the rest of the screen is in. File and member names stay as they are.
"""

from __future__ import annotations

_REFUSED_ZH = "拒绝导入，数据未做任何改动。"
_REFUSED_EN = "the import was refused and nothing was changed."

# The archive itself (assistant.workspace).
TEXTS: dict[str, dict[str, str]] = {
    "workspace.error.nothing": {
        "zh": "{folder} 里还没有可导出的数据（没有导入的群，也没有上传的文档）。",
        "en": "{folder} holds nothing to export yet (no imported group, no uploaded document)."},
    "workspace.error.chats_damaged": {
        "zh": "{name} 里的对话记录 {chats} 已损坏（{reason}），" + _REFUSED_ZH,
        "en": "The saved conversations {chats} in {name} are damaged ({reason}); " + _REFUSED_EN},
    "workspace.error.chats_foreign": {
        "zh": "{name} 里的对话记录 {chats} 不是本程序的格式（{reason}），" + _REFUSED_ZH,
        "en": "The saved conversations {chats} in {name} are not in this program's format ({reason}); " + _REFUSED_EN},
    "workspace.error.check_failed": {"zh": "校验未通过", "en": "the integrity check failed"},
    "workspace.error.damaged": {"zh": "{name} 已损坏或不完整（{kind}），数据未做任何改动。",
                                "en": "{name} is damaged or incomplete ({kind}); nothing was changed."},
    "workspace.error.foreign": {"zh": "{name} 不是群运营助手导出的工作区文件。",
                                "en": "{name} is not a workspace file exported by the Community Ops Assistant."},
    "workspace.error.newer": {"zh": "{name} 来自更新的版本，请先升级本程序再导入。",
                              "en": "{name} comes from a newer version: upgrade this program, then import it."},
    "workspace.error.unsafe": {
        "zh": "{name} 含有不安全或不属于工作区的文件 {member}，" + _REFUSED_ZH,
        "en": "{name} holds a file that is unsafe or no part of a workspace, {member}; " + _REFUSED_EN},
    "workspace.error.no_room": {"zh": "{name} 解压需要 {needed} MB，磁盘只剩 {free} MB。请先清理磁盘。",
                                "en": "{name} needs {needed} MB to unpack; the disk has {free} MB left. "
                                      "Free some disk space first."},
    "workspace.error.too_big": {"zh": "工作区文件里的 {member} 大得不正常（{mb} MB），拒绝导入。",
                                "en": "{member} in the workspace file is abnormally large ({mb} MB); "
                                      "the import was refused."},
}

# A foreign history database (assistant.history.integrity).
TEXTS |= {
    "history.integrity.refused": {
        "zh": "工作区里的历史库不是本程序生成的普通数据表：{reason}。已拒绝导入，数据未做任何改动。",
        "en": "The history database in the workspace is not plain tables made by this program: {reason}. "
              "The import was refused and nothing was changed."},
    "history.integrity.cannot_open": {"zh": "无法打开（{error}）", "en": "it cannot be opened ({error})"},
    "history.integrity.unreadable": {"zh": "读取结构失败（{error}）", "en": "its schema cannot be read ({error})"},
    "history.integrity.mismatch": {"zh": "{what}与本程序的结构不一致（例如 {example}）",
                                   "en": "its {what} differ from this program's schema (e.g. {example})"},
    "history.integrity.newer": {
        "zh": "来自更新的版本（未知的结构版本 {version}），请先升级本程序",
        "en": "it comes from a newer version (unknown schema version {version}); upgrade this program first"},
    "history.integrity.columns": {"zh": "表和列", "en": "tables and columns"},
    "history.integrity.constraints": {"zh": "约束", "en": "constraints"},
    "history.integrity.views": {"zh": "视图", "en": "views"},
    "history.integrity.functions": {"zh": "宏与函数", "en": "macros and functions"},
    "history.integrity.indexes": {"zh": "索引", "en": "indexes"},
    "history.integrity.sequences": {"zh": "序列", "en": "sequences"},
    "history.integrity.types": {"zh": "类型", "en": "types"},
}

# A private SQLite file (assistant.private_sqlite): what it keeps, and why its mode matters.
TEXTS |= {
    "private_sqlite.error.mode": {
        "zh": "{path} 保存了{holds}，权限应为 600，现在是 {mode}，且无法修改：{error}。请执行 chmod 600 {path}。",
        "en": "{path} keeps {holds}, so its permissions should be 600; they are {mode} and cannot be changed: "
              "{error}. Run chmod 600 {path}."},
    "private_sqlite.holds.chats": {"zh": "对话记录", "en": "saved conversations"},
    "private_sqlite.holds.briefing": {"zh": "推送密钥", "en": "push secrets"},
}

# The limits of an untrusted zip or JSON file (assistant.safety.limits): workspace archives, chat exports.
TEXTS |= {
    "limits.error.members": {"zh": "{name} 含有 {count} 个内部文件，超过上限 {limit}，拒绝读取。",
                             "en": "{name} holds {count} files, more than the limit of {limit}; it was not read."},
    "limits.error.total": {"zh": "{name} 解压后有 {size}，超过上限 {limit}，拒绝读取。",
                           "en": "{name} unpacks to {size}, more than the limit of {limit}; it was not read."},
    "limits.error.ratio": {
        "zh": "{name} 的内部文件 {member} 压缩比异常（{packed} 解压为 {unpacked}），疑似压缩炸弹，拒绝读取。",
        "en": "{member} in {name} unpacks from {packed} to {unpacked}, far more than real files do: it looks like "
              "a zip bomb and was not read."},
    "limits.error.depth": {"zh": "{name} 的 JSON 嵌套超过 {depth} 层，不像聊天导出文件，拒绝读取。",
                           "en": "{name} nests its JSON deeper than {depth} levels, unlike any chat export; "
                                 "it was not read."},
}

"""Texts of the import report (``history import``, ``demo``, the 群数据 page) and of the history CLI
(``history groups/stats/index``, the index progress line); the kinds of messages and events an
import counts are labels (``msg_kind``, ``member_event``, ``group_event``, ``import_status``)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "import.reason": {"zh": "  原因: {error}", "en": "  Reason: {error}"},
    "import.groups": {"zh": "  群: {groups}  时区: {tz}  编码: {encoding}", "en": "  Groups: {groups}  time zone: {tz}  encoding: {encoding}"},
    "import.range": {"zh": "  时间范围: {first} ~ {last}", "en": "  Time range: {first} ~ {last}"},
    "import.warning": {"zh": "  注意: {warning}", "en": "  Note: {warning}"},
    "import.skipped": {"zh": "  跳过 {n} 行: {reasons}", "en": "  Skipped {n} lines: {reasons}"},
    "import.skip_reason": {"zh": "{reason} {n} 行", "en": "{reason} {n} lines"},
    "import.messages": {"zh": "  消息 {n} 条（新增 {added}）: {kinds}", "en": "  {n} messages ({added} new): {kinds}"},
    "import.member_events": {"zh": "  成员变动: {events}（新增 {added}）", "en": "  Member changes: {events} ({added} new)"},
    "import.group_events": {"zh": "  群事件: {events}（新增 {added}）", "en": "  Group events: {events} ({added} new)"},
    "import.snapshots": {"zh": "  成员快照 {n} 份，共 {members} 人次", "en": "  {n} member lists, {members} entries in all"},
    "import.inferred": {"zh": "  按快照推断: 退群 {exits} 人次、入群 {joins} 人次（时间只能确定在两次快照之间）",
                        "en": "  Inferred from member lists: {exits} exits, {joins} joins (each between two lists)"},
    "import.orders": {"zh": "  订单 {n} 笔（新增 {added}，更新 {updated}）", "en": "  {n} orders ({added} new, {updated} updated)"},
    "import.solitaire": {"zh": "  接龙订单 {n} 笔（从群接龙读出，每行一笔{extra}）",
                         "en": "  {n} sign-up list orders (read from the group's sign-up lists, one a line{extra})"},
    "import.solitaire_extra": {"zh": "；另有 {n} 行与导入的订单是同一单，按导入的订单计",
                               "en": "; {n} more lines are orders already imported and count as those"},
    "import.daily_stats": {"zh": "  每日统计 {n} 项", "en": "  {n} daily figures"},
    "import.names": {"zh": "  昵称匹配到成员 {matched} 个，重名无法确定 {ambiguous} 个",
                     "en": "  Nicknames matched to {matched} members, {ambiguous} ambiguous"},
    "import.failed": {"zh": "{n} 个文件导入失败（{files}），原因见上；其余文件已导入。",
                      "en": "{n} files failed to import ({files}), see why above; the other files were imported."},
    "import.bad_end": {"zh": "--end {text!r} 看不懂，请写成 2024-11-30。", "en": "--end {text!r} is not a date: write it as 2024-11-30."},
    "import.demo_done": {"zh": "已生成并导入示例社群：{n} 个文件。", "en": "Made and imported the demo community: {n} files."},
    "import.demo_group": {"zh": "  {name} [{platform}] {first} ~ {last}  消息 {messages}  现有成员 {members}",
                          "en": "  {name} [{platform}] {first} ~ {last}  messages {messages}  members now {members}"},
    "import.demo_next": {"zh": "查看统计：python -m assistant history stats", "en": "See the counts: python -m assistant history stats"},
    "import.weflow_forgot": {"zh": "已删除保存的 WeFlow 访问令牌。", "en": "Deleted the remembered WeFlow token."},
    "import.weflow_token": {"zh": "WeFlow 访问令牌（设置 → API 服务）", "en": "WeFlow API token (Settings → API service)"},
    "index.cli.progress": {"zh": "[检索索引 {done}/{total} 条消息]", "en": "[search index {done}/{total} messages]"},
    "index.cli.synced": {"zh": "群聊检索索引：新增 {added} 段对话，移除 {removed} 段，未变 {kept} 段。",
                         "en": "Group-chat search index: {added} conversations added, {removed} removed, {kept} unchanged."},
    "index.cli.done": {"zh": "群聊检索索引：{groups} 个群，新增 {added} 段对话，移除 {removed} 段，未变 {kept} 段（{seconds:.1f} 秒）。",
                       "en": "Group-chat search index: {groups} groups, {added} conversations added, {removed} removed, "
                             "{kept} unchanged ({seconds:.1f} s)."},
    "history.cli.empty": {"zh": "还没有导入任何群。先运行 `history import 文件` 或 `demo`。",
                          "en": "No groups imported yet. Run `history import FILE` or `demo` first."},
    "history.cli.group": {"zh": "{name} [{platform}] {first} ~ {last}  消息 {messages}  现有成员 {members}  快照 {snapshots}",
                          "en": "{name} [{platform}] {first} ~ {last}  messages {messages}  members now {members}  "
                                "member lists {snapshots}"},
    "history.cli.head": {"zh": "{name} [{platform}] {first} ~ {last}", "en": "{name} [{platform}] {first} ~ {last}"},
    "history.cli.messages": {"zh": "  消息 {messages}  发言人 {senders}  现有成员 {members}（{note}）",
                             "en": "  messages {messages}  senders {senders}  members now {members} ({note})"},
    "history.cli.joins": {"zh": "  入群 {n}（{via}）", "en": "  joins {n} ({via})"},
    "history.cli.exits": {"zh": "  退群 {n}：主动 {voluntary}，被移出 {removed}，快照推断 {inferred}",
                          "en": "  exits {n}: {voluntary} left, {removed} removed, {inferred} inferred from member lists"},
    "history.cli.orders": {"zh": "  订单 {n} 笔  金额 {amount:.2f}  退款 {refund:.2f}",
                           "en": "  orders {n}  amount {amount:.2f}  refunds {refund:.2f}"},
    "history.cli.solitaire": {"zh": "（其中 {n} 笔读自群接龙）", "en": " ({n} read from group sign-up lists)"},
}

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "import_status": {
        "ok": {"zh": "成功", "en": "imported"},
        "failed": {"zh": "失败", "en": "failed"},
        "duplicate": {"zh": "已导入过，跳过", "en": "imported before, skipped"},
    },
    "msg_kind": {
        "text": {"zh": "文本", "en": "text"}, "image": {"zh": "图片", "en": "image"}, "voice": {"zh": "语音", "en": "voice"},
        "video": {"zh": "视频", "en": "video"}, "sticker": {"zh": "表情", "en": "sticker"},
        "location": {"zh": "位置", "en": "location"}, "card": {"zh": "名片", "en": "contact card"},
        "call": {"zh": "通话", "en": "call"}, "link": {"zh": "链接", "en": "link"}, "file": {"zh": "文件", "en": "file"},
        "forward": {"zh": "合并转发", "en": "forwarded chat"}, "mini_program": {"zh": "小程序", "en": "mini program"},
        "reply": {"zh": "引用回复", "en": "quoted reply"}, "channels_video": {"zh": "视频号", "en": "Channels video"},
        "solitaire": {"zh": "接龙", "en": "sign-up list"}, "notice": {"zh": "群公告", "en": "group notice"},
        "transfer": {"zh": "转账", "en": "transfer"}, "red_packet": {"zh": "红包", "en": "red packet"},
        "poll": {"zh": "投票", "en": "poll"}, "music": {"zh": "音乐", "en": "music"}, "other": {"zh": "其他", "en": "other"},
    },
    "member_event": {
        "join": {"zh": "入群", "en": "joined"}, "leave": {"zh": "主动退群", "en": "left"},
        "removed": {"zh": "被移出", "en": "removed"}, "exit": {"zh": "退群（原因未知）", "en": "exited (reason unknown)"},
    },
    "group_event": {
        "revoke": {"zh": "撤回", "en": "unsent"}, "pat": {"zh": "拍一拍", "en": "pat"}, "rename": {"zh": "改群名", "en": "renamed"},
        "red_packet": {"zh": "红包", "en": "red packet"}, "red_packet_claim": {"zh": "领红包", "en": "red packet claimed"},
        "solitaire": {"zh": "接龙", "en": "sign-up list"}, "pin": {"zh": "置顶", "en": "pinned"},
        "notice": {"zh": "群公告", "en": "group notice"}, "system": {"zh": "其他系统消息", "en": "other system messages"},
    },
}

# The import's fix-it errors and warnings (facade, batch, store, source, format detection); an
# importer's rarer parser messages stay in Chinese.
TEXTS |= {
    "import.error.paste_group": {"zh": "粘贴导入需要指定群名。", "en": "A pasted import needs a group name."},
    "import.pasted_name": {"zh": "粘贴的文本", "en": "pasted text"},
    "import.after_check": {"zh": "导入后的检查没有完成：{error}", "en": "The checks after the import did not finish: {error}"},
    "import.weflow_name": {"zh": "WeFlow 同步 · {group}", "en": "WeFlow sync · {group}"},
    "import.no_new": {"zh": "没有新消息。", "en": "No new messages."},
    "import.error.weflow_token": {
        "zh": "需要 WeFlow 的访问令牌：在 WeFlow「设置 → API 服务」里复制 Token，用 --token 传入（或在页面上填写）。",
        "en": "WeFlow's API token is needed: copy the token from WeFlow's Settings → API service and pass it with "
              "--token (or fill it in on the page)."},
    "import.duplicate": {"zh": "这个文件已在 {when} 用同样的设置导入过，没有重复导入。",
                         "en": "This file was imported with the same settings on {when}; it was not imported again."},
    "import.error.open_db": {"zh": "无法打开历史库 {path}：{error}。如果另一个窗口或命令正在导入，请等它结束后重试。",
                             "en": "Cannot open the history database {path}: {error}. If another window or command is "
                                   "importing, wait for it to finish and try again."},
    "import.error.commit": {"zh": "导入没有完成，历史库保持导入前的样子：{error}。请确认磁盘空间足够后重新导入。",
                            "en": "The import did not finish; the history database is as it was before: {error}. "
                                  "Make sure there is enough disk space and import again."},
    "import.error.read_as": {"zh": "按「{format}」读取 {file} 失败：{error}。请确认文件完整且未被改动；如果格式认错了，可用 --format 指定。",
                             "en": "Reading {file} as “{format}” failed: {error}. Make sure the file is complete and "
                                   "unchanged; if the format was guessed wrong, name it with --format."},
    "import.error.named": {"zh": "按「{format}」读取失败：{error}", "en": "Reading as “{format}” failed: {error}"},
    "import.error.nothing": {"zh": "{file} 里没有找到可导入的记录。", "en": "{file} holds no records to import. "},
    "import.error.check_export": {"zh": "请确认导出时选择了正确的聊天和时间范围。",
                                  "en": "Check that the export chose the right chat and time range."},
    "import.error.skipped": {"zh": "跳过的原因：{reasons}", "en": "Lines skipped: {reasons}"},
    "import.error.not_found": {"zh": "找不到文件 {path}。请检查路径是否正确。", "en": "There is no file {path}. Check the path."},
    "import.error.not_file": {"zh": "{path} 不是文件。", "en": "{path} is not a file."},
    "import.error.empty_file": {"zh": "{name} 是空文件，请重新导出。", "en": "{name} is empty: export it again."},
    "import.error.empty_paste": {"zh": "粘贴的内容是空的。请从聊天窗口复制消息后再粘贴。",
                                 "en": "Nothing was pasted. Copy the messages from the chat window, then paste them."},
    "import.error.format_name": {"zh": "不认识的格式 {name!r}。可选：auto、{known}。",
                                 "en": "Unknown format {name!r}. Choose from: auto, {known}."},
    "import.error.forced": {
        "zh": "指定了 --format {name}（{label}），但 {file} 缺少这种格式的表头行：应为「{signature}」，{found}。请确认导出格式，或去掉 --format 让程序自动识别。",
        "en": "--format {name} ({label}) was given, but {file} lacks that format's header line: it should be "
              "“{signature}”, {found}. Check the export's format, or leave out --format to detect it."},
    "import.error.forced_sheet": {"zh": "表格的前几行里没有这一行", "en": "and the sheet's first rows do not have it"},
    "import.error.forced_first": {"zh": "文件第一行是「{first}」", "en": "the file's first line is “{first}”"},
    "import.error.forced_none": {"zh": "文件开头没有可读的文本行", "en": "and the file starts with no readable line"},
    "import.error.damaged_zip": {
        "zh": "{file} 是{kind}，但文件不完整（没有结尾的目录，通常是下载或复制时被截断）。请重新导出或重新打包后再导入。",
        "en": "{file} is {kind}, but it is incomplete (no closing directory; usually cut off while downloading "
              "or copying). Export or zip it again, then import it."},
    "import.error.zip_kind": {"zh": "ZIP 压缩包", "en": "a zip archive"},
    "import.error.unknown": {
        "zh": "无法识别 {file} 的格式。支持：{formats}。请确认这是导出工具生成的原始文件（不要用 Excel 另存），或用 --format 指定格式。",
        "en": "The format of {file} is not recognised. Supported: {formats}. Make sure this is the file the exporter "
              "wrote (not saved again from Excel), or name the format with --format."},
    "import.error.encoding": {"zh": "无法识别文件编码，请用记事本或 WPS 打开后「另存为」UTF-8 编码再导入。",
                              "en": "The file's text encoding is not recognised: open it in Notepad or WPS, “Save as” "
                                    "UTF-8, then import it."},
    "import.error.cut_character": {
        "zh": "文件在末尾被截断（最后一个字符只剩半个），导出没有完成或复制时中断了。请重新导出完整的文件后再导入。",
        "en": "The file is cut off at its end (half of the last character is missing): the export or the copy did "
              "not finish. Export the whole file again, then import it."},
    "import.error.private_with": {"zh": "（与「{who}」）", "en": " (with {who})"},
    "import.error.private": {
        "zh": "{file} 是私聊{peer}，不是群聊。群运营助手只统计群聊，私聊默认不导入；确需导入请加 --allow-private（按两人群导入）。",
        "en": "{file} is a one-to-one chat{peer}, not a group chat. The assistant counts group chats only and leaves "
              "one-to-one chats out; to import it anyway add --allow-private (it comes in as a two-person group)."},
    "import.error.two_speakers": {
        "zh": "（文件本身不注明群聊还是私聊，只有不超过两人发言时按私聊处理；如果这其实是群聊，请用 --group 指定群名。）",
        "en": " (The file does not say whether it is a group; with two speakers or fewer it counts as one-to-one. "
              "If it is a group chat, name the group with --group.)"},
    "import.error.needs_group": {"zh": "{file} 是{what}，文件里没有群名。请用 --group 指定这些记录属于哪个群。",
                                 "en": "{file} holds {what} but names no group. Say which group they belong to with --group."},
    "import.error.records": {"zh": "记录", "en": "records"},
    "import.warn.no_group_name": {"zh": "文件里没有群名，暂用文件名作群名；可用 --group 指定。",
                                  "en": "The file names no group, so the file name stands for it; name it with --group."},
    "import.warn.snapshot_time": {"zh": "成员名单没有注明时间，已用文件修改时间作快照时间；请用 --at 指定导出时间。",
                                  "en": "The member list does not say when it was taken, so the file's modification time "
                                        "is used; give the export time with --at."},
    "import.error.zone": {"zh": "未知时区 {name!r}。请用 IANA 名称，例如 Asia/Shanghai、Asia/Hong_Kong、UTC。",
                          "en": "Unknown time zone {name!r}. Use an IANA name, e.g. Asia/Shanghai, Asia/Hong_Kong, UTC."},
    "import.error.time": {"zh": "时间 {at!r} 看不懂。请写成 2024-06-01 或 2024-06-01 20:00 这样的格式。",
                          "en": "The time {at!r} is not understood. Write it like 2024-06-01 or 2024-06-01 20:00."},
    "import.error.broken_json": {
        "zh": "{file} 不是完整的 JSON（第 {line} 行第 {column} 列：{error}），文件可能没有导出完或被截断。请重新导出后再导入。",
        "en": "{file} is not complete JSON (line {line}, column {column}: {error}); the export may not have finished or "
              "was cut off. Export it again, then import it."},
    "import.error.broken_line": {"zh": "{file} 第 {line} 行不是完整的 JSON（{error}），文件可能被截断。请重新导出。",
                                 "en": "Line {line} of {file} is not complete JSON ({error}); the file may be cut off. "
                                       "Export it again."},
    "import.error.binary": {"zh": "这不是文本文件（含有二进制内容）。请导出为 CSV、TXT、JSON 或 XLSX 后再导入。",
                            "en": "This is not a text file (it holds binary content). Export as CSV, TXT, JSON or XLSX, "
                                  "then import it."},
}

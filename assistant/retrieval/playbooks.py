"""Reading the bundled playbooks (``knowledge/*.md``) into chunks."""

from __future__ import annotations

from pathlib import Path

from ..errors import KnowledgeError
from .chunking import Chunk, chunk_markdown


def load_playbook_chunks(knowledge_dir: Path) -> list[Chunk]:
    """Chunks of every ``*.md`` file directly under ``knowledge_dir``, in file order."""
    if not knowledge_dir.is_dir():
        raise KnowledgeError(f"找不到手册目录 {knowledge_dir}，请确认安装完整 (knowledge/ 随项目提供)")
    chunks: list[Chunk] = []
    for path in sorted(knowledge_dir.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise KnowledgeError(f"无法读取手册 {path.name}: {exc}") from exc
        chunks.extend(chunk_markdown(f"{knowledge_dir.name}/{path.name}", text))
    return chunks

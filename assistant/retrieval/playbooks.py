"""Keeping the bundled playbooks (``knowledge/``) in the index, idempotently.

Chunk ids are content hashes of (file, heading path, text): a sync adds the chunks whose id is
new and deletes the playbook chunks whose id no longer exists. Re-syncing unchanged files
therefore embeds and writes nothing, and editing one section re-embeds only that section.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import KnowledgeError
from .chunking import Chunk, chunk_markdown
from .vector_store import VectorStore

KIND = "playbook"


@dataclass(frozen=True)
class SyncReport:
    """What a sync changed."""

    files: int
    added: int
    removed: int
    unchanged: int


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
        source = f"{knowledge_dir.name}/{path.name}"
        for chunk in chunk_markdown(source, text):
            chunk.metadata.update({"kind": KIND, "collection": "bundled"})
            chunks.append(chunk)
    return chunks


def sync_playbooks(store: VectorStore, knowledge_dir: Path) -> SyncReport:
    """Make the store's playbook chunks equal to the files in ``knowledge_dir``."""
    chunks = {c.id: c for c in load_playbook_chunks(knowledge_dir)}
    stored = store.ids(where={"kind": KIND})
    new = [c for i, c in chunks.items() if i not in stored]
    gone = sorted(stored - chunks.keys())
    if new:
        store.add(new)
    if gone:
        store.delete(gone)
    files = len({c.source for c in chunks.values()})
    return SyncReport(files, len(new), len(gone), len(chunks) - len(new))

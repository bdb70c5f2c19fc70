"""Split a cell into the items it lists: numbered objectives (1.1), lettered steps (a, b, c), bullets, lines.

Each item remembers the segment (line) where it starts, so timescales can be lined up with steps.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .text import clean_line, has_bullet, strip_marker

_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)([a-z])?[.):]?\s+(?=\S)")
_NUMBER = re.compile(r"^(\d{1,2})[.)]\s+(?=\S)")
_LETTER = re.compile(r"^\(?([a-z])[.)]\s+(?=\S)")
# A step numbered with its recommendation: '(1b) Weekly reports …', also run into the text before it.
_NUMLETTER = re.compile(r"^\((\d{1,2}[a-z])\)\s*(?=\S)")
_INLINE_NUMLETTER = re.compile(r"(?<=\s)\((\d{1,2}[a-z])\)\s*(?=\S)")
_ROMAN = re.compile(r"^\(?(i{1,3}|iv|v|vi{1,3}|ix|x)[.)]\s+(?=\S)")
# Inline markers in running text: a letter or number after a space or a full stop ("2023.b. Establish").
_INLINE_LETTER = re.compile(r"(?:(?<=\s)|(?<=[.;:]))\(?([a-z])[.)]\s+(?=\S)")
_INLINE_NUMBER = re.compile(r"(?<=\s)(\d{1,2})[.)]\s+(?=[A-Z])")
_INLINE_BULLET = re.compile(r"(?:^|\s)[•●▪◦\uf0b7]\s*")
_NO_FURTHER = re.compile(r"^no further action", re.IGNORECASE)


@dataclass
class Item:
    text: str
    kind: str  # numletter, decimal, number, letter, roman, bullet, plain
    ref: str | None
    seg: int  # the segment (line) the item starts in
    at_start: bool = True  # starts at the beginning of its segment (else it follows other text there)
    level: int = 1
    children: list[Item] = field(default_factory=list)


def _marker(text: str, expect_letter: str | None) -> tuple[str, str | None, str]:
    """(kind, ref, text without marker) for the start of one line."""
    if m := _NUMLETTER.match(text):
        return "numletter", m.group(1), text[m.end() :]
    if m := _DECIMAL.match(text):
        return "decimal", m.group(1) + (m.group(2) or ""), text[m.end() :]
    if m := _NUMBER.match(text):
        return "number", m.group(1), text[m.end() :]
    roman = _ROMAN.match(text)
    letter = _LETTER.match(text)
    if roman and not (letter and expect_letter == letter.group(1)):
        return "roman", roman.group(1), text[roman.end() :]
    if letter:
        return "letter", letter.group(1), text[letter.end() :]
    if has_bullet(text):
        return "bullet", None, strip_marker(text)
    return "plain", None, text


def _inline_letters(text: str, start_letter: str = "a") -> list[tuple[int, int, str]]:
    """(marker start, text start, letter) of a run of consecutive lettered steps inside running text."""
    found: list[tuple[int, int, str]] = []
    expect = start_letter
    for m in _INLINE_LETTER.finditer(text):
        letter = m.group(1)
        first_ok = not found and start_letter == "a" and letter in ("a", "b")
        if letter == expect or first_ok:
            found.append((m.start(), m.end(), letter))
            expect = chr(ord(letter) + 1)
    return found if len(found) >= 2 or (found and (found[0][0] == 0 or start_letter > "a")) else []


def _inline_numbers(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    expect = 1
    for m in _INLINE_NUMBER.finditer(" " + text):
        if int(m.group(1)) == expect:
            found.append((m.start() - 1, m.end() - 1, m.group(1)))
            expect += 1
    return found if len(found) >= 2 else []


def _split_running(text: str, seg_of: list[int], base_seg: int) -> list[Item]:
    """Items in one run of text: the leading marker, then inline lettered/numbered steps or bullets."""

    def seg_at(offset: int) -> tuple[int, bool]:
        idx = max(bisect.bisect_right(seg_of, offset) - 1, 0)
        return base_seg + idx, not text[seg_of[idx] : offset].strip()

    kind, ref, _ = _marker(text, None)
    lead_len = len(text) - len(_marker(text, None)[2]) if kind != "plain" else 0
    body_start = lead_len
    numletters = [(m.start(), m.end(), m.group(1)) for m in _INLINE_NUMLETTER.finditer(text[body_start:])]
    marks = _inline_letters(text[body_start:], "b" if kind == "letter" and ref == "a" else "a")
    inner_kind = "letter"
    if numletters and (kind == "numletter" or len(numletters) >= 2):
        marks, inner_kind = numletters, "numletter"
    if kind == "letter":
        marks = [(s, e, letter) for s, e, letter in marks if letter > (ref or "")]
    if not marks:
        marks, inner_kind = _inline_numbers(text[body_start:]), "number"
    if not marks:
        bullets = [(m.start(), m.end(), "") for m in _INLINE_BULLET.finditer(text[body_start:])]
        enough = len(bullets) >= (1 if kind == "bullet" else 2)  # '• one • two': the first marks the line
        marks, inner_kind = (bullets, "bullet") if enough else ([], "")
    items: list[Item] = []
    head = text[body_start : body_start + marks[0][0]] if marks else text[body_start:]
    if clean_line(head) or not marks:
        items.append(Item(clean_line(head), kind, ref, *seg_at(0)))
    if marks and inner_kind == "letter" and marks[0][2] == "b" and items and items[-1].kind == "plain":
        items[-1].kind, items[-1].ref = "letter", "a"  # the 'a.' was lost, the text is still there
    for n, (start, end, mark) in enumerate(marks):
        stop = marks[n + 1][0] if n + 1 < len(marks) else len(text) - body_start
        body = clean_line(text[body_start + end : body_start + stop])
        if body:
            items.append(Item(body, inner_kind, mark or None, *seg_at(body_start + start)))
    return [i for i in items if i.text]


def split_items(segments: list[str], *, wrapped: bool) -> list[Item]:
    """The items of a cell, flat and in order, each with its kind, ref and starting segment."""
    runs: list[tuple[str, list[int], int]] = []  # (text, offsets of segment starts, first segment)
    if wrapped:
        text, offsets = "", []
        for seg in segments:
            offsets.append(len(text) + (1 if text else 0))
            text = f"{text} {seg.strip()}" if text else seg.strip()
        if text.strip():
            runs.append((text, offsets, 0))
    else:
        current: tuple[str, list[int], int] | None = None
        lead_in = False
        for n, raw in enumerate(segments):
            line = raw.strip()
            if not line:
                continue
            if current and _continues(current[0], line, lead_in=lead_in):
                lead_in = lead_in or current[0].endswith(":")
                gap = n - current[2] - len(current[1])  # blank lines between take the next line's offset
                offsets = current[1] + [len(current[0]) + 1] * (gap + 1)
                current = (f"{current[0]} {line}", offsets, current[2])
                runs[-1] = current
                continue
            current, lead_in = (line, [0], n), False
            runs.append(current)
    items: list[Item] = []
    for text, offsets, first in runs:
        found = _split_running(text, [o - offsets[0] for o in offsets], first)
        if wrapped and len(found) == 1 and found[0].kind == "plain":
            found = _sentences_by_line(segments) or found
        items.extend(found)
    return items


def _sentences_by_line(segments: list[str]) -> list[Item]:
    """Unmarked wrapped text: a line that starts with a capital after a line ending a sentence starts a new
    item (rows of a PDF table joined after a page break)."""
    items: list[Item] = []
    for n, raw in enumerate(segments):
        line = raw.strip()
        if not line:
            continue
        if items and not (items[-1].text.endswith((".", "!", "?", ";")) and line[:1].isupper()):
            items[-1].text = f"{items[-1].text} {line}"
        else:
            items.append(Item(clean_line(line), "plain", None, n))
    return items if len(items) > 1 else []


def _continues(previous: str, line: str, *, lead_in: bool) -> bool:
    """A line that carries on the one before: after a lead-in ending with ':' (unless the line
    is marked as an item of its own), or starting in lower case after an unfinished sentence."""
    kind, _, _ = _marker(line, None)
    if kind != "plain":
        return False
    if lead_in or previous.rstrip().endswith(":"):
        return True
    return line[:1].islower() and not previous.rstrip().endswith((".", ";", "!", "?"))


def nest(items: list[Item], max_depth: int = 3) -> list[Item]:
    """A tree from the flat items: each new kind of marker opens the next level (1 → a → i)."""
    order: list[str] = []
    for item in items:
        if item.kind != "plain" and item.kind not in order:
            order.append(item.kind)
    for n, item in enumerate(items):
        if item.kind == "plain":
            near = next((i for i in reversed(items[:n]) if i.kind != "plain"), None) or next(
                (i for i in items[n + 1 :] if i.kind != "plain"), None
            )
            item.level = (order.index(near.kind) + 1) if near else 1
        else:
            item.level = order.index(item.kind) + 1
        item.level = min(item.level, max_depth)
    roots: list[Item] = []
    stack: list[Item] = []
    for item in items:
        item.children = []
        while stack and stack[-1].level >= item.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return roots


def is_no_further_action(text: str) -> bool:
    return bool(_NO_FURTHER.match(text.strip()))


def flatten(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out.append(item)
        out.extend(flatten(item.children))
    return out

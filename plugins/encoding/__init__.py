"""Encoding artifacts (ENC): mis-decoded, escaped, invisible and lost characters.

Each module does one job; ``doclint_rules`` gathers the rules of all of them. Mojibake
detection and repair rely on ftfy (Robyn Speer, Apache-2.0), used as a dependency.
"""

from __future__ import annotations

from doclint import Rule, hookimpl
from doclint.plugins.encoding.escapes import escaped_markup, literal_escape_sequence
from doclint.plugins.encoding.file_level import byte_order_mark, invalid_utf8, line_endings, not_nfc
from doclint.plugins.encoding.html_residue import html_entity, html_tag
from doclint.plugins.encoding.invisible import bidi_control, control_character, invisible_character
from doclint.plugins.encoding.mojibake import mojibake
from doclint.plugins.encoding.replacement import lossy_question_mark, replacement_character


@hookimpl
def doclint_rules() -> list[Rule]:
    return [
        mojibake,
        replacement_character,
        lossy_question_mark,
        html_entity,
        html_tag,
        escaped_markup,
        literal_escape_sequence,
        control_character,
        invisible_character,
        bidi_control,
        invalid_utf8,
        byte_order_mark,
        line_endings,
        not_nfc,
    ]

"""Boilerplate and extraction residue (BOI): what a scraper kept of the page around the text.

Per document: photo captions and credits, share/follow/cookie lines, metadata fused into
the text, navigation crumbs. Across the folder (a corpus rule): lines repeated in many
documents, a site's header or footer. The corpus rule reads documents back with the
corpus plugin's ``fetch_one`` helper, one document at a time.
"""

from __future__ import annotations

from doclint import Rule, hookimpl
from doclint.plugins.boilerplate.captions import photo_caption
from doclint.plugins.boilerplate.crumbs import navigation_crumbs
from doclint.plugins.boilerplate.metadata import fused_metadata
from doclint.plugins.boilerplate.repeated import repeated_line
from doclint.plugins.boilerplate.social import share_or_cookie_line


@hookimpl
def doclint_rules() -> list[Rule]:
    return [photo_caption, share_or_cookie_line, fused_metadata, navigation_crumbs, repeated_line]

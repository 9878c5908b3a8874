"""QUO002: direct speech whose quotation marks were stripped."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from doclint import Document, Severity, Violation, rule

from .speech import analyse


@rule(code="QUO002", name="stripped-quotation", severity=Severity.WARNING)
def stripped_quotation(document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
    """
    ## What it does
    Finds direct speech standing without its quotation marks: words attributed to a
    speaker ("…, Putin said", "said Mr Owen", "he told Xinhua", "Xi said: …") that read as
    the speaker's own, because they speak in the first or second person (I, we, our, you)
    inside a third-person article, keep the present tense where reported speech would
    have moved to the past, use a contraction, follow a colon, or go on speaking in the
    first person right after such a sentence. The finding covers the words that should
    have been quoted and names the evidence.

    Indirect speech ("he said that the plan was dead") is not reported, nor are headings,
    list items, sentences that already hold a quotation mark, or documents whose own
    narrative is in the first person (an essay, a novel written as "I"). Verbs of saying
    can be added with `speech-verbs` in `[tool.doclint.quotes]`.

    ## Why is this bad?
    Without its marks a quotation reads as the writer's own claim: the reader can no
    longer tell the article's words from the speaker's. Pipelines that strip or normalise
    punctuation do this silently.

    ## Example
    ```text
    We have never refused to negotiate, he told the news agency.
    ```

    Use instead:
    ```text
    “We have never refused to negotiate,” he told the news agency.
    ```
    """
    analysis = analyse(document, options)
    for candidate in analysis.reported:
        evidence = list(candidate.evidence)
        if analysis.stripped_style:
            evidence.append("no quotation mark anywhere in the document")
        if candidate.kind == "embedded":
            message = (
                f"Stripped quotation: the speaker's own words follow '{candidate.attribution}' "
                f"without quotation marks ({'; '.join(evidence)})"
            )
        elif candidate.kind == "unattributed":
            message = (
                f"Stripped quotation: a sentence in someone's own voice without quotation marks ({'; '.join(evidence)})"
            )
        elif candidate.kind.startswith("continued"):
            message = (
                f"Stripped quotation: this sentence goes on with the quotation before it ({candidate.evidence[0]})"
            )
        else:
            message = (
                f"Stripped quotation: direct speech without quotation marks, attributed by "
                f"'{candidate.attribution}' ({'; '.join(evidence)})"
            )
        yield Violation(candidate.start, candidate.end, message)

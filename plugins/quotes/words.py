"""Word lists of the quotation rules, kept as data (extend them through the options)."""

from __future__ import annotations

# Verbs that attribute words to a speaker, in the forms news and fiction use them
# ("…, he said", "said Mr Owen", "she told Reuters"). Extend with `speech-verbs`.
_SPEECH_VERBS = """
    said says told tells added adds asked asks argued argues insisted insists explained explains
    warned warns claimed claims declared declares stated states noted notes commented comments
    continued continues replied replies responded responds remarked remarks admitted admits
    acknowledged acknowledges conceded concedes suggested suggests predicted predicts
    stressed stresses urged urges maintained maintains observed observes announced announces
    confirmed confirms revealed reveals recalled recalls joked jokes wrote writes cried cries
    shouted shouts exclaimed exclaims whispered whispers murmured murmurs answered answers
    reported reports believes believed thinks thought reckons reckoned feels felt concluded
    concludes agreed agrees boasted boasts complained complains pointed
"""
SPEECH_VERBS = frozenset(_SPEECH_VERBS.split())

# The verbs that nearly always attribute a quotation; their presence between two opening
# marks means the first quotation should have been closed before them. "continued",
# "argued", "warned" … were false alarms: speakers use them inside their own quotations.
ATTRIBUTION_VERBS = frozenset(("said", "says", "told", "tells", "added", "adds", "asked", "replied"))

# The verbs of a trailing attribution ("…, Putin said"). Words that are as often nouns
# ("the smaller EU states", "claims") or that report findings rather than speech
# ("a poll suggests", "the report revealed") were false alarms and are left out.
TRAILING_VERBS = frozenset(
    (
        "said",
        "says",
        "told",
        "tells",
        "added",
        "adds",
        "asked",
        "insisted",
        "insists",
        "explained",
        "warned",
        "argued",
        "stressed",
        "admitted",
        "conceded",
        "replied",
        "continued",
        "wrote",
        "declared",
        "joked",
        "recalled",
        "acknowledged",
        "believes",
        "thinks",
        "reckons",
        "predicted",
    )
)

# Verbs of saying that take a direct quotation after a colon ("Xi said: China hopes ...").
# Mental verbs (believes, thinks, feels) are left out of this use: "he thinks: ..." is rare.
COLON_VERBS = SPEECH_VERBS - {"believes", "believed", "thinks", "thought", "reckons", "reckoned", "feels", "felt"}

# First- and second-person words: inside a clause attributed to a third person they are the
# speaker's own words ("We will strive …, Putin said").
_PERSONS = "i i'm i've i'd i'll me my mine myself we we're we've we'd we'll us our ours ourselves you you're you've you'll your yours"
FIRST_SECOND_PERSON = frozenset(_PERSONS.split())

# Participles that introduce a quotation after a colon ("…, adding: It is aimed at …").
PARTICIPLES = frozenset(("adding", "saying", "warning", "insisting", "explaining", "arguing", "declaring", "stating"))

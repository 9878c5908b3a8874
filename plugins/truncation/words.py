"""Word lists the truncation rules share, kept as data with the reason each entry is here."""

from __future__ import annotations

# Words after which an English sentence cannot stop: articles, conjunctions, prepositions,
# auxiliaries, possessives and subject pronouns. A paragraph or document that ends on one
# of them was cut ("The film is", "… pay less attention to", "one of the"), however short
# the line: this is what tells a cut one-line paragraph from a heading or a byline, which
# end on a name, a date or a noun ("Alex Lantier 19 May 2024"). Words that also end
# phrasal verbs and idioms ("log in", "turn it on", "like it or not", "as I did") are left
# out: a line of site furniture such as "Click here to log in" is not a cut sentence.
_DANGLING = """
    a an the
    and or nor but because although though whereas unless if than whether
    that which who whom whose &
    of to into onto at by for with from between towards toward among upon via amid per
    is are was be been being am has had have will would can could should may might must shall
    my your its our their
    we they he she
    very
"""
DANGLING_WORDS = frozenset(_DANGLING.split())

# The subset of those that open a noun phrase or a clause: articles, prepositions,
# possessives, coordinating conjunctions. A paragraph ending on one of them is broken even
# when the next paragraph starts with a capital ("… and US, British and" / "Ukrainian
# officials …"): the capital belongs to a name. Auxiliaries and pronouns are left out, as
# a heading may end on them ("Who we are" / "Our team …").
_NOUN_PHRASE_OPENERS = """
    a an the
    and or nor but
    of to into onto at for with from between towards toward among upon via per
    my your its our their
"""
NOUN_PHRASE_OPENERS = frozenset(_NOUN_PHRASE_OPENERS.split())

# Single letters that are whole words: any other lone letter at the end of a paragraph is a
# word cut in two ("… against a background of f"). Initials in names ("J. Smith") keep
# their full stop and never end a paragraph bare.
ONE_LETTER_WORDS = frozenset({"a", "i", "o"})

# Lines that close a document without being a sentence: credits, sign-offs and copyright
# notices at the foot of articles and mails. They end on a name or a date, never with a
# full stop, and a false alarm on "Reporting by …" taught us to skip them.
CREDIT_LINE_PREFIXES = (
    "additional reporting",
    "all rights reserved",
    "best regards",
    "best wishes",
    "cheers",
    "compiled by",
    "copyright",
    "edited by",
    "editing by",
    "filed under",
    "follow us",
    "kind regards",
    "last updated",
    "photo by",
    "photograph by",
    "posted by",
    "posted in",
    "published",
    "regards",
    "reporting by",
    "sent from my",
    "share this",
    "sincerely",
    "source",
    "tags",
    "thanks",
    "thank you",
    "translated by",
    "updated",
    "writing by",
    "written by",
    "yours",
    "©",
)

"""Words that end in a period without ending a sentence.

The stray-period rule (PUN003), the doubled-punctuation rule (PUN002, for "etc.,") and
the missing-space rule (PUN004) must not take an abbreviation's period for a sentence
end. The groups follow the exceptions LanguageTool's English rules and sentence
splitters carry; each says which false alarm it prevents. Words are compared in lower
case, without the final period.
"""

from __future__ import annotations

import re

from .context import word_set

# Latin and scholarly abbreviations, routinely followed by a lowercase word: "e.g. the",
# "etc. and", "cf. the", "et al. found", "ibid. p", "viz. that", "vol. ii"; and the
# undotted or misdotted forms technical writers use: "eg. long links", "Press et. al.",
# "mean ± std. dev. of 7 runs", "www. to identify".
LATIN = word_set(
    """
    al approx ca cca cf ch chap circ cit comp conf ed eds esp etc ff fig figs ibid id incl
    loc ms mss nb op orig pp pt qv ref repr resp sc sect ser seq sq sqq suppl trans transl
    viz vol vols vs v var vid eg ie et std dev incorp liab www
    """
)

# Titles, name parts and company forms, usually capitalised ("Mr. and Mrs. Smith",
# "Gen. the Lord", "Smith & Co. and"): the period never ends a sentence.
TITLES = word_set(
    """
    mr mrs ms mx messrs mme mlle dr drs prof profs rev revd hon fr sr jr snr jnr esq st ste
    gen col capt cpt lt sgt cpl maj adm cmdr gov sen rep pres supt insp det mt ft pte bros
    inc ltd co corp plc assn dept univ ave blvd rd hwy no nos nr art arts para paras sec
    secs cl
    """
)

# Months and days ("Jan. to March", "Tue. and Wed.").
CALENDAR = word_set("jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun")

# Units that are words too ("3 in. wide", "10 min. later"): only after a number, as
# "the people in. the town" may well hold a stray period.
UNITS = word_set("in mi gal min mins mo mos cu")

# General short forms and units that are no words ("max. the", "est. and", "eq. and",
# "sold by the lb. in", a recipe's "1 tsp. salt", "cont. on page 2").
GENERAL = word_set(
    """
    max avg est govt tel ext misc abbr adj adv dist div dim eq eqs approx dept aka lb lbs oz
    yd yds qt hr hrs yr yrs wk wks tsp tbsp pkg doz pcs qty excl cont intl natl assoc bldg
    mgmt mgr asst wt ht pg mfg
    """
)

# US states as news agencies abbreviate them ("Springfield, Ill. and", "Boston, Mass.
# and"), only when capitalised: "fell ill. and" may well be a stray period.
STATES = word_set(
    """
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss
    Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo
    """
)

# Abbreviations of other languages in Latin script that precede a lowercase word ("bzw.
# die", "vgl. auch", "env. un", "aprox. un"): a German or French text in a mixed folder
# must not light up.
FOREIGN = word_set("bzw usw vgl ggf evtl inkl zzgl sog bspw dh zb env av apr aprox pag pág núm ej ecc sig ss")

# Clipped words of period and comic prose, where a narrator abbreviates in passing:
# Wodehouse's "the good old persp. was" (a false alarm on a clean novel taught us this
# group), and commercial "your letter of the 3rd inst.", "ult.", "prox.".
CLIPPED = word_set("persp posish inst ult prox fol obs pl fem masc")

ABBREVIATIONS = LATIN | TITLES | CALENDAR | GENERAL | FOREIGN | CLIPPED

# "U.S", "e.g", "a.m", "Ph.D", "i.e": letters separated by periods.
DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
ROMAN = frozenset("IVXLCDM")


def is_abbreviation(word: str, *, after_number: bool = False) -> bool:
    """Whether ``word`` (the letters before a period, the period excluded) abbreviates.

    True for a listed abbreviation, a dotted one ("U.S", "e.g", "a.m"), an initial (one
    letter: "J. smith" in lower-cased text), a Roman numeral ("Henry VIII. was"), a
    capitalised US state ("Ill."), and a unit when ``after_number`` ("6 ft. long").
    """
    if (len(word) == 1 and word.isalpha()) or DOTTED.fullmatch(word):
        return True
    lower = word.lower()
    if lower in ABBREVIATIONS or word in STATES or (after_number and lower in UNITS):
        return True
    return word.isupper() and set(word) <= ROMAN

"""What the rules know that comes from data packages, not from the cable: country names.

``relabel_country_names`` reads three lists generated from countryinfo, pycountry and wordfreq
(:mod:`cable_ner.knowledge.lexicons`). Conversion reads them from those packages; a trained
pipeline's ``span_rules`` component stores the lists it was trained with in its folder
(``span_rules/rule_data.json``), so a packaged model runs the same rules without the packages.
"""
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List


@dataclass(frozen=True)
class RuleData:
    """The lists the rules read: each a frozenset of names as cables write them."""

    country_names: FrozenSet[str]  # case-folded ("costa rica")
    country_short_forms: FrozenSet[str]  # as written ("UK", "U.S.")
    government_acronyms: FrozenSet[str]  # as written ("USG", "GOI")

    @staticmethod
    @lru_cache(maxsize=1)
    def from_packages() -> "RuleData":
        """The lists generated from the installed data packages (about a second, once per process)."""
        from ..knowledge.lexicons import country_names, country_short_forms, government_acronyms

        return RuleData(frozenset(name.casefold() for name in country_names()), country_short_forms(), government_acronyms())

    def to_json(self) -> Dict[str, List[str]]:
        return {name: sorted(getattr(self, name)) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: Dict[str, List[str]]) -> "RuleData":
        missing = sorted(set(cls.__dataclass_fields__) - set(data))
        if missing:
            raise ValueError(f"The span rules' data lacks {', '.join(missing)}: rebuild the pipeline with this version.")
        return cls(**{name: frozenset(data[name]) for name in cls.__dataclass_fields__})

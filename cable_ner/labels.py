"""Label sets as data: the labels of the markup, and the roles the span rules reason with.

The rules think in roles (a person, an organisation, a place, another name), never in label
names. A label set maps each role to one of its labels: PER/ORG/LOC/MISC by default, and the
names other taggers use (PERSON, ORGANIZATION, GPE, LOCATION, OTHER, ...) are known. A label set
whose labels do not map one to one onto the four roles is refused, naming the labels at fault.
"""
from dataclasses import dataclass
from typing import Dict, Sequence, Tuple

DEFAULT_LABELS: Tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
ROLES: Tuple[str, ...] = ("person", "organisation", "place", "other")
# The names taggers give each role.
ROLE_NAMES: Dict[str, Tuple[str, ...]] = {
    "person": ("PER", "PERSON", "PERS"),
    "organisation": ("ORG", "ORGANIZATION", "ORGANISATION"),
    "place": ("LOC", "LOCATION", "GPE", "PLACE", "GEO"),
    "other": ("MISC", "MISCELLANEOUS", "OTHER", "O-MISC"),
}


class LabelSetError(ValueError):
    """A label set the span rules cannot work with."""


@dataclass(frozen=True)
class LabelRoles:
    """The label of each role in one label set: ``LabelRoles("PERSON", "ORG", "GPE", "MISC")``."""

    person: str
    organisation: str
    place: str
    other: str

    @classmethod
    def from_labels(cls, labels: Sequence[str]) -> "LabelRoles":
        """The roles of a label set; raises :class:`LabelSetError` naming what cannot be mapped."""
        by_role: Dict[str, list] = {role: [] for role in ROLES}
        unknown = []
        for label in labels:
            role = next((role for role, names in ROLE_NAMES.items() if label.upper() in names), None)
            if role is None:
                unknown.append(label)
            else:
                by_role[role].append(label)
        problems = []
        if unknown:
            problems.append(f"no role for label(s) {', '.join(unknown)}")
        problems += [f"labels {' and '.join(found)} both name a {role}" for role, found in by_role.items() if len(found) > 1]
        problems += [f"no label for the role '{role}' (one of {', '.join(ROLE_NAMES[role])})"
                     for role, found in by_role.items() if not found]
        if problems:
            raise LabelSetError(
                f"The span rules cannot work with the labels {', '.join(labels)}: {'; '.join(problems)}. "
                "Name one label per role (person, organisation, place, other), or run without rules (--rules none; --vars.rules none in spacy project run)."
            )
        return cls(*(by_role[role][0] for role in ROLES))

    @property
    def labels(self) -> Tuple[str, ...]:
        return (self.person, self.organisation, self.place, self.other)

    def translation(self) -> Dict[str, str]:
        """Every known name of each role, mapped to this label set's label for it (``PER -> PERSON``)."""
        return {name: label for role, label in zip(ROLES, self.labels) for name in ROLE_NAMES[role] if name != label}


DEFAULT_ROLES = LabelRoles(*DEFAULT_LABELS)

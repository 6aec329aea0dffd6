"""Vietnamese administrative units: canonical province names and district look-up.

The unit lists come from extract/data/admin_units.json (built from the MIT
licensed vietnamadminunits package by tools/build_admin_units.py), loaded once.
Names are matched through a key that ignores where the tone mark sits ("Thanh
Hoá" and "Thanh Hóa" are one name) and, as a fallback, through a key without any
diacritics ("thanh hoa"), used only when that key is unambiguous.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

# Combining marks that carry the tone; Vietnamese writes them on one of two
# vowels ("hoá"/"hóa"), so the key keeps the tone but not its position.
_TONE_MARKS = {"\u0300": "1", "\u0301": "2", "\u0303": "3", "\u0309": "4", "\u0323": "5"}

# Centrally run cities: "thành phố X" is a province-level unit for these names.
CENTRAL_CITIES = frozenset({"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"})

# Spellings the package does not carry.
EXTRA_PROVINCE_ALIASES = {
    "TP.HCM": "Hồ Chí Minh",
    "TPHCM": "Hồ Chí Minh",
    "TP HCM": "Hồ Chí Minh",
    "HCM": "Hồ Chí Minh",
    "Sài Gòn": "Hồ Chí Minh",
    "Thừa Thiên - Huế": "Huế",
}

# Words naming the unit type in front of a province name ("tỉnh Thanh Hóa").
_PROVINCE_PREFIXES = ("thành phố ", "tỉnh ", "tp. ", "tp.", "tp ")


@dataclass(frozen=True, slots=True)
class District:
    name: str
    unit_type: str  # "huyện", "quận", "thị xã", "thành phố"
    province: str


@dataclass(frozen=True, slots=True)
class AdminUnits:
    provinces: dict[str, str]  # key -> canonical name (both eras)
    provinces_plain: dict[str, str]  # accent-free key -> canonical name, unambiguous only
    districts: dict[str, tuple[District, ...]]  # key -> every district of that name
    max_province_words: int
    province_spellings: tuple[str, ...]  # every written form of every name, longest first


@lru_cache(maxsize=8192)
def tone_key(name: str) -> str:
    """Lower-case key in which the tone mark's position does not matter."""
    out: list[str] = []
    for word in name.lower().replace("-", " ").split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(_TONE_MARKS[c] for c in decomposed if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        out.append(base + tones)
    return " ".join(out)


def spelling_variants(name: str) -> set[str]:
    """`name` with its tone marks on every vowel of their word ("Hóa", "Hoá").

    Vietnamese puts the tone of "oa", "oe", "uy" on either vowel; text matching
    needs every placement. Impossible placements are generated too: harmless.
    """
    variants = [""]
    for i, word in enumerate(name.split(" ")):
        forms = _word_variants(word)
        variants = [v + (" " if i else "") + f for v in variants for f in forms]
    return set(variants)


def _word_variants(word: str) -> set[str]:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) != 1:
        return {word}
    bare = [c for c in decomposed if c not in _TONE_MARKS]
    forms = {word}
    for i, c in enumerate(bare):
        if c.lower() not in "aeiouy":
            continue
        j = i + 1
        while j < len(bare) and unicodedata.combining(bare[j]):
            j += 1
        forms.add(unicodedata.normalize("NFC", "".join(bare[:j] + tones + bare[j:])))
    return forms


def plain_key(name: str) -> str:
    """Lower-case key without any diacritics ("Đắk Lắk" -> "dak lak")."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.lower().replace("-", " ").split())


@cache
def units() -> AdminUnits:
    raw = json.loads(
        resources.files("extract").joinpath("data/admin_units.json").read_text("utf-8")
    )
    names = [p["name"] for p in raw["provinces_before_2025"]]
    names += [p["name"] for p in raw["provinces_since_2025"]]
    aliases = {**raw["aliases"], **EXTRA_PROVINCE_ALIASES}
    provinces = {tone_key(n): n for n in names}
    provinces.update({tone_key(a): n for a, n in aliases.items()})
    plain: dict[str, str | None] = {}
    for key_source, canonical in [(n, n) for n in names] + list(aliases.items()):
        key = plain_key(key_source)
        plain[key] = canonical if plain.get(key, canonical) == canonical else None
    districts: dict[str, list[District]] = {}
    for province, items in raw["districts_before_2025"].items():
        for item in items:
            district = District(item["name"], item["type"], province)
            districts.setdefault(tone_key(item["name"]), []).append(district)
    return AdminUnits(
        provinces=provinces,
        provinces_plain={k: v for k, v in plain.items() if v is not None},
        districts={k: tuple(v) for k, v in districts.items()},
        max_province_words=max(len(k.split()) for k in provinces),
        province_spellings=tuple(
            sorted(
                {v for n in [*names, *aliases] for v in spelling_variants(n)},
                key=len,
                reverse=True,
            )
        ),
    )


@lru_cache(maxsize=8192)  # pure; the same few dozen names recur in every article
def canonical_province(name: str) -> str | None:
    """The canonical spelling of a province name, or None if it names none.

    Accepts the unit word ("tỉnh Thanh Hoá", "TP. Hồ Chí Minh"), either tone
    placement and input without diacritics ("thanh hoa"); both the 63 provinces
    before and the 34 after the July 2025 reorganisation.
    """
    text = unicodedata.normalize("NFC", " ".join(name.split()))
    lowered = text.lower()
    for prefix in _PROVINCE_PREFIXES:
        if lowered.startswith(prefix) and len(lowered) > len(prefix):
            text = text[len(prefix) :].strip()
            break
    table = units()
    found = table.provinces.get(tone_key(text))
    if found is None:
        found = table.provinces_plain.get(plain_key(text))
    return found


def districts_named(name: str) -> tuple[District, ...]:
    """Every pre-2025 district (huyện, quận, thị xã, city) spelled `name`."""
    return units().districts.get(tone_key(name), ())

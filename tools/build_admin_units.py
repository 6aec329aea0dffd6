"""Build extract/data/admin_units.json from the vietnamadminunits package (MIT).

Run once after upgrading that package: `python tools/build_admin_units.py`.

The package's JSON data files are read directly; the package itself is never
imported, because importing it pulls in geopy and shapely and its old-to-new
converter can call an online geocoder. The output is small (province names of
both eras, the pre-2025 districts, the 2025 merger map) and is what the figure
extractor loads at runtime.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "extract" / "data" / "admin_units.json"

# Renamed units the package spells only in their current form.
ALIASES = {"Thừa Thiên Huế": "Huế"}


def package_data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("vietnamadminunits is not installed: pip install vietnamadminunits")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def package_version() -> str:
    from importlib.metadata import version

    return version("vietnamadminunits")


def build() -> dict[str, object]:
    data = package_data_dir()
    legacy = json.loads((data / "parser_legacy.json").read_text("utf-8"))
    current = json.loads((data / "parser_from_2025.json").read_text("utf-8"))
    merger = json.loads((data / "converter_2025.json").read_text("utf-8"))

    def short(key: str, table: dict) -> str:
        return table["DICT_PROVINCE"][key]["provinceShort"]

    def kind(record: dict) -> str:
        return "thành phố" if record["province"].startswith("Thành phố") else "tỉnh"

    old = [
        {"name": p["provinceShort"], "type": kind(p), "code": p["provinceCode"]}
        for p in legacy["DICT_PROVINCE"].values()
    ]
    new = [
        {
            "name": p["provinceShort"],
            "type": kind(p),
            "code": p["provinceCode"],
            "merged_from": [short(k, legacy) for k in merger["DICT_PROVINCE"][key]],
        }
        for key, p in current["DICT_PROVINCE"].items()
    ]
    districts = {
        short(key, legacy): [
            {"name": d["districtShort"], "type": d["districtType"].lower()} for d in table.values()
        ]
        for key, table in legacy["DICT_PROVINCE_DISTRICT"].items()
    }
    return {
        "source": (
            f"vietnamadminunits {package_version()} (MIT licence), data files "
            "parser_legacy.json, parser_from_2025.json, converter_2025.json; "
            "built by tools/build_admin_units.py"
        ),
        "provinces_before_2025": old,
        "provinces_since_2025": new,
        "districts_before_2025": districts,
        "aliases": ALIASES,
    }


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()

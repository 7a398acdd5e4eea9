# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Validation against the official HSDS 3.0 JSON schemas.

The schemas are not shipped with this addon (CC BY-SA, published by Open
Referral): point ``HT_HSDS_DIR`` (environment) or the system parameter
``ht_referral_network.hsds_schema_dir`` at a copy of the specification's 3.0 tree
(the folder holding ``schema/``), or keep it next to this repository as
``../shared/hsds-3.0``.
"""

import functools
import json
import os
from pathlib import Path

SCHEMA_PARAM = "ht_referral_network.hsds_schema_dir"
BASE_URI = "https://openreferral.org/hsds/3.0/schema/"


def candidate_dirs(configured=None):
    """Where the HSDS tree may be, in order."""
    found = []
    if os.environ.get("HT_HSDS_DIR"):
        found.append(Path(os.environ["HT_HSDS_DIR"]))
    if configured:
        found.append(Path(configured))
    found.append(Path(__file__).resolve().parents[3] / "shared" / "hsds-3.0")
    return found


def validation_available():
    """jsonschema and referencing (requirements.txt) are needed by the import
    only: the export and the API work without them."""
    try:
        import jsonschema  # noqa: F401
        import referencing  # noqa: F401
    except ImportError:
        return False
    return True


def find_schema_dir(configured=None):
    """The first candidate holding ``schema/service.json``, or None."""
    for path in candidate_dirs(configured):
        if (path / "schema" / "service.json").is_file():
            return path
    return None


@functools.lru_cache(maxsize=8)
def _registry(schema_dir):
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = []
    for path in sorted((Path(schema_dir) / "schema").glob("*.json")):
        if path.name == "openapi.json":
            continue
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append(
            (
                BASE_URI + path.name,
                Resource.from_contents(contents, default_specification=DRAFT202012),
            )
        )
    return Registry().with_resources(resources)


@functools.lru_cache(maxsize=64)
def validator(schema_dir, name, compiled=False):
    """A Draft 2020-12 validator (formats checked) for ``schema/<name>.json`` (its
    ``$ref`` to other schema files resolved through a registry) or for
    ``schema/compiled/<name>.json``."""
    from jsonschema import Draft202012Validator

    sub = "compiled/" if compiled else ""
    path = Path(schema_dir) / "schema" / f"{sub}{name}.json"
    schema = dict(json.loads(path.read_text(encoding="utf-8")))
    schema["$id"] = f"{BASE_URI}{sub}{name}.json"
    schema.setdefault("$schema", "https://json-schema.org/draft/2020-12/schema")
    return Draft202012Validator(
        schema,
        registry=_registry(str(schema_dir)),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def errors(schema_dir, name, document, compiled=False):
    """Plain-words errors of ``document`` against the schema, at most five."""
    found = sorted(
        validator(str(schema_dir), name, compiled).iter_errors(document),
        key=lambda e: list(e.absolute_path),
    )
    return [
        "{}: {}".format("/".join(str(p) for p in e.absolute_path) or name, e.message)
        for e in found[:5]
    ]

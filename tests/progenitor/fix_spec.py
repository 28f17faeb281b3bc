#!/usr/bin/env python3
"""Mechanical fixes that progenitor 0.15 needs on swagger2openapi's OpenAPI 3 output of
specs/gitlab-ci-packages-api-openapi.yml (GitLab's Grape routes, Swagger 2.0).

    fix_spec.py IN.json OUT.json [--skip FIX]...

Each fix is a function below, run in the order of FIXES; each prints how many things it
changed and the run fails unless every operation of the input is still there at the end.
`--skip FIX` leaves one out, to check that progenitor still needs it (see README.md).
Standard library only.
"""

import json
import re
import sys

DUPS = "\0dups"  # not a key of the output: removed before writing
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def operations(spec):
    """Every (path, method, operation) of the document."""
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def template_names(path):
    """The `{name}` variables of a path template."""
    return re.findall(r"\{(\w+)\}", path)


def rename_paths(spec, rename):
    """Rewrites every path key with `rename` (order kept); returns how many changed.

    A path that collides with an earlier one is set aside in `spec[DUPS]`, for
    merge_duplicate_paths."""
    changed, out = 0, {}
    for path, item in spec["paths"].items():
        new = rename(path)
        changed += new != path
        if new in out:
            spec.setdefault(DUPS, []).append((new, item))
        else:
            out[new] = item
    spec["paths"] = out
    spec[DUPS] = [(rename(path), item) for path, item in spec.get(DUPS, [])]
    return changed


# Grape escapes NuGet v2's OData parentheses (`Packages\(\)`); a URL has no backslash.
def unescape_nuget_parens(spec):
    return rename_paths(spec, lambda p: p.replace("\\(", "(").replace("\\)", ")"))


# Grape's optional group `(*path/)` (generic packages) becomes a required `{path}/` segment.
def optional_path_groups(spec):
    return rename_paths(spec, lambda p: re.sub(r"\(\*(\w+)/\)", r"{\1}/", p))


# Grape's glob segments `*name` become template variables `{name}` (counted by path).
def glob_segments(spec):
    globs = sum(len(re.findall(r"\*(\w+)", p)) for p in spec["paths"])
    paths = rename_paths(spec, lambda p: re.sub(r"\*(\w+)", r"{\1}", p))
    return f"{paths} paths ({globs} globs)"


# Two routes that now have the same template are merged into one path item (their methods differ).
def merge_duplicate_paths(spec):
    dups = spec.pop(DUPS, [])
    for path, item in dups:
        print(f"    merged into {path}: {', '.join(m.upper() for m in METHODS if m in item)}")
        target = spec["paths"][path]
        for key, value in item.items():
            if key in target and key in METHODS:
                sys.exit(f"merge_duplicate_paths: {key.upper()} {path} twice")
            if key == "parameters":
                target.setdefault("parameters", []).extend(value)
            else:
                target.setdefault(key, value)
    return len(dups)


# Grape documents a glob's value as a query parameter; it is the path variable of that name.
def glob_query_params_to_path(spec):
    count = 0
    for path, _, op in operations(spec):
        names = set(template_names(path))
        for param in op.get("parameters", []):
            if param.get("in") == "query" and param.get("name") in names:
                param["in"] = "path"
                param["required"] = True
                count += 1
    return count


def body_schema(spec, op):
    """The JSON body's object schema of an operation (resolving one `$ref`), or None."""
    content = op.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema and "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return schema if schema and "properties" in schema else None


# For PUT routes Grape puts a glob's value in the body schema; it is the path variable.
def body_props_to_path(spec):
    count = 0
    for path, _, op in operations(spec):
        declared = {p.get("name") for p in op.get("parameters", []) if p.get("in") == "path"}
        schema = body_schema(spec, op)
        if schema is None:
            continue
        for name in template_names(path):
            if name in declared or name not in schema["properties"]:
                continue
            prop = schema["properties"].pop(name)
            if name in schema.get("required", []):
                schema["required"].remove(name)
                if not schema["required"]:
                    del schema["required"]
            param = {"in": "path", "name": name, "required": True, "schema": {"type": "string"}}
            if "description" in prop:
                param["description"] = prop["description"]
            op.setdefault("parameters", []).append(param)
            count += 1
    return count


# RubyGems' `type: file` path param became a GET request body in swagger2openapi: make it a string path param.
def rubygems_file_path_params(spec):
    count, refs = 0, set()
    for path, _, op in operations(spec):
        declared = {p.get("name") for p in op.get("parameters", [])}
        body = op.get("requestBody", {})
        ref = body.get("$ref", "")
        if "/rubygems/" not in path or "file_name" not in template_names(path) or not ref:
            continue
        if "file_name" in declared:
            continue
        del op["requestBody"]
        refs.add(ref.split("/")[-1])
        op.setdefault("parameters", []).append(
            {"in": "path", "name": "file_name", "required": True, "schema": {"type": "string"}}
        )
        count += 1
    bodies = spec.get("components", {}).get("requestBodies", {})
    for name in refs:
        bodies.pop(name, None)
    return count


# NuGet entities have both `@id` (the JSON-LD URL) and `id`: both become the field `id`; drop `@id`.
def drop_at_id_duplicates(spec):
    count = 0
    for schema in spec.get("components", {}).get("schemas", {}).values():
        props = schema.get("properties", {})
        if "@id" in props and "id" in props:
            del props["@id"]
            if "@id" in schema.get("required", []):
                schema["required"].remove("@id")
            count += 1
    return count


FIXES = [
    unescape_nuget_parens,
    optional_path_groups,
    glob_segments,
    merge_duplicate_paths,
    glob_query_params_to_path,
    body_props_to_path,
    rubygems_file_path_params,
    drop_at_id_duplicates,
]


def main(argv):
    skip = set()
    args = []
    it = iter(argv)
    for arg in it:
        if arg == "--skip":
            skip.add(next(it))
        else:
            args.append(arg)
    names = {f.__name__ for f in FIXES}
    if len(args) != 2 or not skip <= names:
        sys.exit(f"usage: fix_spec.py IN.json OUT.json [--skip FIX]...; FIX is one of {sorted(names)}")
    src, dst = args
    with open(src, encoding="utf-8") as f:
        spec = json.load(f)
    before = sum(1 for _ in operations(spec))
    for fix in FIXES:
        if fix.__name__ in skip:
            print(f"  {fix.__name__}: skipped")
            if fix is merge_duplicate_paths:
                # As a plain rewrite of the keys would: the later item is lost.
                spec.pop(DUPS, None)
            continue
        print(f"  {fix.__name__}: {fix(spec)}")
    if spec.pop(DUPS, None):
        sys.exit("fix_spec.py: colliding paths left unmerged")
    after = sum(1 for _ in operations(spec))
    ids = [op.get("operationId") for _, _, op in operations(spec)]
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"operations: {before} in, {after} out ({len(set(ids))} distinct operationIds)")
    if after < before or len(set(ids)) != after:
        sys.exit("fix_spec.py: operations were lost or operationIds collide")


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""Compares the outputs of the compat runners (contract: README.md beside this file).

    compare.py A.json B.json [C.json ...]

Every file is compared with the first, field by field; each difference is printed with its
JSON path. Proto3 JSON writers differ in whether they print default values, so a field missing
on one side equals the default on the other (0, "0", "", false, null, an empty list or object,
an object of defaults only, or an enum name ending in _UNSPECIFIED). Numbers are compared as
numbers: an int64 printed as a string equals the same integer printed as a number, and doubles
must be exactly equal. Left out of the comparison: the top-level "client" (each runner names
itself), the batchId of each ack (chosen by each runner, which checks its own acks against
the batches it sent), and "updatedAt" (the server's clock when an account was written), of
which only presence is compared.

Option --relative-tolerance R (default 0: exact, as the contract says) lets two doubles differ
by at most R times the larger magnitude. The server's decayed sums are order-independent only
up to floating-point rounding (see ForwardDecay in src/ScoringGrid.Scoring): an account's
engagement given is summed in the order its events come back from the partitions, which varies
from run to run, so the same data in two tenants can differ in the last bits.

Exit status: 0 when all files agree, 1 when any differs, 2 on bad usage or an unreadable file.
"""

import argparse

import json
import math
import re
import sys

INTEGER = re.compile(r"-?\d+")


def is_default(value):
    """Whether a proto3 JSON value is its field's default, as a writer might leave it out."""
    if value is None or value is False:
        return True
    if value is True:
        return False
    if isinstance(value, (int, float)):
        return value == 0
    if isinstance(value, str):
        return value in ("", "0") or value.endswith("_UNSPECIFIED")
    if isinstance(value, list):
        return not value
    if isinstance(value, dict):
        return all(is_default(v) for v in value.values())
    return False


def as_number(value):
    """A JSON number, or an int64 written as a decimal string, as a Python number; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str) and INTEGER.fullmatch(value):
        return int(value)
    return None


def same_scalar(a, b, tolerance=0.0):
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    x, y = as_number(a), as_number(b)
    if x is not None and y is not None:
        if isinstance(x, int) and isinstance(y, int):
            return x == y
        fx, fy = float(x), float(y)
        if fx == fy or (math.isnan(fx) and math.isnan(fy)):
            return True
        return math.isfinite(fx) and math.isfinite(fy) and abs(fx - fy) <= tolerance * max(abs(fx), abs(fy))
    return type(a) is type(b) and a == b


def show(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def rule(path):
    """How the value at a path is compared: "skip", "presence" or "value"."""
    if path == ("client",):
        return "skip"
    if len(path) == 3 and path[0] == "acks" and path[2] == "batchId":
        return "skip"
    if path and path[-1] == "updatedAt":
        return "presence"
    return "value"


def render(path, reference=None):
    """$.results[4].response.engagementGiven, with the method of a result: results[4]<GetAccountScore>."""
    text = "$"
    for i, part in enumerate(path):
        if isinstance(part, int):
            text += f"[{part}]"
            if i == 1 and path[0] == "results" and reference is not None:
                results = reference.get("results")
                if isinstance(results, list) and part < len(results) and isinstance(results[part], dict):
                    method = results[part].get("method")
                    if method:
                        text += f"<{method}>"
        else:
            text += f".{part}"
    return text


def differences(a, b, path=(), tolerance=0.0):
    """Yields (path, a value, b value) for every difference; missing values are the string "(missing)"."""
    how = rule(path)
    if how == "skip":
        return
    if how == "presence":
        if is_default(a) != is_default(b):
            yield path, a, b
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            child = path + (key,)
            if rule(child) == "skip":
                continue
            if key in a and key in b:
                yield from differences(a[key], b[key], child, tolerance)
            elif key in a:
                if not is_default(a[key]):
                    yield child, a[key], "(missing)"
            elif not is_default(b[key]):
                yield child, "(missing)", b[key]
        return
    if isinstance(a, list) and isinstance(b, list):
        for i in range(min(len(a), len(b))):
            yield from differences(a[i], b[i], path + (i,), tolerance)
        for i in range(len(b), len(a)):
            yield path + (i,), a[i], "(missing)"
        for i in range(len(a), len(b)):
            yield path + (i,), "(missing)", b[i]
        return
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        if not (is_default(a) and is_default(b)):
            yield path, a, b
        return
    if not same_scalar(a, b, tolerance):
        yield path, a, b


def compare(reference, other, tolerance=0.0):
    """The differences of other from reference, as printable lines."""
    lines = []
    for path, x, y in differences(reference, other, (), tolerance):
        left = x if x == "(missing)" else show(x)
        right = y if y == "(missing)" else show(y)
        line = f"{render(path, reference)}: {left} != {right}"
        fx, fy = as_number(x), as_number(y)
        if isinstance(fx, float) and isinstance(fy, float) and math.isfinite(fx) and math.isfinite(fy):
            line += f" (relative difference {abs(fx - fy) / max(abs(fx), abs(fy)):.1e})"
        lines.append(line)
    return lines


def load(path):
    with open(path, encoding="utf-8") as f:
        document = json.load(f)
    if not isinstance(document, dict):
        raise ValueError("the top level must be a JSON object")
    return document


def main(argv):
    parser = argparse.ArgumentParser(description="Compares compat runner outputs with the first one.")
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--relative-tolerance", type=float, default=0.0, metavar="R",
                        help="largest relative difference allowed between two doubles (default 0: exact)")
    args = parser.parse_args(argv)
    files = args.files
    if len(files) < 2 or not 0 <= args.relative_tolerance < 1:
        parser.print_usage(sys.stderr)
        print("compare.py: needs at least two files, and a tolerance in [0, 1)", file=sys.stderr)
        return 2
    documents = []
    for path in files:
        try:
            documents.append(load(path))
        except (OSError, ValueError) as error:
            print(f"compare: {path}: {error}", file=sys.stderr)
            return 2

    def name(i):
        client = documents[i].get("client")
        return f"{files[i]} ({client})" if client else files[i]

    differing = 0
    for i in range(1, len(documents)):
        lines = compare(documents[0], documents[i], args.relative_tolerance)
        if lines:
            differing += 1
            print(f"compare: {name(i)} differs from {name(0)} in {len(lines)} place(s) (left: {files[0]}):")
            for line in lines:
                print(f"  {line}")
        else:
            print(f"compare: {name(i)} agrees with {name(0)}")
    if differing:
        print(f"compare: {differing} of {len(documents) - 1} file(s) differ")
        return 1
    print(f"compare: all {len(documents)} files agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

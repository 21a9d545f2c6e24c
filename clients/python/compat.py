#!/usr/bin/python3
"""Compat runner of the Python client: plays clients/compat/scenario.json through
ScoringGridClient and writes what the server answered (contract: clients/compat/README.md).

    compat.py --address http://127.0.0.1:PORT --api-key KEY --scenario clients/compat/scenario.json --out FILE
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from scoringgrid import ScoringGridClient, ScoringGridError, from_dict, to_dict  # noqa: E402
from scoringgrid.v1 import accounts_pb2, interactions_pb2, scores_pb2  # noqa: E402


def _as_of(request):
    return request.as_of if request.HasField("as_of") else None


def _pairs(pairs):
    return [(p.account_a, p.account_b) for p in pairs]


# method -> (request type, call through the client)
QUERIES = {
    "GetAccount": (accounts_pb2.GetAccountRequest,
                   lambda c, r: c.get_account(r.account_id)),
    "GetAccountScore": (scores_pb2.GetAccountScoreRequest,
                        lambda c, r: c.get_account_score(r.account_id, as_of=_as_of(r))),
    "GetRelationship": (scores_pb2.GetRelationshipRequest,
                        lambda c, r: c.get_relationship(r.pair.account_a, r.pair.account_b, as_of=_as_of(r))),
    "BatchGetRelationships": (scores_pb2.BatchGetRelationshipsRequest,
                              lambda c, r: c.batch_get_relationships(_pairs(r.pairs), as_of=_as_of(r))),
    "GetTopRelationships": (scores_pb2.GetTopRelationshipsRequest,
                            lambda c, r: c.get_top_relationships(r.account_id, direction=r.direction, limit=r.limit,
                                                                 minimum_tier=r.minimum_tier, as_of=_as_of(r))),
    "GetResponsiveness": (scores_pb2.GetResponsivenessRequest,
                          lambda c, r: c.get_responsiveness(r.account_id, as_of=_as_of(r))),
    "ListOpenExpectations": (scores_pb2.ListOpenExpectationsRequest,
                             lambda c, r: c.list_open_expectations(r.account_id, limit=r.limit, as_of=_as_of(r))),
}


def run(client, scenario):
    """Plays the scenario; returns the output document."""
    upserts = []
    for i, entry in enumerate(scenario["accounts"]):
        account = from_dict(entry, accounts_pb2.UpsertAccountRequest).account
        try:
            response = client.upsert_account(account.account_id, display_name=account.display_name,
                                             segment=account.segment, topics=account.topics)
        except ScoringGridError as error:
            raise SystemExit(f"compat: accounts[{i}] ({account.account_id}): upsert failed: {error}")
        upserts.append(to_dict(response))

    batches = [[from_dict(item, interactions_pb2.Interaction) for item in batch] for batch in scenario["batches"]]
    try:
        acks = [to_dict(ack) for ack in client.ingest_stream(batches)]
    except ScoringGridError as error:
        raise SystemExit(f"compat: batches: IngestStream failed: {error}")

    results = []
    for i, query in enumerate(scenario["queries"]):
        method = query["method"]
        if method not in QUERIES:
            raise SystemExit(f"compat: queries[{i}].method: unknown method {method!r}")
        request_type, call = QUERIES[method]
        request = from_dict(query.get("request", {}), request_type)
        try:
            results.append({"method": method, "response": to_dict(call(client, request))})
        except ScoringGridError as error:
            results.append({"method": method, "error": {"code": error.code_name}})
    return {"client": "python", "upserts": upserts, "acks": acks, "results": results}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Plays the compat scenario through the Python client.")
    parser.add_argument("--address", required=True, help="http://127.0.0.1:PORT or 127.0.0.1:PORT")
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--scenario", required=True, help="clients/compat/scenario.json")
    parser.add_argument("--out", required=True, help="where to write the answers (JSON)")
    parser.add_argument("--timeout", type=float, default=20.0, help="deadline of each call, seconds")
    args = parser.parse_args(argv)

    with open(args.scenario, encoding="utf-8") as f:
        scenario = json.load(f)
    with ScoringGridClient(args.address, args.api_key, timeout=args.timeout) as client:
        output = run(client, scenario)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(output, f, indent=1, ensure_ascii=False)
        f.write("\n")
    errors = sum(1 for r in output["results"] if "error" in r)
    print(f"compat (python): {len(output['upserts'])} upserts, {len(output['acks'])} acks, "
          f"{len(output['results'])} results ({errors} errors) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

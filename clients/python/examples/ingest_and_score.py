#!/usr/bin/python3
"""Ingests a short conversation between a brand and two customers, then prints the
relationship of one customer with the brand and the brand's account score.

    examples/ingest_and_score.py [--address http://127.0.0.1:50051] [--api-key KEY]

The address and key default to SCORINGGRID_ADDRESS and SCORINGGRID_API_KEY. Event ids are
fixed, so running it again shows the second batch counted as duplicates.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from scoringgrid import (InteractionKind, ScoringGridClient, ScoringGridError, Tier, conversion,  # noqa: E402
                         direct_message, interaction, mention, post, reply)

HOUR = 3600 * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--address", default=os.environ.get("SCORINGGRID_ADDRESS", "http://127.0.0.1:50051"))
    parser.add_argument("--api-key", default=os.environ.get("SCORINGGRID_API_KEY"))
    parser.add_argument("--id-prefix", default="example", help="prefix of the account and event ids")
    args = parser.parse_args()
    if not args.api_key:
        parser.error("--api-key (or SCORINGGRID_API_KEY) is required")

    p = args.id_prefix
    brand, ana, ben = f"{p}-brand", f"{p}-ana", f"{p}-ben"
    start = time.time_ns() // 1_000_000 - 48 * HOUR
    with ScoringGridClient(args.address, args.api_key, timeout=10) as client:
        client.upsert_account(brand, display_name="Example Brand", segment="BRAND", topics=["coffee"])
        client.upsert_account(ana, display_name="Ana", segment="CUSTOMER")
        ack = client.ingest([
            post(f"{p}-e1", brand, occurred_at=start),
            interaction(f"{p}-e2", ana, brand, kind="LIKE", occurred_at=start + HOUR),
            mention(f"{p}-e3", ana, brand, occurred_at=start + 2 * HOUR, sentiment=0.8),
            reply(f"{p}-e4", brand, ana, in_reply_to=f"{p}-e3", occurred_at=start + 3 * HOUR),
            direct_message(f"{p}-e5", ben, brand, occurred_at=start + 4 * HOUR),
            conversion(f"{p}-e6", ana, brand, value=24.0, occurred_at=start + 5 * HOUR),
        ], batch_id="example")
        print(f"batch {ack.batch_id}: {ack.accepted} accepted, {ack.duplicates} duplicates, "
              f"{len(ack.rejected)} rejected")

        rel = client.get_relationship(ana, brand)
        print(f"ana -> brand {rel.a_to_b:.3f}, brand -> ana {rel.b_to_a:.3f}, reciprocity {rel.reciprocity:.3f}, "
              f"strength {rel.strength:.3f}, tier for the brand {Tier.Name(rel.tier_for_b)}")

        score = client.get_account_score(brand)
        received = ", ".join(f"{c.count} {InteractionKind.Name(c.kind)[17:]}" for c in score.received)
        r = score.responsiveness
        print(f"brand: engagement received {score.engagement_received:.3f} ({received}), "
              f"given {score.engagement_given:.3f}, posts {score.posts}")
        print(f"brand responsiveness: {r.answered} answered, {r.open_within_sla} open within SLA, "
              f"{r.open_past_sla} past it; economic value {score.post_rates.economic_value:.2f}")

        try:
            client.get_account(f"{p}-nobody")
        except ScoringGridError as error:
            print(f"as expected, {error.code_name}: {error.details}")


if __name__ == "__main__":
    main()

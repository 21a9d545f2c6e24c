#!/usr/bin/env python3
"""Writes scenario.json, the script every client's compat runner plays (see README.md).

A small brand-and-audience story, generated from a fixed seed so that the file is the same on
every run: the brand account "northwind" (a coffee roaster), 30 audience accounts (customers,
influencers, media, prospects, partners, employees), two weeks of November 2026 of posts,
likes, shares, comments, mentions answered (or not) by replies naming the mention, direct
messages both ways, follows and one unfollow, views, clicks and conversions with a value;
four batches, with one event re-sent (a duplicate event_id) and one invalid item (actor equal
to target); then queries covering every query method at fixed instants.

    generate_scenario.py [--seed N] [--out FILE]      (default: scenario.json beside this file)
"""

import argparse
import datetime
import json
import os
import random

SEED = 20261102
HERE = os.path.dirname(os.path.abspath(__file__))

MINUTE = 60_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR


def millis(year, month, day, hour=0, minute=0):
    moment = datetime.datetime(year, month, day, hour, minute, tzinfo=datetime.timezone.utc)
    return int(moment.timestamp()) * 1000


START = millis(2026, 11, 2)            # first day of the story (a Monday)
DAYS = 12                              # events until 2026-11-13
MID = millis(2026, 11, 8, 18)          # asOf of the mid-story queries
END = millis(2026, 11, 15, 12)         # asOf of the end-of-story queries
NEVER_SEEN = "never-seen-account"
BRAND = "northwind"

FIRST_NAMES = ["ana", "ben", "chloe", "dev", "elif", "farah", "gus", "hana", "ivan", "jade", "kofi", "lena",
               "marco", "nia", "omar", "priya", "quinn", "rosa", "sami", "tara", "uma", "vik", "wen", "xavi",
               "yara", "zane", "ines", "joel", "kai", "luz"]
LAST_NAMES = ["reyes", "okafor", "lind", "patel", "sato", "moreau", "novak", "haddad", "kim", "silva", "berg",
              "costa", "dubois", "ito", "khan"]
SEGMENTS = (["SEGMENT_INFLUENCER"] * 4 + ["SEGMENT_MEDIA"] * 2 + ["SEGMENT_CUSTOMER"] * 14 +
            ["SEGMENT_PROSPECT"] * 5 + ["SEGMENT_PARTNER"] * 2 + ["SEGMENT_EMPLOYEE"] * 3)
TOPICS = ["coffee", "espresso", "latte-art", "sustainability", "fair-trade", "brewing", "cafes", "recipes",
          "travel", "food"]


class Story:
    """Collects interactions as proto3 JSON objects, numbering event ids in creation order."""

    def __init__(self, rng):
        self.rng = rng
        self.events = []

    def add(self, actor, target, kind, at, in_reply_to=None, value=None, sentiment=None):
        event = {"eventId": f"evt-{len(self.events) + 1:04d}", "actor": actor}
        if target:
            event["target"] = target
        event["kind"] = f"INTERACTION_KIND_{kind}"
        event["occurredAt"] = str(at)
        if in_reply_to:
            event["inReplyTo"] = in_reply_to
        if value is not None:
            event["value"] = value
        if sentiment is not None:
            event["sentiment"] = sentiment
        self.events.append(event)
        return event["eventId"]

    def moment(self, day, first_hour=7, last_hour=22):
        """A random instant on story day `day` (0-based) between the given hours."""
        return START + day * DAY + self.rng.randrange(first_hour * HOUR, last_hour * HOUR, MINUTE // 4)

    def sentiment(self):
        return round(self.rng.uniform(-0.6, 1.0), 2) if self.rng.random() < 0.6 else None


def make_accounts(rng):
    names = rng.sample([f"{f}.{l}" for f in FIRST_NAMES for l in LAST_NAMES], 30)
    segments = SEGMENTS[:]
    rng.shuffle(segments)
    audience = []
    for handle, segment in zip(sorted(names), segments):
        first, last = handle.split(".")
        audience.append({
            "accountId": handle,
            "displayName": f"{first.capitalize()} {last.capitalize()}",
            "segment": segment,
            "topics": sorted(rng.sample(TOPICS, rng.randint(0, 3))),
        })
    return audience


def by_segment(audience, segment):
    return [a["accountId"] for a in audience if a["segment"] == f"SEGMENT_{segment}"]


def make_story(rng, audience):
    story = Story(rng)
    everyone = [a["accountId"] for a in audience]
    influencers = by_segment(audience, "INFLUENCER")
    customers = by_segment(audience, "CUSTOMER")
    prospects = by_segment(audience, "PROSPECT")
    media = by_segment(audience, "MEDIA")
    # Audience members engage unevenly: a few fans do most of it.
    fondness = {a: (5.0 if a in influencers[:2] else 1.0) * rng.uniform(0.3, 2.0) for a in everyone}

    def fan():
        return rng.choices(everyone, weights=[fondness[a] for a in everyone])[0]

    # Follows first (most during the first days), the brand following the influencers back.
    followers = rng.sample(everyone, 20)
    for account in followers:
        story.add(account, BRAND, "FOLLOW", story.moment(rng.randrange(0, 5)))
    for account in influencers:
        story.add(BRAND, account, "FOLLOW", story.moment(rng.randrange(1, 4)))

    for day in range(DAYS):
        # The brand's posts and the reactions to them.
        for _ in range(rng.choice([1, 1, 2])):
            posted = story.moment(day, 8, 18)
            story.add(BRAND, None, "POST", posted)
            for account in sorted({fan() for _ in range(rng.randint(3, 8))}):
                story.add(account, BRAND, "LIKE", posted + rng.randrange(5 * MINUTE, 6 * HOUR, MINUTE))
            for account in sorted({fan() for _ in range(rng.randint(0, 3))}):
                story.add(account, BRAND, "SHARE", posted + rng.randrange(10 * MINUTE, 8 * HOUR, MINUTE))
            for account in sorted({fan() for _ in range(rng.randint(0, 3))}):
                story.add(account, BRAND, "COMMENT", posted + rng.randrange(10 * MINUTE, 9 * HOUR, MINUTE),
                          sentiment=story.sentiment())

        # Mentions of the brand; most get a reply naming them, some late, some never.
        for _ in range(rng.randint(1, 3)):
            author = fan()
            mentioned = story.moment(day)
            mention = story.add(author, BRAND, "MENTION", mentioned, sentiment=story.sentiment())
            fate = rng.random()
            if fate < 0.55:
                story.add(BRAND, author, "REPLY", mentioned + rng.randrange(15 * MINUTE, 6 * HOUR, MINUTE), mention)
            elif fate < 0.7:
                story.add(BRAND, author, "REPLY", mentioned + rng.randrange(26 * HOUR, 40 * HOUR, MINUTE), mention)

        # Views and clicks from prospects and customers.
        for _ in range(rng.randint(0, 2)):
            story.add(rng.choice(prospects + customers), BRAND, rng.choice(["VIEW", "CLICK"]), story.moment(day))

        # The audience among itself: influencers mention one another, fans like them.
        if rng.random() < 0.6:
            a, b = rng.sample(influencers + media, 2)
            story.add(a, b, "MENTION", story.moment(day))
        if rng.random() < 0.7:
            story.add(rng.choice(customers), rng.choice(influencers), rng.choice(["LIKE", "SHARE", "COMMENT"]),
                      story.moment(day))

    # Direct-message threads: the customer writes, the brand answers (or not yet), back and forth.
    for customer in rng.sample(customers + prospects, 7):
        at = story.moment(rng.randrange(0, DAYS - 1))
        for turn in range(rng.randint(1, 4)):
            sender, receiver = (customer, BRAND) if turn % 2 == 0 else (BRAND, customer)
            story.add(sender, receiver, "DIRECT_MESSAGE", at)
            at += rng.randrange(10 * MINUTE, 20 * HOUR, MINUTE)

    # The brand mentions a journalist, who answers by DM.
    at = story.moment(3)
    story.add(BRAND, media[0], "MENTION", at)
    story.add(media[0], BRAND, "DIRECT_MESSAGE", at + 3 * HOUR)

    # Conversions with a value.
    for buyer in rng.sample(customers, 5):
        story.add(buyer, BRAND, "CONVERSION", story.moment(rng.randrange(2, DAYS)),
                  value=round(rng.uniform(12.5, 180.0), 2))

    # A posting influencer, liked by customers.
    for day in range(0, DAYS, 3):
        posted = story.moment(day)
        story.add(influencers[0], None, "POST", posted)
        for account in rng.sample(customers, 3):
            story.add(account, influencers[0], "LIKE", posted + rng.randrange(MINUTE, 4 * HOUR, MINUTE))

    # One follower leaves.
    leaver = followers[0]
    story.add(leaver, BRAND, "UNFOLLOW", START + (DAYS - 2) * DAY + 10 * HOUR)
    return story.events, {"influencers": influencers, "customers": customers, "followers": followers,
                          "leaver": leaver, "media": media}


def make_batches(rng, events):
    """Four batches in rough time order, each a little shuffled; a re-sent event; a bad item."""
    ordered = sorted(events, key=lambda e: (int(e["occurredAt"]), e["eventId"]))
    size = -(-len(ordered) // 4)
    batches = [ordered[i:i + size] for i in range(0, len(ordered), size)]
    for batch in batches:
        for _ in range(len(batch) // 4):
            i, j = rng.randrange(len(batch)), rng.randrange(len(batch))
            batch[i], batch[j] = batch[j], batch[i]
    resent = dict(batches[0][len(batches[0]) // 2])
    batches[2].insert(len(batches[2]) // 3, resent)
    bad_actor = batches[1][0]["actor"]
    batches[1].insert(len(batches[1]) // 2, {
        "eventId": "evt-self-mention",
        "actor": bad_actor,
        "target": bad_actor,
        "kind": "INTERACTION_KIND_MENTION",
        "occurredAt": str(START + 5 * DAY + 12 * HOUR),
    })
    return batches


def make_queries(audience, roles):
    influencer, other_influencer = roles["influencers"][0], roles["influencers"][1]
    customer = roles["customers"][0]
    upserted = {a["accountId"] for a in audience[:24]}
    seen_only = next(a["accountId"] for a in audience[24:] if a["accountId"] in roles["followers"])
    end, mid = str(END), str(MID)

    def q(method, **request):
        return {"method": method, "request": request}

    return [
        q("GetAccount", accountId=BRAND),
        q("GetAccount", accountId=sorted(upserted)[3]),
        q("GetAccount", accountId=seen_only),
        q("GetAccount", accountId=NEVER_SEEN),
        q("GetAccountScore", accountId=BRAND, asOf=end),
        q("GetAccountScore", accountId=BRAND, asOf=mid),
        q("GetAccountScore", accountId=influencer, asOf=end),
        q("GetAccountScore", accountId=NEVER_SEEN, asOf=end),
        q("GetRelationship", pair={"accountA": BRAND, "accountB": influencer}, asOf=end),
        q("GetRelationship", pair={"accountA": roles["leaver"], "accountB": BRAND}, asOf=end),
        q("GetRelationship", pair={"accountA": customer, "accountB": NEVER_SEEN}, asOf=end),
        q("BatchGetRelationships", pairs=[
            {"accountA": BRAND, "accountB": other_influencer},
            {"accountA": roles["media"][0], "accountB": BRAND},
            {"accountA": customer, "accountB": influencer},
            {"accountA": BRAND, "accountB": NEVER_SEEN},
            {"accountA": customer, "accountB": customer},
        ], asOf=mid),
        q("GetTopRelationships", accountId=BRAND, direction="DIRECTION_BOTH", limit=10, asOf=end),
        q("GetTopRelationships", accountId=BRAND, direction="DIRECTION_INBOUND", limit=5, asOf=end),
        q("GetTopRelationships", accountId=BRAND, direction="DIRECTION_OUTBOUND", limit=8, asOf=mid),
        q("GetTopRelationships", accountId=BRAND, minimumTier="TIER_CLOSE", limit=40, asOf=end),
        q("GetTopRelationships", accountId=influencer, asOf=end),
        q("GetResponsiveness", accountId=BRAND, asOf=end),
        q("GetResponsiveness", accountId=BRAND, asOf=mid),
        q("GetResponsiveness", accountId=roles["media"][0], asOf=end),
        q("ListOpenExpectations", accountId=BRAND, limit=5, asOf=end),
        q("ListOpenExpectations", accountId=BRAND, asOf=mid),
        q("ListOpenExpectations", accountId=NEVER_SEEN, asOf=end),
    ]


def generate(seed=SEED):
    rng = random.Random(seed)
    audience = make_accounts(rng)
    brand = {"accountId": BRAND, "displayName": "Northwind Coffee Roasters", "segment": "SEGMENT_BRAND",
             "topics": ["coffee", "fair-trade", "sustainability"]}
    events, roles = make_story(rng, audience)
    batches = make_batches(rng, events)
    # The first 24 audience accounts are upserted; the other 6 are known from interactions only.
    accounts = [{"account": brand}] + [{"account": a} for a in audience[:24]]
    for entry in accounts:
        if not entry["account"]["topics"]:
            del entry["account"]["topics"]
    return {"accounts": accounts, "batches": batches, "queries": make_queries(audience, roles)}


def to_json(scenario):
    """The scenario as JSON text with one account, interaction or query per line."""
    def line(value):
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    accounts = ",\n".join("  " + line(a) for a in scenario["accounts"])
    batches = ",\n".join("  [\n" + ",\n".join("   " + line(i) for i in batch) + "\n  ]"
                         for batch in scenario["batches"])
    queries = ",\n".join("  " + line(q) for q in scenario["queries"])
    return f'{{\n "accounts": [\n{accounts}\n ],\n "batches": [\n{batches}\n ],\n "queries": [\n{queries}\n ]\n}}\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", default=os.path.join(HERE, "scenario.json"))
    args = parser.parse_args()
    scenario = generate(args.seed)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(to_json(scenario))
    count = sum(len(b) for b in scenario["batches"])
    print(f"{args.out}: {len(scenario['accounts'])} accounts, {len(scenario['batches'])} batches, "
          f"{count} interactions, {len(scenario['queries'])} queries")


if __name__ == "__main__":
    main()

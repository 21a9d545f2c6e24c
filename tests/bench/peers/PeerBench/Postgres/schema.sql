-- The PostgreSQL peer's schema: the interactions as they come, one row each, and the indexes
-- the two queries need. Loaded by PeerBench (tests/bench/peers/run-peers.sh) into a fresh table
-- before each measured load.

DROP TABLE IF EXISTS interactions;

CREATE TABLE interactions (
    event_id    text PRIMARY KEY,          -- idempotency key: an event id is stored once
    actor       text NOT NULL,
    target      text,                      -- NULL for POST (a broadcast)
    kind        smallint NOT NULL CHECK (kind BETWEEN 1 AND 12),  -- scoringgrid.v1.InteractionKind
    occurred_at bigint NOT NULL,           -- ms since the Unix epoch
    in_reply_to text,
    value       double precision,
    sentiment   double precision
);

-- GetRelationship reads both directions of a pair, top relationships both directions of an
-- account: one covering index per direction, so both are index-only scans.
CREATE INDEX interactions_actor_target ON interactions (actor, target) INCLUDE (kind, occurred_at);
CREATE INDEX interactions_target_actor ON interactions (target, actor) INCLUDE (kind, occurred_at);

-- Weight by kind number: VIEW 0, CLICK 0.5, LIKE 1, FOLLOW 2, SHARE 3, MENTION 4, COMMENT 6,
-- REPLY 8, DIRECT_MESSAGE 10, CONVERSION 15, UNFOLLOW -5, POST 0. Inlined by the planner.
CREATE OR REPLACE FUNCTION sg_weight(k smallint) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ('{0,0.5,1,2,3,4,6,8,10,15,-5,0}'::double precision[])[k];

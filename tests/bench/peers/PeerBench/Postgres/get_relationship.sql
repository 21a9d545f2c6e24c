-- GetRelationship for the pair ($1, $2), $1 < $2, at as-of $3 (ms), relationship half-life $4 (ms):
-- a_to_b and b_to_a = sum of w·2^((t − as_of)/h) each way, counts per kind each way (JSON objects
-- kind number → count), reciprocity = 2·min/sum and strength = (a_to_b + b_to_a)·(0.5 + 0.5·reciprocity),
-- with negative directional sums (net UNFOLLOW) clamped to 0 in those two, first and last event time.
-- No row in the table for the pair: n = 0 (NOT_FOUND).
WITH e AS (
    SELECT true AS ab, kind, occurred_at FROM interactions WHERE actor = $1 AND target = $2
    UNION ALL
    SELECT false AS ab, kind, occurred_at FROM interactions WHERE actor = $2 AND target = $1
), k AS (
    SELECT ab, kind, count(*) AS n,
           sum(sg_weight(kind) * power(2::double precision, (occurred_at - $3::bigint)::double precision / $4::double precision)) AS w,
           min(occurred_at) AS first_at, max(occurred_at) AS last_at
    FROM e GROUP BY ab, kind
), s AS (
    SELECT coalesce(sum(w) FILTER (WHERE ab), 0) AS a_to_b,
           coalesce(sum(w) FILTER (WHERE NOT ab), 0) AS b_to_a,
           coalesce(jsonb_object_agg(kind, n) FILTER (WHERE ab), '{}') AS counts_a_to_b,
           coalesce(jsonb_object_agg(kind, n) FILTER (WHERE NOT ab), '{}') AS counts_b_to_a,
           min(first_at) AS first_at, max(last_at) AS last_at, coalesce(sum(n), 0) AS n
    FROM k
), c AS (
    SELECT s.*, greatest(a_to_b, 0) AS x, greatest(b_to_a, 0) AS y FROM s
)
SELECT a_to_b, b_to_a,
       CASE WHEN x + y > 0 THEN 2 * least(x, y) / (x + y) ELSE 0 END AS reciprocity,
       CASE WHEN x + y > 0 THEN (x + y) * (0.5 + 0.5 * (2 * least(x, y) / (x + y))) ELSE 0 END AS strength,
       counts_a_to_b::text, counts_b_to_a::text, first_at, last_at, n
FROM c;

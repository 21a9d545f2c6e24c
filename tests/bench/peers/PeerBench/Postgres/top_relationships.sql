-- Top relationships of account $1 at as-of $2 (ms), relationship half-life $3 (ms), limit $4:
-- every pair the account is part of, its decayed sums each way (sum of w·2^((t − as_of)/h),
-- clamped to ≥ 0), strength = (x + y)·(0.5 + 0.5·2·min(x, y)/(x + y)), the pairs with a positive
-- strength ordered by strength, ties by the other account's id (byte order), best first.
WITH e AS (
    SELECT target AS other, true AS outbound, kind, occurred_at FROM interactions WHERE actor = $1 AND target IS NOT NULL
    UNION ALL
    SELECT actor AS other, false AS outbound, kind, occurred_at FROM interactions WHERE target = $1
), p AS (
    SELECT other,
           greatest(coalesce(sum(sg_weight(kind) * power(2::double precision, (occurred_at - $2::bigint)::double precision / $3::double precision)) FILTER (WHERE outbound), 0), 0) AS x,
           greatest(coalesce(sum(sg_weight(kind) * power(2::double precision, (occurred_at - $2::bigint)::double precision / $3::double precision)) FILTER (WHERE NOT outbound), 0), 0) AS y
    FROM e GROUP BY other
), s AS (
    SELECT other, x, y, CASE WHEN x + y > 0 THEN (x + y) * (0.5 + 0.5 * (2 * least(x, y) / (x + y))) ELSE 0 END AS strength FROM p
)
SELECT other, strength, x AS given, y AS received
FROM s WHERE strength > 0
ORDER BY strength DESC, other COLLATE "C"
LIMIT $4;

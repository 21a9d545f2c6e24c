using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ScoringGrid.Bench.Peers;

/// <summary>The outcome of one measured run of one workload on one peer.</summary>
public sealed class Measurement
{
    /// <summary>Operations completed (interactions applied or rows loaded, or query calls).</summary>
    public long Count { get; set; }

    /// <summary>Wall time of the measured part, seconds.</summary>
    public double Seconds { get; set; }

    /// <summary>Count / Seconds.</summary>
    public double Rate => Seconds > 0 ? Count / Seconds : 0;

    /// <summary>Latency percentiles (ms) when measured per call; null otherwise.</summary>
    public double? P50Ms { get; set; }

    public double? P90Ms { get; set; }

    public double? P99Ms { get; set; }

    public double? P999Ms { get; set; }

    public double? MaxMs { get; set; }

    /// <summary>Calls that failed (error replies / exceptions).</summary>
    public long Errors { get; set; }

    /// <summary>Anything else worth keeping (accepted, duplicates, empty answers...).</summary>
    public Dictionary<string, object> Extra { get; } = new(StringComparer.Ordinal);

    /// <summary>Fills the percentiles from per-call latencies in Stopwatch ticks (nearest rank).</summary>
    public void SetLatencies(long[] ticks, int count)
    {
        if (count == 0)
        {
            return;
        }

        Array.Sort(ticks, 0, count);
        double Ms(double q)
        {
            int rank = (int)Math.Ceiling(q * count);
            long t = ticks[Math.Clamp(rank, 1, count) - 1];
            return t * 1000.0 / Stopwatch.Frequency;
        }

        P50Ms = Ms(0.50);
        P90Ms = Ms(0.90);
        P99Ms = Ms(0.99);
        P999Ms = Ms(0.999);
        MaxMs = ticks[count - 1] * 1000.0 / Stopwatch.Frequency;
    }

    /// <summary>This run as a JSON object.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["count"] = Count,
            ["seconds"] = Math.Round(Seconds, 6),
            ["rate"] = Math.Round(Rate, 1),
            ["p50_ms"] = Round(P50Ms),
            ["p90_ms"] = Round(P90Ms),
            ["p99_ms"] = Round(P99Ms),
            ["p999_ms"] = Round(P999Ms),
            ["max_ms"] = Round(MaxMs),
            ["errors"] = Errors,
        };
        foreach (var (k, v) in Extra)
        {
            o[k] = JsonValue.Create(v);
        }

        return o;
    }

    private static double? Round(double? v) => v is double d ? Math.Round(d, 4) : null;
}

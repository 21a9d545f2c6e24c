using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScoringGrid.Bench.Peers;

/// <summary>
/// Turns the raw per-run measurements (JSON lines) into one table of medians, as JSON
/// (shape documented in README.md, "Results JSON") and markdown.
/// </summary>
public static class Summary
{
    public const string Schema = "scoringgrid.peers.v1";

    public static int Run(Args a)
    {
        string raw = a.Required("raw"), jsonOut = a.Required("json"), mdOut = a.Required("markdown");
        string? workloadInfo = a.Get("workload-info");
        IReadOnlyList<string> metaArgs = a.All("meta");
        double busyLimit = a.Double("busy-limit", 10);
        a.RejectUnknown();

        var lines = File.ReadAllLines(raw).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var meta = new JsonObject();
        foreach (string kv in metaArgs)
        {
            int eq = kv.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                meta[kv[..eq]] = kv[(eq + 1)..];
            }
        }

        var rows = new JsonArray();
        // Keep the order in which measurements first appeared (the script's order).
        foreach (var g in lines.GroupBy(l => (S(l, "system"), S(l, "config"), S(l, "workload"))))
        {
            var runs = g.ToList();
            var row = new JsonObject
            {
                ["id"] = S(runs[0], "id"),
                ["peer"] = S(runs[0], "peer"),
                ["system"] = g.Key.Item1,
                ["config"] = g.Key.Item2,
                ["workload"] = g.Key.Item3,
                ["unit"] = S(runs[0], "unit"),
                ["runs"] = runs.Count,
                ["rate"] = Median(runs, "rate"),
                ["rate_min"] = runs.Min(r => D(r, "rate")),
                ["rate_max"] = runs.Max(r => D(r, "rate")),
                ["p50_ms"] = Median(runs, "p50_ms"),
                ["p90_ms"] = Median(runs, "p90_ms"),
                ["p99_ms"] = Median(runs, "p99_ms"),
                ["p999_ms"] = Median(runs, "p999_ms"),
                ["max_ms"] = Median(runs, "max_ms"),
                ["errors"] = runs.Sum(r => (long)(D(r, "errors") ?? 0)),
                ["other_cpu_pct_max"] = runs.Max(r => D(r, "other_cpu_pct")),
                ["busy_runs"] = runs.Count(r => D(r, "other_cpu_pct") > busyLimit),
                ["run_results"] = new JsonArray(runs.Select(r => (JsonNode)r.DeepClone()).ToArray()),
            };
            rows.Add(row);
        }

        var doc = new JsonObject
        {
            ["schema"] = Schema,
            ["generated_at_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["machine"] = Machine(),
            ["meta"] = meta,
            ["workload"] = workloadInfo is null ? null : JsonNode.Parse(File.ReadAllText(workloadInfo)),
            ["busy_limit_pct"] = busyLimit,
            ["rows"] = rows,
        };
        File.WriteAllText(jsonOut, doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

        var md = new StringBuilder();
        var m = doc["machine"]!;
        md.AppendLine(CultureInfo.InvariantCulture, $"Peers on {m["cpu_model"]} ({m["cpus"]} CPUs, {m["memory_gib"]} GiB), {m["os"]}, {doc["generated_at_utc"]}.");
        if (doc["workload"] is JsonObject w)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"Workload: {meta["workload_file"] ?? "?"} — {w["interactions"]} interactions, {w["pairs"]} pairs, {w["accounts_in_pairs"]} accounts; queries at as-of {w["as_of_ms"]}.");
        }

        md.AppendLine("Medians of the runs; absolute figures move between machines, compare ratios measured on one machine.");
        md.AppendLine();
        md.AppendLine("| system | config | workload | rate (median) | unit | p50 ms | p99 ms | runs (min–max rate) |");
        md.AppendLine("|---|---|---|---:|---|---:|---:|---|");
        foreach (JsonNode? r in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r!["system"]} | {r["config"]} | {r["workload"]} | {Num((double?)r["rate"])} | {r["unit"]} | {Ms((double?)r["p50_ms"])} | {Ms((double?)r["p99_ms"])} | {r["runs"]} ({Num((double?)r["rate_min"])}–{Num((double?)r["rate_max"])}){((int)r["busy_runs"]! > 0 ? $" *{r["busy_runs"]} busy" : "")}{((long)r["errors"]! > 0 ? $" **{r["errors"]} errors**" : "")} |");
        }

        if (rows.Any(r => (int)r!["busy_runs"]! > 0))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"\\* busy: runs during which other processes used more than {busyLimit}% of all CPUs (see other_cpu_pct in the JSON).");
        }

        File.WriteAllText(mdOut, md.ToString());
        Console.Write(md.ToString());
        return 0;
    }

    private static string S(JsonObject o, string name) => o[name]?.GetValue<string>() ?? "";

    private static double? D(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue(out double d) ? d : null;

    private static double? Median(List<JsonObject> runs, string name)
    {
        var values = runs.Select(r => D(r, name)).Where(v => v is not null).Select(v => v!.Value).Order().ToList();
        if (values.Count == 0)
        {
            return null;
        }

        int n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static string Num(double? v) => v is double d ? d.ToString("N0", CultureInfo.InvariantCulture) : "–";

    private static string Ms(double? v) => v is double d ? d.ToString(d < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture) : "–";

    private static JsonObject Machine()
    {
        string cpu = "unknown";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }

        double memGib = 0;
        try
        {
            string? memLine = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (memLine is not null)
            {
                memGib = Math.Round(long.Parse(memLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1);
            }
        }
        catch (IOException)
        {
        }

        string os = System.Runtime.InteropServices.RuntimeInformation.OSDescription;
        return new JsonObject
        {
            ["cpu_model"] = cpu,
            ["cpus"] = CpuProbe.MachineCpus,
            ["memory_gib"] = memGib,
            ["os"] = os,
            ["dotnet"] = Environment.Version.ToString(),
        };
    }
}

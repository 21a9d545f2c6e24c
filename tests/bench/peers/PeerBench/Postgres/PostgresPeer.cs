using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ScoringGrid.Bench.Peers.Workload;

namespace ScoringGrid.Bench.Peers.Postgres;

/// <summary>
/// The PostgreSQL peer's client side: loads interactions into the <c>interactions</c> table with
/// binary COPY in committed batches (plain, or through a staging table with
/// <c>INSERT ... ON CONFLICT DO NOTHING</c> for idempotency), and times the SQL of
/// GetRelationship (get_relationship.sql) and top relationships (top_relationships.sql).
/// </summary>
public static class PostgresPeer
{
    private const string CopyColumns = "(event_id, actor, target, kind, occurred_at, in_reply_to, value, sentiment)";

    private static string SqlPath(string name) => Path.Combine(AppContext.BaseDirectory, "Postgres", name);

    /// <summary>The SQL of GetRelationship.</summary>
    public static string GetRelationshipSql => File.ReadAllText(SqlPath("get_relationship.sql"));

    /// <summary>The SQL of top relationships.</summary>
    public static string TopSql => File.ReadAllText(SqlPath("top_relationships.sql"));

    /// <summary>A connection string to 127.0.0.1:<paramref name="port"/> as postgres (trust authentication on loopback).</summary>
    public static string ConnectionString(int port) =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=30;Command Timeout=600;Include Error Detail=true";

    /// <summary>Opens a connection.</summary>
    public static NpgsqlConnection Open(int port)
    {
        var c = new NpgsqlConnection(ConnectionString(port));
        c.Open();
        return c;
    }

    /// <summary>(Re)creates the table, its indexes and the weight function (schema.sql).</summary>
    public static void ResetSchema(int port)
    {
        using NpgsqlConnection c = Open(port);
        using var cmd = new NpgsqlCommand(File.ReadAllText(SqlPath("schema.sql")), c);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Server settings that matter for durability and the comparison.</summary>
    public static Dictionary<string, string> Settings(int port)
    {
        using NpgsqlConnection c = Open(port);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_level", "shared_buffers", "max_wal_size", "wal_sync_method" })
        {
            using var cmd = new NpgsqlCommand("SELECT current_setting($1)", c);
            cmd.Parameters.Add(new NpgsqlParameter { Value = name });
            result[name] = (string)cmd.ExecuteScalar()!;
        }

        return result;
    }

    private static void WriteRow(NpgsqlBinaryImporter w, Interaction i)
    {
        w.StartRow();
        w.Write(i.EventId, NpgsqlDbType.Text);
        w.Write(i.Actor, NpgsqlDbType.Text);
        if (i.Target.Length == 0)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(i.Target, NpgsqlDbType.Text);
        }

        w.Write((short)i.Kind, NpgsqlDbType.Smallint);
        w.Write(i.OccurredAtMs, NpgsqlDbType.Bigint);
        if (i.InReplyTo.Length == 0)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(i.InReplyTo, NpgsqlDbType.Text);
        }

        if (i.Value is double v)
        {
            w.Write(v, NpgsqlDbType.Double);
        }
        else
        {
            w.WriteNull();
        }

        if (i.Sentiment is double s)
        {
            w.Write(s, NpgsqlDbType.Double);
        }
        else
        {
            w.WriteNull();
        }
    }

    /// <summary>
    /// Loads <paramref name="interactions"/> in batches of <paramref name="batch"/> rows, each batch
    /// one committed transaction, over <paramref name="connections"/> connections (contiguous slices).
    /// Plain: COPY straight into the table (a duplicate event id fails its batch). Dedupe: COPY into
    /// a temporary staging table, then INSERT ... SELECT ... ON CONFLICT (event_id) DO NOTHING.
    /// Then, not timed, VACUUM (ANALYZE) as autovacuum would after a load (index-only scans need the visibility map).
    /// </summary>
    public static Measurement Load(int port, IReadOnlyList<Interaction> interactions, int batch, bool dedupe, int connections, double maxSeconds)
    {
        connections = Math.Max(1, Math.Min(connections, Math.Max(1, interactions.Count)));
        var conns = Enumerable.Range(0, connections).Select(_ => Open(port)).ToArray();
        if (dedupe)
        {
            foreach (NpgsqlConnection c in conns)
            {
                using var cmd = new NpgsqlCommand("CREATE TEMP TABLE staging (LIKE interactions) ON COMMIT DELETE ROWS", c);
                cmd.ExecuteNonQuery();
            }
        }

        long loaded = 0, inserted = 0, errors = 0;
        string? firstError = null;
        using var start = new Barrier(connections + 1);
        long deadline = 0;
        var threads = new Thread[connections];
        for (int ci = 0; ci < connections; ci++)
        {
            int from = (int)((long)interactions.Count * ci / connections);
            int to = (int)((long)interactions.Count * (ci + 1) / connections);
            NpgsqlConnection c = conns[ci];
            threads[ci] = new Thread(() =>
            {
                start.SignalAndWait();
                long end = Volatile.Read(ref deadline);
                for (int at = from; at < to && Stopwatch.GetTimestamp() < end; at += batch)
                {
                    int n = Math.Min(batch, to - at);
                    try
                    {
                        if (dedupe)
                        {
                            using NpgsqlTransaction tx = c.BeginTransaction();
                            using (NpgsqlBinaryImporter w = c.BeginBinaryImport($"COPY staging {CopyColumns} FROM STDIN (FORMAT BINARY)"))
                            {
                                for (int k = at; k < at + n; k++)
                                {
                                    WriteRow(w, interactions[k]);
                                }

                                w.Complete();
                            }

                            using var insert = new NpgsqlCommand("INSERT INTO interactions SELECT * FROM staging ON CONFLICT (event_id) DO NOTHING", c, tx);
                            Interlocked.Add(ref inserted, insert.ExecuteNonQuery());
                            tx.Commit();
                        }
                        else
                        {
                            using NpgsqlBinaryImporter w = c.BeginBinaryImport($"COPY interactions {CopyColumns} FROM STDIN (FORMAT BINARY)");
                            for (int k = at; k < at + n; k++)
                            {
                                WriteRow(w, interactions[k]);
                            }

                            Interlocked.Add(ref inserted, (long)w.Complete());
                        }

                        Interlocked.Add(ref loaded, n);
                    }
                    catch (PostgresException e)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, e.MessageText + (e.Detail is null ? "" : ": " + e.Detail), null);
                    }
                }
            }) { IsBackground = true, Name = "pg-copy-" + ci };
            threads[ci].Start();
        }

        long t0 = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, t0 + (long)(maxSeconds * Stopwatch.Frequency));
        start.SignalAndWait();
        foreach (Thread t in threads)
        {
            t.Join();
        }

        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        foreach (NpgsqlConnection c in conns)
        {
            c.Dispose();
        }

        var m = new Measurement { Count = loaded, Seconds = seconds, Errors = errors };
        m.Extra["inserted"] = inserted;
        m.Extra["batch"] = batch;
        m.Extra["connections"] = connections;
        m.Extra["complete"] = loaded == interactions.Count;
        if (firstError is not null)
        {
            m.Extra["first_error"] = firstError;
        }

        long v0 = Stopwatch.GetTimestamp();
        using (NpgsqlConnection c = Open(port))
        {
            using var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) interactions", c);
            vacuum.ExecuteNonQuery();
            using var size = new NpgsqlCommand("SELECT pg_total_relation_size('interactions')", c);
            m.Extra["table_bytes"] = (long)size.ExecuteScalar()!;
        }

        m.Extra["vacuum_analyze_seconds"] = Math.Round(Stopwatch.GetElapsedTime(v0).TotalSeconds, 3);
        return m;
    }

    /// <summary>A prepared GetRelationship command on <paramref name="c"/>.</summary>
    public static NpgsqlCommand PrepareGetRelationship(NpgsqlConnection c)
    {
        var cmd = new NpgsqlCommand(GetRelationshipSql, c);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double });
        cmd.Prepare();
        return cmd;
    }

    /// <summary>A prepared top-relationships command on <paramref name="c"/>.</summary>
    public static NpgsqlCommand PrepareTop(NpgsqlConnection c)
    {
        var cmd = new NpgsqlCommand(TopSql, c);
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double });
        cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
        cmd.Prepare();
        return cmd;
    }

    /// <summary>Runs a prepared GetRelationship for (a, b), a &lt; b.</summary>
    public static RelationshipAnswer GetRelationship(NpgsqlCommand cmd, string a, string b, long asOfMs)
    {
        cmd.Parameters[0].Value = a;
        cmd.Parameters[1].Value = b;
        cmd.Parameters[2].Value = asOfMs;
        cmd.Parameters[3].Value = (double)Model.RelationshipHalfLifeMs;
        var r = new RelationshipAnswer();
        using NpgsqlDataReader reader = cmd.ExecuteReader();
        reader.Read();
        if (reader.GetInt64(8) == 0)
        {
            r.NotFound = true;
            return r;
        }

        r.AToB = reader.GetDouble(0);
        r.BToA = reader.GetDouble(1);
        r.Reciprocity = reader.GetDouble(2);
        r.Strength = reader.GetDouble(3);
        Counts(reader.GetString(4), r.CountsAToB);
        Counts(reader.GetString(5), r.CountsBToA);
        r.FirstMs = reader.GetInt64(6);
        r.LastMs = reader.GetInt64(7);
        return r;
    }

    /// <summary>Runs a prepared top-relationships query for <paramref name="account"/>.</summary>
    public static List<TopEntry> Top(NpgsqlCommand cmd, string account, long asOfMs)
    {
        cmd.Parameters[0].Value = account;
        cmd.Parameters[1].Value = asOfMs;
        cmd.Parameters[2].Value = (double)Model.RelationshipHalfLifeMs;
        cmd.Parameters[3].Value = Model.TopLimit;
        var list = new List<TopEntry>(Model.TopLimit);
        using NpgsqlDataReader reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new TopEntry(reader.GetString(0), reader.GetDouble(1)));
        }

        return list;
    }

    /// <summary>
    /// Times query calls over <paramref name="connections"/> connections, one call in flight each
    /// (a connection runs one statement at a time), prepared statements, after
    /// <paramref name="warmup"/> untimed calls; at most <paramref name="maxSeconds"/>.
    /// </summary>
    public static Measurement Queries(int port, bool top, (string A, string B)[] pairs, string[] accounts, long asOfMs, int connections, double maxSeconds, int warmup)
    {
        int total = top ? accounts.Length : pairs.Length;
        connections = Math.Max(1, Math.Min(connections, total));
        var conns = Enumerable.Range(0, connections).Select(_ => Open(port)).ToArray();
        var cmds = conns.Select(c => top ? PrepareTop(c) : PrepareGetRelationship(c)).ToArray();
        long errors = 0, empty = 0;

        bool Call(NpgsqlCommand cmd, int k) =>
            top ? Top(cmd, accounts[k], asOfMs).Count == 0 : GetRelationship(cmd, pairs[k].A, pairs[k].B, asOfMs).NotFound;

        for (int k = 0; k < Math.Min(warmup, total); k++)
        {
            Call(cmds[k % connections], k);
        }

        var latencies = new long[connections][];
        var done = new int[connections];
        using var start = new Barrier(connections + 1);
        long deadline = 0;
        var threads = new Thread[connections];
        for (int ci = 0; ci < connections; ci++)
        {
            int index = ci;
            int from = (int)((long)total * ci / connections);
            int to = (int)((long)total * (ci + 1) / connections);
            latencies[ci] = new long[to - from];
            NpgsqlCommand cmd = cmds[ci];
            threads[ci] = new Thread(() =>
            {
                long err = 0, emp = 0;
                start.SignalAndWait();
                long end = Volatile.Read(ref deadline);
                int n = 0;
                for (int k = from; k < to; k++)
                {
                    long s = Stopwatch.GetTimestamp();
                    if (s > end)
                    {
                        break;
                    }

                    try
                    {
                        if (Call(cmd, k))
                        {
                            emp++;
                        }
                    }
                    catch (NpgsqlException)
                    {
                        err++;
                    }

                    latencies[index][n++] = Stopwatch.GetTimestamp() - s;
                }

                done[index] = n;
                Interlocked.Add(ref errors, err);
                Interlocked.Add(ref empty, emp);
            }) { IsBackground = true, Name = "pg-query-" + ci };
            threads[ci].Start();
        }

        long t0 = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, t0 + (long)(maxSeconds * Stopwatch.Frequency));
        start.SignalAndWait();
        foreach (Thread t in threads)
        {
            t.Join();
        }

        double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        foreach (NpgsqlCommand cmd in cmds)
        {
            cmd.Dispose();
        }

        foreach (NpgsqlConnection c in conns)
        {
            c.Dispose();
        }

        int count = done.Sum();
        var all = new long[count];
        int at = 0;
        for (int ci = 0; ci < connections; ci++)
        {
            Array.Copy(latencies[ci], 0, all, at, done[ci]);
            at += done[ci];
        }

        var m = new Measurement { Count = count, Seconds = seconds, Errors = errors };
        m.SetLatencies(all, count);
        m.Extra["empty_answers"] = empty;
        m.Extra["connections"] = connections;
        m.Extra["depth"] = 1;
        return m;
    }

    /// <summary>
    /// The same queries timed with pgbench (libpq, C) instead of Npgsql: the sampled pairs and
    /// accounts go into tables query_pairs / query_accounts, and each pgbench transaction is the
    /// query with its arguments taken from the row <c>random(1, n)</c> by scalar subqueries (one
    /// statement, one round trip; the lookup is a primary-key probe on the server). Prepared
    /// statements, <paramref name="connections"/> clients, a 1 s warm-up, then
    /// <paramref name="seconds"/> with per-transaction latencies logged (-l) for the percentiles.
    /// </summary>
    public static Measurement PgbenchQueries(int port, string pgbench, bool top, (string A, string B)[] pairs, string[] accounts, long asOfMs, int connections, double seconds, string workDir)
    {
        Directory.CreateDirectory(workDir);
        const int MaxRows = 100_000;
        using (NpgsqlConnection c = Open(port))
        {
            using var create = new NpgsqlCommand(
                "DROP TABLE IF EXISTS query_pairs, query_accounts;" +
                "CREATE TABLE query_pairs (i int PRIMARY KEY, a text NOT NULL, b text NOT NULL);" +
                "CREATE TABLE query_accounts (i int PRIMARY KEY, account text NOT NULL);", c);
            create.ExecuteNonQuery();
            using (NpgsqlBinaryImporter w = c.BeginBinaryImport("COPY query_pairs (i, a, b) FROM STDIN (FORMAT BINARY)"))
            {
                for (int i = 0; i < Math.Min(MaxRows, pairs.Length); i++)
                {
                    w.WriteRow(i + 1, pairs[i].A, pairs[i].B);
                }

                w.Complete();
            }

            using (NpgsqlBinaryImporter w = c.BeginBinaryImport("COPY query_accounts (i, account) FROM STDIN (FORMAT BINARY)"))
            {
                for (int i = 0; i < Math.Min(MaxRows, accounts.Length); i++)
                {
                    w.WriteRow(i + 1, accounts[i]);
                }

                w.Complete();
            }

            using var analyze = new NpgsqlCommand("VACUUM (ANALYZE) query_pairs, query_accounts", c);
            analyze.ExecuteNonQuery();
        }

        string asOf = asOfMs.ToString(CultureInfo.InvariantCulture) + "::bigint";
        string h = Model.RelationshipHalfLifeMs.ToString(CultureInfo.InvariantCulture) + "::double precision";
        string sql = string.Join('\n', (top ? TopSql : GetRelationshipSql).Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
        int n;
        if (top)
        {
            n = Math.Min(MaxRows, accounts.Length);
            sql = sql.Replace("$1", "(SELECT account FROM query_accounts WHERE i = :i)", StringComparison.Ordinal)
                .Replace("$2::bigint", asOf, StringComparison.Ordinal)
                .Replace("$3::double precision", h, StringComparison.Ordinal)
                .Replace("$4", Model.TopLimit.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        else
        {
            n = Math.Min(MaxRows, pairs.Length);
            sql = sql.Replace("$1", "(SELECT a FROM query_pairs WHERE i = :i)", StringComparison.Ordinal)
                .Replace("$2", "(SELECT b FROM query_pairs WHERE i = :i)", StringComparison.Ordinal)
                .Replace("$3::bigint", asOf, StringComparison.Ordinal)
                .Replace("$4::double precision", h, StringComparison.Ordinal);
        }

        // pgbench reads one statement per line unless it ends with a semicolon: keep it on one line.
        string script = Path.Combine(workDir, top ? "top_relationships.pgbench" : "get_relationship.pgbench");
        File.WriteAllText(script, $"\\set i random(1, {n})\n" + string.Join(' ', sql.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())) + "\n");

        string[] Common(double duration) =>
        [
            "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-n", "-M", "prepared",
            "-c", connections.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture),
            "-T", Math.Max(1, (int)Math.Round(duration)).ToString(CultureInfo.InvariantCulture), "-f", script,
        ];

        RunPgbench(pgbench, [.. Common(1), "postgres"], out _);
        string prefix = Path.Combine(workDir, top ? "top" : "rel");
        foreach (string old in Directory.GetFiles(workDir, Path.GetFileName(prefix) + ".*"))
        {
            File.Delete(old);
        }

        string output = RunPgbench(pgbench, [.. Common(seconds), "-l", "--log-prefix=" + prefix, "postgres"], out double wall);
        var latencies = new List<long>();
        foreach (string log in Directory.GetFiles(workDir, Path.GetFileName(prefix) + ".*"))
        {
            foreach (string line in File.ReadLines(log))
            {
                string[] f = line.Split(' ');
                if (f.Length >= 3 && long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out long us))
                {
                    latencies.Add(us * Stopwatch.Frequency / 1_000_000);
                }
            }
        }

        double tps = Grab(output, "tps = ");
        double failed = Grab(output, "number of failed transactions: ");
        var m = new Measurement { Count = latencies.Count, Seconds = tps > 0 ? latencies.Count / tps : wall, Errors = (long)Math.Max(0, failed) };
        m.SetLatencies(latencies.ToArray(), latencies.Count);
        m.Extra["connections"] = connections;
        m.Extra["depth"] = 1;
        m.Extra["client"] = "pgbench";
        return m;
    }

    private static string RunPgbench(string pgbench, string[] arguments, out double wallSeconds)
    {
        var psi = new ProcessStartInfo(pgbench) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        long t0 = Stopwatch.GetTimestamp();
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + pgbench);
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException("pgbench did not finish");
        }

        wallSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        string all = stdout + stderr.Result;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench exited with {p.ExitCode}: {all}");
        }

        return all;
    }

    private static double Grab(string text, string label)
    {
        int at = text.IndexOf(label, StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        at += label.Length;
        int end = at;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        return double.Parse(text.AsSpan(at, end - at), CultureInfo.InvariantCulture);
    }

    private static void Counts(string json, long[] counts)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            int kind = int.Parse(p.Name, CultureInfo.InvariantCulture);
            if (kind is > 0 and < 13)
            {
                counts[kind] = p.Value.GetInt64();
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using ScoringGrid.Bench.Peers.Workload;

namespace ScoringGrid.Bench.Peers.Redis;

/// <summary>
/// The Redis peer's client side: loads the function library (scoringgrid.lua), replays
/// interactions as pipelined FCALLs, and answers GetRelationship (HGETALL of the pair, decayed
/// in the client) and top relationships (ZREVRANGE WITHSCORES of the account's ranking).
/// </summary>
public static class RedisPeer
{
    private static readonly byte[] Fcall = "FCALL"u8.ToArray();
    private static readonly byte[] Ingest = "ingest"u8.ToArray();
    private static readonly byte[] Six = "6"u8.ToArray();
    private static readonly byte[] Two = "2"u8.ToArray();
    private static readonly byte[] EventPrefix = "e:"u8.ToArray();
    private static readonly byte[] AccountPrefix = "a:"u8.ToArray();
    private static readonly byte[] TopPrefix = "t:"u8.ToArray();
    private static readonly byte[] Ab = "ab"u8.ToArray();
    private static readonly byte[] Ba = "ba"u8.ToArray();
    private static readonly byte[] Hgetall = "HGETALL"u8.ToArray();
    private static readonly byte[] Zrevrange = "ZREVRANGE"u8.ToArray();
    private static readonly byte[] Zero = "0"u8.ToArray();
    private static readonly byte[] TopLast = System.Text.Encoding.ASCII.GetBytes((Model.TopLimit - 1).ToString(CultureInfo.InvariantCulture));
    private static readonly byte[] WithScores = "WITHSCORES"u8.ToArray();
    private static readonly byte[][] KindText = Enumerable.Range(0, 13).Select(k => System.Text.Encoding.ASCII.GetBytes(k.ToString(CultureInfo.InvariantCulture))).ToArray();

    /// <summary>The function library file next to the binary.</summary>
    public static string LibraryPath => Path.Combine(AppContext.BaseDirectory, "Redis", "scoringgrid.lua");

    /// <summary>FUNCTION LOAD REPLACE of the library.</summary>
    public static void LoadFunctions(int port)
    {
        using var c = new RespConnection(port);
        c.CallOk("FUNCTION", "LOAD", "REPLACE", File.ReadAllText(LibraryPath));
    }

    /// <summary>Encodes the FCALL of one interaction.</summary>
    public static void EncodeIngest(RespConnection c, Interaction i, int ttlSeconds)
    {
        if (i.Kind == Model.Post)
        {
            c.Begin(8);
            c.Arg(Fcall);
            c.Arg(Ingest);
            c.Arg(Two);
            c.Arg(EventPrefix, i.EventId);
            c.Arg(AccountPrefix, i.Actor);
            c.Arg(ttlSeconds);
            c.Arg(KindText[i.Kind]);
            c.Arg(i.OccurredAtMs);
            return;
        }

        var (a, b, actorIsB) = Model.OrderPair(i.Actor, i.Target);
        c.Begin(15);
        c.Arg(Fcall);
        c.Arg(Ingest);
        c.Arg(Six);
        c.Arg(EventPrefix, i.EventId);
        c.Arg(AccountPrefix, i.Actor);
        c.Arg(AccountPrefix, i.Target);
        c.PairKeyArg(a, b);
        c.Arg(TopPrefix, i.Actor);
        c.Arg(TopPrefix, i.Target);
        c.Arg(ttlSeconds);
        c.Arg(KindText[i.Kind]);
        c.Arg(i.OccurredAtMs);
        c.Arg(actorIsB ? Ba : Ab);
        c.Arg(i.Actor);
        c.Arg(i.Target);
    }

    /// <summary>
    /// Replays <paramref name="interactions"/> over <paramref name="connections"/> connections
    /// (contiguous slices), each with up to <paramref name="depth"/> FCALLs in flight.
    /// </summary>
    public static Measurement IngestAll(int port, IReadOnlyList<Interaction> interactions, int connections, int depth, double maxSeconds, int ttlSeconds = Model.DedupeTtlSeconds)
    {
        connections = Math.Max(1, Math.Min(connections, interactions.Count));
        var conns = Enumerable.Range(0, connections).Select(_ => new RespConnection(port)).ToArray();
        long accepted = 0, duplicates = 0, errors = 0, done = 0;
        string? firstError = null;
        using var start = new Barrier(connections + 1);
        var threads = new Thread[connections];
        long deadline = 0;
        for (int ci = 0; ci < connections; ci++)
        {
            int from = (int)((long)interactions.Count * ci / connections);
            int to = (int)((long)interactions.Count * (ci + 1) / connections);
            RespConnection c = conns[ci];
            threads[ci] = new Thread(() =>
            {
                long acc = 0, dup = 0, err = 0;
                start.SignalAndWait();
                int n = c.RunPipelined(
                    to - from,
                    depth,
                    k => EncodeIngest(c, interactions[from + k], ttlSeconds),
                    (_, v) =>
                    {
                        if (v.Type == RespType.Integer)
                        {
                            if (v.Integer == 1)
                            {
                                acc++;
                            }
                            else
                            {
                                dup++;
                            }
                        }
                        else
                        {
                            err++;
                            Interlocked.CompareExchange(ref firstError, v.ToString(), null);
                        }
                    },
                    null,
                    Volatile.Read(ref deadline));
                Interlocked.Add(ref accepted, acc);
                Interlocked.Add(ref duplicates, dup);
                Interlocked.Add(ref errors, err);
                Interlocked.Add(ref done, n);
            }) { IsBackground = true, Name = "redis-ingest-" + ci };
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
        foreach (RespConnection c in conns)
        {
            c.Dispose();
        }

        var m = new Measurement { Count = done, Seconds = seconds, Errors = errors };
        m.Extra["accepted"] = accepted;
        m.Extra["duplicates"] = duplicates;
        m.Extra["connections"] = connections;
        m.Extra["depth"] = depth;
        m.Extra["complete"] = done == interactions.Count;
        if (firstError is not null)
        {
            m.Extra["first_error"] = firstError;
        }

        return m;
    }

    /// <summary>Encodes HGETALL of a pair (a &lt; b).</summary>
    public static void EncodeGetRelationship(RespConnection c, string a, string b)
    {
        c.Begin(2);
        c.Arg(Hgetall);
        c.PairKeyArg(a, b);
    }

    /// <summary>GetRelationship at as-of from the HGETALL reply of the pair.</summary>
    public static RelationshipAnswer ParseRelationship(RespValue reply, long asOfMs)
    {
        var r = new RelationshipAnswer();
        if (reply.Type != RespType.Array)
        {
            throw new InvalidOperationException("HGETALL: " + reply);
        }

        RespValue[] f = reply.Items!;
        if (f.Length == 0)
        {
            r.NotFound = true;
            return r;
        }

        double ab = 0, ba = 0;
        for (int i = 0; i + 1 < f.Length; i += 2)
        {
            string name = f[i].Text!;
            string value = f[i + 1].Text!;
            switch (name)
            {
                case "ab": ab = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "ba": ba = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "first": r.FirstMs = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "last": r.LastMs = long.Parse(value, CultureInfo.InvariantCulture); break;
                default:
                    if (name.Length > 2 && int.TryParse(name.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int kind) && kind is > 0 and < 13)
                    {
                        (name[0] == 'a' ? r.CountsAToB : r.CountsBToA)[kind] = long.Parse(value, CultureInfo.InvariantCulture);
                    }

                    break;
            }
        }

        r.AToB = Model.FromForward(ab, asOfMs, Model.RelationshipHalfLifeMs);
        r.BToA = Model.FromForward(ba, asOfMs, Model.RelationshipHalfLifeMs);
        r.Reciprocity = Model.Reciprocity(r.AToB, r.BToA);
        r.Strength = Model.Strength(r.AToB, r.BToA);
        return r;
    }

    /// <summary>Encodes ZREVRANGE t:account 0 14 WITHSCORES.</summary>
    public static void EncodeTop(RespConnection c, string account)
    {
        c.Begin(5);
        c.Arg(Zrevrange);
        c.Arg(TopPrefix, account);
        c.Arg(Zero);
        c.Arg(TopLast);
        c.Arg(WithScores);
    }

    /// <summary>Top relationships at as-of from the ZREVRANGE WITHSCORES reply (score = log2 of forward strength).</summary>
    public static List<TopEntry> ParseTop(RespValue reply, long asOfMs)
    {
        if (reply.Type != RespType.Array)
        {
            throw new InvalidOperationException("ZREVRANGE: " + reply);
        }

        RespValue[] f = reply.Items!;
        var list = new List<TopEntry>(f.Length / 2);
        for (int i = 0; i + 1 < f.Length; i += 2)
        {
            double key = ParseScore(f[i + 1].Text!);
            list.Add(new TopEntry(f[i].Text!, Model.KeyToValue(key, asOfMs, Model.RelationshipHalfLifeMs)));
        }

        return list;
    }

    /// <summary>HGETALL of an account, decayed to as-of.</summary>
    public static AccountAnswer GetAccount(RespConnection c, string account, long asOfMs)
    {
        RespValue reply = c.CallOk("HGETALL", "a:" + account);
        var r = new AccountAnswer();
        RespValue[] f = reply.Items!;
        for (int i = 0; i + 1 < f.Length; i += 2)
        {
            string name = f[i].Text!;
            string value = f[i + 1].Text!;
            switch (name)
            {
                case "given": r.Given = Model.FromForward(double.Parse(value, CultureInfo.InvariantCulture), asOfMs, Model.AccountHalfLifeMs); break;
                case "received": r.Received = Model.FromForward(double.Parse(value, CultureInfo.InvariantCulture), asOfMs, Model.AccountHalfLifeMs); break;
                case "posts": r.Posts = long.Parse(value, CultureInfo.InvariantCulture); break;
                default:
                    if (name.Length > 1 && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int kind) && kind is > 0 and < 13)
                    {
                        (name[0] == 'g' ? r.CountsGiven : r.CountsReceived)[kind] = long.Parse(value, CultureInfo.InvariantCulture);
                    }

                    break;
            }
        }

        return r;
    }

    /// <summary>One GetRelationship call.</summary>
    public static RelationshipAnswer GetRelationship(RespConnection c, string first, string second, long asOfMs)
    {
        var (a, b, _) = Model.OrderPair(first, second);
        EncodeGetRelationship(c, a, b);
        c.Flush();
        return ParseRelationship(c.Read(), asOfMs);
    }

    /// <summary>One top-relationships call.</summary>
    public static List<TopEntry> Top(RespConnection c, string account, long asOfMs)
    {
        EncodeTop(c, account);
        c.Flush();
        return ParseTop(c.Read(), asOfMs);
    }

    /// <summary>
    /// Times <paramref name="count"/> query calls (at most <paramref name="maxSeconds"/>) over
    /// <paramref name="connections"/> connections with up to <paramref name="depth"/> in flight each,
    /// after <paramref name="warmup"/> untimed calls. Each reply is turned into the answer (decay,
    /// reciprocity, strength computed in the client), as a ScoringGrid client would receive it.
    /// </summary>
    public static Measurement Queries(int port, bool top, (string A, string B)[] pairs, string[] accounts, long asOfMs, int connections, int depth, double maxSeconds, int warmup)
    {
        int total = top ? accounts.Length : pairs.Length;
        connections = Math.Max(1, Math.Min(connections, total));
        var conns = Enumerable.Range(0, connections).Select(_ => new RespConnection(port)).ToArray();
        var latencies = new long[connections][];
        var done = new int[connections];
        long errors = 0, empty = 0;
        long deadline = 0;

        void Encode(RespConnection c, int k)
        {
            if (top)
            {
                EncodeTop(c, accounts[k]);
            }
            else
            {
                EncodeGetRelationship(c, pairs[k].A, pairs[k].B);
            }
        }

        void OnReply(RespValue v, ref long err, ref long emp)
        {
            if (v.Type == RespType.Error)
            {
                err++;
            }
            else if (top ? ParseTop(v, asOfMs).Count == 0 : ParseRelationship(v, asOfMs).NotFound)
            {
                emp++;
            }
        }

        // Warm-up on the first connection: JIT, and the server's and the OS's caches.
        {
            long e = 0, m = 0;
            conns[0].RunPipelined(Math.Min(warmup, total), depth, k => Encode(conns[0], k), (_, v) => OnReply(v, ref e, ref m), null, long.MaxValue);
        }

        using var start = new Barrier(connections + 1);
        var threads = new Thread[connections];
        for (int ci = 0; ci < connections; ci++)
        {
            int index = ci;
            int from = (int)((long)total * ci / connections);
            int to = (int)((long)total * (ci + 1) / connections);
            RespConnection c = conns[ci];
            latencies[ci] = new long[to - from];
            threads[ci] = new Thread(() =>
            {
                long err = 0, emp = 0;
                start.SignalAndWait();
                done[index] = c.RunPipelined(to - from, depth, k => Encode(c, from + k), (_, v) => OnReply(v, ref err, ref emp), latencies[index], Volatile.Read(ref deadline));
                Interlocked.Add(ref errors, err);
                Interlocked.Add(ref empty, emp);
            }) { IsBackground = true, Name = "redis-query-" + ci };
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
        foreach (RespConnection c in conns)
        {
            c.Dispose();
        }

        int n = done.Sum();
        var all = new long[n];
        int at = 0;
        for (int ci = 0; ci < connections; ci++)
        {
            Array.Copy(latencies[ci], 0, all, at, done[ci]);
            at += done[ci];
        }

        var result = new Measurement { Count = n, Seconds = seconds, Errors = errors };
        result.SetLatencies(all, n);
        result.Extra["empty_answers"] = empty;
        result.Extra["connections"] = connections;
        result.Extra["depth"] = depth;
        return result;
    }

    private static double ParseScore(string s) => s switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(s, CultureInfo.InvariantCulture),
    };
}

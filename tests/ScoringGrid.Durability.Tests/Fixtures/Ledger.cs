using ScoringGrid.Contracts;
using ScoringGrid.V1;

namespace ScoringGrid.Durability.Tests.Fixtures;

/// <summary>
/// A seeded stream of batches over a small set of accounts, and the counts every acknowledged
/// interaction adds up to (per pair, per direction, per kind), computed by the test alone.
/// </summary>
public sealed class Ledger
{
    private static readonly InteractionKind[] Kinds =
    [
        InteractionKind.Like, InteractionKind.Comment, InteractionKind.Share, InteractionKind.Mention, InteractionKind.Reply, InteractionKind.DirectMessage, InteractionKind.Click,
    ];

    private readonly Random _random;
    private readonly string _prefix;
    private readonly Dictionary<(string Actor, string Target, InteractionKind Kind), long> _expected = new();
    private readonly HashSet<string> _ackedEvents = new();
    private int _nextBatch;

    public Ledger(int seed, string prefix, int accounts = 16)
    {
        _random = new Random(seed);
        _prefix = prefix;
        Accounts = Enumerable.Range(0, accounts).Select(i => $"{prefix}acct{i}").ToArray();
    }

    public string[] Accounts { get; }

    public int AckedInteractions => _ackedEvents.Count;

    /// <summary>A new batch of <paramref name="size"/> interactions with fresh event ids.</summary>
    public IngestRequest NextBatch(int size)
    {
        var batch = new IngestRequest { BatchId = $"{_prefix}b{_nextBatch}" };
        var start = 1_790_000_000_000L + _nextBatch * 10_000L;
        for (var i = 0; i < size; i++)
        {
            var actor = Accounts[_random.Next(Accounts.Length)];
            string target;
            do
            {
                target = Accounts[_random.Next(Accounts.Length)];
            }
            while (target == actor);

            batch.Interactions.Add(new Interaction
            {
                EventId = $"{_prefix}e{_nextBatch}-{i}",
                Actor = actor,
                Target = target,
                Kind = Kinds[_random.Next(Kinds.Length)],
                OccurredAt = start + i,
            });
        }

        _nextBatch++;
        return batch;
    }

    /// <summary>Records an acknowledged batch: each of its event ids counts once, however often it was acked.</summary>
    public void Acked(IngestRequest batch)
    {
        foreach (var interaction in batch.Interactions)
        {
            if (_ackedEvents.Add(interaction.EventId))
            {
                var key = (interaction.Actor, interaction.Target, interaction.Kind);
                _expected[key] = _expected.GetValueOrDefault(key) + 1;
            }
        }
    }

    /// <summary>Asks the server for every pair and returns each difference from the expected counts (empty when they agree).</summary>
    public async Task<List<string>> CompareAsync(ServerProcess server)
    {
        var differences = new List<string>();
        for (var i = 0; i < Accounts.Length; i++)
        {
            for (var j = i + 1; j < Accounts.Length; j++)
            {
                var a = Accounts[i];
                var b = Accounts[j];
                var expectedAToB = Expected(a, b);
                var expectedBToA = Expected(b, a);
                RelationshipScore? score = null;
                try
                {
                    score = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetRelationship, ServerProcess.Call(),
                        new GetRelationshipRequest { Pair = new AccountPair { AccountA = a, AccountB = b } }).ResponseAsync;
                }
                catch (ScoringGrid.Rpc.RpcException e) when (e.StatusCode == ScoringGrid.Rpc.StatusCode.NotFound)
                {
                }

                var (actualAToB, actualBToA) = score is null
                    ? (new Dictionary<InteractionKind, long>(), new Dictionary<InteractionKind, long>())
                    : score.Pair.AccountA == a ? (Counts(score.AToBCounts), Counts(score.BToACounts)) : (Counts(score.BToACounts), Counts(score.AToBCounts));
                foreach (var kind in Kinds)
                {
                    if (expectedAToB.GetValueOrDefault(kind) != actualAToB.GetValueOrDefault(kind))
                    {
                        differences.Add($"{a}->{b} {kind}: expected {expectedAToB.GetValueOrDefault(kind)}, server {actualAToB.GetValueOrDefault(kind)}");
                    }

                    if (expectedBToA.GetValueOrDefault(kind) != actualBToA.GetValueOrDefault(kind))
                    {
                        differences.Add($"{b}->{a} {kind}: expected {expectedBToA.GetValueOrDefault(kind)}, server {actualBToA.GetValueOrDefault(kind)}");
                    }
                }
            }
        }

        return differences;
    }

    /// <summary>
    /// Asks the server for every account's score and returns each difference between its
    /// interactions received and given, per kind, and the expected counts (empty when they agree).
    /// </summary>
    public async Task<List<string>> CompareAccountsAsync(ServerProcess server)
    {
        var differences = new List<string>();
        foreach (var account in Accounts)
        {
            var expectedReceived = new Dictionary<InteractionKind, long>();
            var expectedGiven = new Dictionary<InteractionKind, long>();
            foreach (var ((actor, target, kind), count) in _expected)
            {
                if (target == account)
                {
                    expectedReceived[kind] = expectedReceived.GetValueOrDefault(kind) + count;
                }

                if (actor == account)
                {
                    expectedGiven[kind] = expectedGiven.GetValueOrDefault(kind) + count;
                }
            }

            AccountScore? score = null;
            try
            {
                score = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetAccountScore, ServerProcess.Call(),
                    new GetAccountScoreRequest { AccountId = account }).ResponseAsync;
            }
            catch (ScoringGrid.Rpc.RpcException e) when (e.StatusCode == ScoringGrid.Rpc.StatusCode.NotFound)
            {
            }

            var received = score is null ? new Dictionary<InteractionKind, long>() : Counts(score.Received);
            var given = score is null ? new Dictionary<InteractionKind, long>() : Counts(score.Given);
            foreach (var kind in Kinds)
            {
                if (expectedReceived.GetValueOrDefault(kind) != received.GetValueOrDefault(kind))
                {
                    differences.Add($"{account} received {kind}: expected {expectedReceived.GetValueOrDefault(kind)}, server {received.GetValueOrDefault(kind)}");
                }

                if (expectedGiven.GetValueOrDefault(kind) != given.GetValueOrDefault(kind))
                {
                    differences.Add($"{account} gave {kind}: expected {expectedGiven.GetValueOrDefault(kind)}, server {given.GetValueOrDefault(kind)}");
                }
            }
        }

        return differences;
    }

    private Dictionary<InteractionKind, long> Expected(string actor, string target)
    {
        var result = new Dictionary<InteractionKind, long>();
        foreach (var kind in Kinds)
        {
            if (_expected.TryGetValue((actor, target, kind), out var count))
            {
                result[kind] = count;
            }
        }

        return result;
    }

    private static Dictionary<InteractionKind, long> Counts(IEnumerable<KindCount> counts) =>
        counts.Where(c => c.Count > 0).ToDictionary(c => c.Kind, c => (long)c.Count);
}

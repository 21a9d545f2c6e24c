using System.Text.RegularExpressions;
using ScoringGrid.Contracts;
using ScoringGrid.Durability.Tests.Fixtures;
using ScoringGrid.V1;

namespace ScoringGrid.Durability.Tests;

/// <summary>
/// The server, as a process, hands unused memory back once quiet: one trim per quiet spell, logged
/// with what it returned, and the state it holds answers as before.
/// </summary>
public sealed partial class MemoryTrimTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sg-trim-data-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [GeneratedRegex(@"Memory trim after [0-9,]+ s quiet: resident (?<before>[0-9,]+) MB -> (?<after>[0-9,]+) MB; the collector now commits (?<committed>[0-9,]+) MB for a heap of (?<heap>[0-9,]+) MB; pause (?<pause>[0-9,]+) ms")]
    private static partial Regex TrimLine();

    private static async Task<MatchCollection> WaitForTrimsAsync(ServerProcess server, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var trims = TrimLine().Matches(server.Output);
            if (trims.Count >= count)
            {
                return trims;
            }

            Assert.True(clock.Elapsed < Bound, $"no trim number {count} within {Bound}\n--- server output ---\n{server.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Ingests batches of 1,000 LIKEs: among 97 × 89 accounts that every call shares, or, with
    /// <paramref name="newAccounts"/>, each from an account of its own (the state, and so the resident
    /// memory, then grows by some tens of MB whatever the collector's budget).
    /// </summary>
    private static async Task IngestAsync(ServerProcess server, string prefix, int batches, bool newAccounts = false)
    {
        for (var b = 0; b < batches; b++)
        {
            var request = new IngestRequest { BatchId = $"{prefix}{b}" };
            for (var i = 0; i < 1000; i++)
            {
                request.Interactions.Add(new Interaction
                {
                    EventId = $"{prefix}{b}-{i}",
                    Actor = newAccounts ? $"{prefix}a{b}-{i}" : $"a{i % 97}",
                    Target = newAccounts ? $"{prefix}t{i % 89}" : $"t{(i * 7 + b) % 89}",
                    Kind = InteractionKind.Like,
                    OccurredAt = 1_790_000_000_000L + (b * 1000) + i,
                });
            }

            var response = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.Ingest, ServerProcess.Call(), request).ResponseAsync;
            Assert.Equal(1000u, response.Accepted);
        }
    }

    private static async Task<long> LikesAsync(ServerProcess server, string actor, string target)
    {
        var score = await server.Invoker.AsyncUnaryCall(ScoringGridMethods.GetRelationship, ServerProcess.Call(),
            new GetRelationshipRequest { Pair = new AccountPair { AccountA = actor, AccountB = target } }).ResponseAsync;
        return score.AToBCounts.Where(c => c.Kind == InteractionKind.Like).Sum(c => (long)c.Count);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_quiet_server_trims_once_per_spell_and_keeps_its_state()
    {
        var server = await ServerProcess.StartAsync(_dataDirectory,
            "--ScoringGrid:Storage:Provider=memory",
            "--ScoringGrid:Memory:TrimAfterQuiet=00:00:01",
            "--ScoringGrid:Memory:QuietAllocationRate=262144",
            "--ScoringGrid:Memory:MinimumGrowth=1");
        try
        {
            await IngestAsync(server, "first-", 20);
            var before = await LikesAsync(server, "a5", "t5");
            Assert.True(before > 0);

            var first = (await WaitForTrimsAsync(server, 1))[0];
            var committed = long.Parse(first.Groups["committed"].Value.Replace(",", ""));
            var heap = long.Parse(first.Groups["heap"].Value.Replace(",", ""));
            Assert.True(heap <= committed, first.Value);
            Assert.Equal(before, await LikesAsync(server, "a5", "t5"));

            // Still quiet: no second trim in this spell (three more spells' worth of waiting).
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Single(TrimLine().Matches(server.Output));

            // Busy growing the state, then quiet again: a second trim, and the state still answers.
            await IngestAsync(server, "second-", 20, newAccounts: true);
            await WaitForTrimsAsync(server, 2);
            Assert.Equal(before, await LikesAsync(server, "a5", "t5"));
            Assert.Equal(1, await LikesAsync(server, "second-a3-5", "second-t5"));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact(Timeout = 90_000)]
    public async Task A_negative_delay_stops_the_start_with_the_settings_name()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerProcess.StartAsync(_dataDirectory, "--ScoringGrid:Storage:Provider=memory", "--ScoringGrid:Memory:TrimAfterQuiet=-00:00:01"));
        Assert.Contains("ScoringGrid:Memory:TrimAfterQuiet must be zero (never trim) or positive", error.Message, StringComparison.Ordinal);
    }
}

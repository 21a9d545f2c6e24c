using ScoringGrid.Durability.Tests.Fixtures;

namespace ScoringGrid.Durability.Tests;

/// <summary>
/// Damages the tail of the write-ahead log of a killed server (a torn last record, flipped
/// bytes) and checks that recovery keeps every record before the damage, drops the damaged
/// one, and says so.
/// </summary>
public sealed class LogDamageTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sg-damage-").FullName;

    private static readonly string[] Settings =
    [
        "--ScoringGrid:Storage:Provider=sqlite",
        "--ScoringGrid:Storage:CheckpointInterval=01:00:00",
    ];

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact(Timeout = 60_000)]
    public Task A_torn_last_record_is_truncated_and_everything_before_it_kept() =>
        DamageAndRecoverAsync(segment =>
        {
            using var file = new FileStream(segment, FileMode.Open, FileAccess.ReadWrite);
            file.SetLength(file.Length - 7);
        });

    [Fact(Timeout = 60_000)]
    public Task Flipped_bytes_in_the_last_record_are_detected_and_everything_before_it_kept() =>
        DamageAndRecoverAsync(segment =>
        {
            using var file = new FileStream(segment, FileMode.Open, FileAccess.ReadWrite);
            file.Position = file.Length - 40;
            var b = file.ReadByte();
            file.Position = file.Length - 40;
            file.WriteByte((byte)(b ^ 0x5A));
        });

    private async Task DamageAndRecoverAsync(Action<string> damage)
    {
        var ledger = new Ledger(seed: 3, prefix: "damage-");
        var batches = Enumerable.Range(0, 20).Select(_ => ledger.NextBatch(50)).ToList();
        var server = await ServerProcess.StartAsync(_dataDirectory, Settings);
        try
        {
            // Every batch but the last is expected back; the last one's record is damaged below.
            await StreamingClient.SendAsync(server, ledger, batches.Take(batches.Count - 1));
            await StreamingClient.SendAsync(server, new Ledger(0, "unused-"), batches.TakeLast(1));
            await server.KillAsync();
        }
        finally
        {
            await server.DisposeAsync();
        }

        var segment = Directory.GetFiles(Path.Combine(_dataDirectory, "wal"), "*.wal").Order(StringComparer.Ordinal).Last();
        damage(segment);

        var restarted = await ServerProcess.StartAsync(_dataDirectory, Settings);
        try
        {
            var differences = await ledger.CompareAsync(restarted);
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)) + "\n--- server output ---\n" + restarted.Output);
            Assert.Contains("write-ahead log was damaged", restarted.Output);
            Assert.Contains("replayed 19 log records", restarted.Output);

            // The log takes new records after the truncated tail, and they survive another restart.
            var more = ledger.NextBatch(50);
            await StreamingClient.SendAsync(restarted, ledger, [more]);
            await restarted.KillAsync();
        }
        finally
        {
            await restarted.DisposeAsync();
        }

        var again = await ServerProcess.StartAsync(_dataDirectory, Settings);
        try
        {
            var differences = await ledger.CompareAsync(again);
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)) + "\n--- server output ---\n" + again.Output);
            Assert.DoesNotContain("write-ahead log was damaged", again.Output);
        }
        finally
        {
            await again.DisposeAsync();
        }
    }
}

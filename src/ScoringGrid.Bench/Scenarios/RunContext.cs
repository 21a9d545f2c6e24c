using ScoringGrid.Bench.Options;

namespace ScoringGrid.Bench.Scenarios;

/// <summary>What the requests of a run share: its settings, its connections, and the cancellation that cuts it off.</summary>
/// <param name="Settings">The run's settings.</param>
/// <param name="Channels">The connections.</param>
/// <param name="RunDeadline">When the whole run must be over (UTC), the deadline of long-lived streams.</param>
/// <param name="CancellationToken">Cut-off of the run (the hard cap, or an interrupt).</param>
public sealed record RunContext(BenchSettings Settings, ChannelPool Channels, DateTime RunDeadline, CancellationToken CancellationToken);

namespace ScoringGrid.Grains.Tests;

/// <summary>State of the test grain.</summary>
public sealed class CounterState
{
    public long Value { get; set; }

    public List<int> Log { get; } = new();
}

/// <summary>
/// A test grain that counts, detects concurrent turns (two callers inside at once), and
/// writes its state when deactivated.
/// </summary>
public sealed class CounterGrain : Grain<CounterState>
{
    private int _inside;

    public static int Activations;
    public static int Deactivations;
    public static int OverlappingTurns;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Activations);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Deactivations);
        await WriteStateAsync();
    }

    public long Add(int amount)
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            Interlocked.Increment(ref OverlappingTurns);
        }

        // A non-atomic read-modify-write: lost updates would show if turns overlapped.
        var value = State.Value;
        Thread.SpinWait(50);
        State.Value = value + amount;
        State.Log.Add(amount);
        Interlocked.Decrement(ref _inside);
        return State.Value;
    }

    public async ValueTask<long> AddSlowlyAsync(int amount)
    {
        if (Interlocked.Increment(ref _inside) != 1)
        {
            Interlocked.Increment(ref OverlappingTurns);
        }

        var value = State.Value;
        await Task.Delay(1);
        State.Value = value + amount;
        Interlocked.Decrement(ref _inside);
        return State.Value;
    }

    public long Read() => State.Value;

    public bool HasRecord => RecordExists;

    public void Leave() => DeactivateOnIdle();
}

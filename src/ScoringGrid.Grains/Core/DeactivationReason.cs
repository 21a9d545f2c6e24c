namespace ScoringGrid.Grains;

/// <summary>Why a grain is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>It was idle longer than the collection age.</summary>
    IdleCollection,
    /// <summary>It asked to be deactivated (<see cref="Grain.DeactivateOnIdle"/>).</summary>
    Requested,
    /// <summary>The runtime is shutting down.</summary>
    RuntimeShutdown,
}

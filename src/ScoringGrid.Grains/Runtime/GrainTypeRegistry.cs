using System.Collections.Concurrent;

namespace ScoringGrid.Grains;

/// <summary>Which class implements each grain type name, and how to create it.</summary>
public sealed class GrainTypeRegistry
{
    private readonly ConcurrentDictionary<string, Func<Grain>> _factories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _names = new();

    /// <summary>Registers a grain class under a type name.</summary>
    public GrainTypeRegistry Register<TGrain>(string typeName, Func<TGrain> factory)
        where TGrain : Grain
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        ArgumentNullException.ThrowIfNull(factory);
        if (!_factories.TryAdd(typeName, factory))
        {
            throw new ArgumentException($"Grain type '{typeName}' is already registered.", nameof(typeName));
        }

        _names[typeof(TGrain)] = typeName;
        return this;
    }

    /// <summary>The type name a grain class was registered under.</summary>
    public string NameOf<TGrain>()
        where TGrain : Grain =>
        _names.TryGetValue(typeof(TGrain), out var name) ? name : throw new InvalidOperationException($"{typeof(TGrain).Name} is not a registered grain class.");

    internal Grain Create(GrainId grainId) =>
        _factories.TryGetValue(grainId.Type, out var factory)
            ? factory()
            : throw new InvalidOperationException($"No grain class is registered for type '{grainId.Type}'.");
}

using System.Globalization;

namespace ScoringGrid.Server.Memory;

/// <summary>
/// The garbage collector's configuration as the runtime applied it, logged once at start so an
/// operator can see what a deployment runs with (the project file sets server collection, background
/// full collections and a cap on the gen0 budget; runtimeconfig.json and DOTNET_ variables can change them).
/// </summary>
/// <param name="Server">Server collection (one heap per core) rather than workstation.</param>
/// <param name="Background">Full collections run in the background rather than stopping every thread.</param>
/// <param name="Heaps">Number of heaps (0 when the runtime does not say).</param>
/// <param name="Gen0MaxBudgetBytes">The cap on each heap's gen0 budget; 0 when none is set (the runtime's default).</param>
public readonly record struct CollectorSettings(bool Server, bool Background, int Heaps, long Gen0MaxBudgetBytes)
{
    /// <summary>The settings of this process.</summary>
    public static CollectorSettings Current() => From(GC.GetConfigurationVariables());

    /// <summary>Reads the settings from the runtime's configuration variables (names as the runtime reports them).</summary>
    public static CollectorSettings From(IReadOnlyDictionary<string, object> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new CollectorSettings(
            Flag(variables, "ServerGC"),
            Flag(variables, "ConcurrentGC"),
            (int)Number(variables, "HeapCount"),
            Number(variables, "GCGen0MaxBudget"));
    }

    /// <summary>One line for the log, e.g. "server, 2 heaps, background full collections, gen0 budget at most 32 MiB a heap".</summary>
    public string Describe()
    {
        var kind = Server ? "server" : "workstation";
        var heaps = Heaps > 0 ? string.Create(CultureInfo.InvariantCulture, $", {Heaps} heap{(Heaps == 1 ? string.Empty : "s")}") : string.Empty;
        var full = Background ? "background full collections" : "blocking full collections";
        var budget = Gen0MaxBudgetBytes > 0
            ? string.Create(CultureInfo.InvariantCulture, $"gen0 budget at most {Size(Gen0MaxBudgetBytes)} a heap")
            : "gen0 budget uncapped";
        return $"{kind}{heaps}, {full}, {budget}";
    }

    private static string Size(long bytes) =>
        bytes % (1 << 20) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    private static bool Flag(IReadOnlyDictionary<string, object> variables, string name) =>
        variables.TryGetValue(name, out var value) && value switch
        {
            bool flag => flag,
            string text => bool.TryParse(text, out var parsed) && parsed,
            _ => Number(value) != 0,
        };

    private static long Number(IReadOnlyDictionary<string, object> variables, string name) =>
        variables.TryGetValue(name, out var value) ? Number(value) : 0;

    private static long Number(object? value) => value switch
    {
        ulong large => large > long.MaxValue ? long.MaxValue : (long)large,
        string text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0,
        bool => 0,
        IConvertible number => ToInt64(number),
        _ => 0,
    };

    // A value the runtime reports in another numeric type: out of range reads as 0 (unknown), never an error at start.
    private static long ToInt64(IConvertible number)
    {
        try
        {
            return number.ToInt64(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is OverflowException or FormatException or InvalidCastException)
        {
            return 0;
        }
    }
}

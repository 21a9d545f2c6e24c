namespace ScoringGrid.Grains;

/// <summary>
/// The grain type names of the process, each numbered once: a <see cref="GrainId"/> holds its type's
/// number instead of a reference to the name, which keeps the identity (held by every activation, its
/// partition's table and the server's directory) at 24 bytes. Type names come from code and from stored
/// records, so there are few; the table only grows.
/// </summary>
internal static class GrainTypeNames
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal);
    private static string[] s_names = [null!]; // number 0: no type (a default identity)

    /// <summary>The number of a type name, given on first use.</summary>
    public static int NumberOf(string type)
    {
        lock (Gate)
        {
            if (Numbers.TryGetValue(type, out int number))
            {
                return number;
            }

            number = s_names.Length;
            var names = new string[number + 1];
            Array.Copy(s_names, names, number);
            names[number] = type;
            Volatile.Write(ref s_names, names);
            Numbers.Add(type, number);
            return number;
        }
    }

    /// <summary>The type name of a number <see cref="NumberOf"/> gave (null for 0).</summary>
    public static string NameOf(int number) => Volatile.Read(ref s_names)[number];
}

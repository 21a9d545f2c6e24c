using InteractionKind = ScoringGrid.Scoring.InteractionKind;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// One scoringgrid.v1.KindCount (kind = 1, count = 2, weight = 3) embedded as a repeated field, as the
/// generated message writes it. Shared by the relationship's counts each way and the account's counts
/// given and received; callers write only kinds with a count.
/// </summary>
internal static class KindCountFields
{
    private const int KindField = 1;
    private const int CountField = 2;
    private const int WeightField = 3;

    /// <summary>The bytes of the embedded message, its tag and length included.</summary>
    public static int SizeWithHeader(int field, InteractionKind kind, ulong count, double weight) =>
        WireFields.MessageSize(field, Size(kind, count, weight));

    /// <summary>Writes the message as the repeated field <paramref name="field"/>.</summary>
    public static void Write(ref WireWriter writer, int field, InteractionKind kind, ulong count, double weight)
    {
        writer.MessageHeader(field, Size(kind, count, weight));
        WireFields.WriteVarint(ref writer, KindField, (ulong)kind);
        WireFields.WriteVarint(ref writer, CountField, count);
        WireFields.WriteDouble(ref writer, WeightField, weight);
    }

    private static int Size(InteractionKind kind, ulong count, double weight) =>
        WireFields.EnumSize(KindField, (int)kind) + WireFields.UInt64Size(CountField, count) + WireFields.DoubleSize(WeightField, weight);
}

using ScoringGrid.Server.Ingest.Wire;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// The fields of a scoringgrid.v1.AccountPair (account_a = 1, account_b = 2) located inside the
/// request that embeds it, as the protobuf runtime reads them: the last value of a field wins, and
/// unknown fields (or known numbers with another wire type) are skipped. Shared by GetRelationship's
/// pair and each of BatchGetRelationships' pairs.
/// </summary>
internal static class AccountPairFields
{
    private const uint AccountATag = (1 << 3) | 2;
    private const uint AccountBTag = (2 << 3) | 2;

    /// <summary>
    /// Reads the pair at <paramref name="pair"/> in <paramref name="message"/>: each id found replaces
    /// <paramref name="a"/> or <paramref name="b"/> (positions in <paramref name="message"/>), so a pair
    /// read again over an earlier one merges as the runtime merges it. Returns whether anything else was
    /// skipped.
    /// </summary>
    public static bool Read(ReadOnlySpan<byte> message, WireString pair, ref WireString a, ref WireString b)
    {
        var skipped = false;
        var reader = new ProtoWireReader(message.Slice(pair.Offset, pair.Length));
        while (!reader.AtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case AccountATag:
                    a = Within(pair, reader.ReadLengthDelimited());
                    break;
                case AccountBTag:
                    b = Within(pair, reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(tag);
                    skipped = true;
                    break;
            }
        }

        return skipped;
    }

    private static WireString Within(WireString outer, WireString inner) => new(outer.Offset + inner.Offset, inner.Length);
}

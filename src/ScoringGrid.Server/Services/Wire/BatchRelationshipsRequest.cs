using Google.Protobuf;
using ScoringGrid.Server.Ingest.Wire;
using ScoringGrid.Server.Memory;
using ScoringGrid.V1;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A scoringgrid.v1.BatchGetRelationshipsRequest read field by field from its bytes instead of into the
/// generated message: each pair's ids stay UTF-8 bytes, so pairs of accounts the directory knows make
/// no string. Read as the protobuf runtime reads it: each occurrence of <c>pairs</c> is a pair of its
/// own, within a pair the last value of a field wins, the last <c>as_of</c> wins, and unknown fields
/// are skipped. Each pair can be echoed (<see cref="WritePair"/>) as the generated message would write
/// the pair it read, unknown fields included.
/// </summary>
/// <remarks>Pooled (<see cref="PooledWireRequest"/>).</remarks>
public sealed class BatchRelationshipsRequest : PooledWireRequest<BatchRelationshipsRequest>, IPoolableWireRequest<BatchRelationshipsRequest>
{
    /// <summary>Most requests kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 256;

    /// <summary>Largest payload whose buffer a pooled request keeps (a batch of 1,000 pairs of 24-byte ids fits); a larger one gets a buffer of its own, dropped on release.</summary>
    public const int MaxKeptBuffer = 64 * 1024;

    /// <summary>Most pairs whose room a pooled request keeps (grown to the next power of two a request needs); more get room of their own, dropped on release.</summary>
    public const int MaxKeptPairs = 1024;

    private const uint PairsTag = (1 << 3) | 2;
    private const uint AsOfTag = (2 << 3) | 0;
    private const int AccountAField = 1;
    private const int AccountBField = 2;

    private KeptArray<Pair> _pairs = new(16, MaxKeptPairs);

    private BatchRelationshipsRequest()
        : base(2048, MaxKeptBuffer)
    {
    }

    /// <summary>How many pairs (occurrences of pairs = 1).</summary>
    public int Count { get; private set; }

    /// <summary>as_of = 2 was present.</summary>
    public bool HasAsOf { get; private set; }

    /// <summary>as_of = 2.</summary>
    public long AsOf { get; private set; }

    /// <summary>Pair <paramref name="index"/>'s account_a.</summary>
    public WireString AccountA(int index) => PairAt(index).A;

    /// <summary>Pair <paramref name="index"/>'s account_b.</summary>
    public WireString AccountB(int index) => PairAt(index).B;

    /// <summary>The size of pair <paramref name="index"/> as the generated message would write the pair it read.</summary>
    public int PairSize(int index)
    {
        ref var pair = ref PairAt(index);
        return ReadAsMessage(ref pair) is { } message ? message.CalculateSize()
            : WireFields.StringSize(AccountAField, pair.A.Length) + WireFields.StringSize(AccountBField, pair.B.Length);
    }

    /// <summary>Writes pair <paramref name="index"/> as the generated message would write the pair it read, into exactly <see cref="PairSize"/> bytes.</summary>
    public void WritePair(int index, Span<byte> destination)
    {
        ref var pair = ref PairAt(index);
        if (ReadAsMessage(ref pair) is { } message)
        {
            message.WriteTo(destination);
            return;
        }

        var writer = new WireWriter(destination);
        if (pair.A.Length != 0)
        {
            writer.Bytes(AccountAField, Utf8(pair.A));
        }

        if (pair.B.Length != 0)
        {
            writer.Bytes(AccountBField, Utf8(pair.B));
        }
    }

    /// <inheritdoc />
    static int IPoolableWireRequest<BatchRelationshipsRequest>.MaxPooled => MaxPooled;

    /// <inheritdoc />
    static BatchRelationshipsRequest IPoolableWireRequest<BatchRelationshipsRequest>.Create() => new();

    /// <inheritdoc />
    private protected override void Clear()
    {
        Array.Clear(_pairs.Current, 0, Count); // keeps no parsed pair alive
        _pairs.Drop();
        Count = 0;
    }

    /// <inheritdoc />
    private protected override void ReadFields(ReadOnlySpan<byte> message)
    {
        Count = 0;
        HasAsOf = false;
        AsOf = 0;

        var reader = new ProtoWireReader(message);
        while (!reader.AtEnd)
        {
            var tag = reader.ReadTag();
            switch (tag)
            {
                case PairsTag:
                    ReadPair(reader.ReadLengthDelimited(), message);
                    break;
                case AsOfTag:
                    HasAsOf = true;
                    AsOf = unchecked((long)reader.ReadVarint());
                    break;
                default:
                    reader.Skip(tag);
                    break;
            }
        }
    }

    private void ReadPair(WireString raw, ReadOnlySpan<byte> message)
    {
        var pair = new Pair { Raw = raw };
        pair.HasUnknownFields = AccountPairFields.Read(message, raw, ref pair.A, ref pair.B);
        if (Count == _pairs.Current.Length)
        {
            _pairs.Grow(Count, Count + 1);
        }

        _pairs.Current[Count++] = pair;
    }

    /// <summary>
    /// The pair as the generated message, when its echo is not just its two ids (unknown fields, or an
    /// id that is not UTF-8 and reads replaced): parsed once, when first asked. Null otherwise.
    /// </summary>
    private AccountPair? ReadAsMessage(ref Pair pair)
    {
        if (pair.Message is null && (pair.HasUnknownFields || !System.Text.Unicode.Utf8.IsValid(Utf8(pair.A)) || !System.Text.Unicode.Utf8.IsValid(Utf8(pair.B))))
        {
            pair.Message = AccountPair.Parser.ParseFrom(Utf8(pair.Raw));
        }

        return pair.Message;
    }

    private ref Pair PairAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return ref _pairs.Current[index];
    }

    /// <summary>One pair: where its message and its two ids lie, and the message when parsed.</summary>
    private struct Pair
    {
        public WireString Raw;
        public WireString A;
        public WireString B;
        public bool HasUnknownFields;
        public AccountPair? Message;
    }
}

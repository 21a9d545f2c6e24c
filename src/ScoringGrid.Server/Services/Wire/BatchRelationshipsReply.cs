using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// A BatchGetRelationships response, written to the wire as a scoringgrid.v1.BatchGetRelationshipsResponse
/// by <see cref="WireReplyMarshaller{T}"/>: each result's pair echoed as the request read it (copied
/// from <see cref="BatchRelationshipsRequest.WritePair"/>, unknown fields included), then the
/// relationship written field by field from its pooled <see cref="RelationshipReply"/> or the item's
/// error. No response message and no object per pair or count is built. The bytes are those the
/// generated message would write.
/// </summary>
/// <remarks>
/// The server rents batches (<see cref="Rent"/>), fills them in the order asked (<see cref="AddRelationship"/>,
/// <see cref="AddError"/>: the pair's echo is copied, so the request can be given back first) and gives each back once written (<see cref="Release"/>, from the marshaller),
/// which gives back the relationship replies it holds.
/// </remarks>
public sealed class BatchRelationshipsReply : IWireReply
{
    /// <summary>Most batches kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 256;

    /// <summary>Most results whose room a pooled batch keeps (grown to the next power of two a batch needs); a larger batch gets room of its own, dropped on release.</summary>
    public const int MaxKeptResults = 1024;

    /// <summary>Most bytes of echoed pairs a pooled batch keeps room for; a batch that needs more gets room of its own, dropped on release.</summary>
    public const int MaxKeptPairBytes = 1 << 16;

    private const int ResultsField = 1;
    private const int PairField = 1;
    private const int RelationshipField = 2;
    private const int ErrorField = 3;
    private const int CodeField = 1;
    private const int ErrorFieldField = 2;
    private const int ReasonField = 3;

    private static readonly ReusePool<BatchRelationshipsReply> Pool = new(MaxPooled, static () => new BatchRelationshipsReply());

    private KeptArray<Result> _results = new(16, MaxKeptResults);
    private int _count;
    private KeptArray<byte> _pairs = new(1024, MaxKeptPairBytes); // the echoed pairs' bytes, back to back
    private int _pairBytes;
    private int _rented; // 1 while rented from the pool

    private BatchRelationshipsReply()
    {
    }

    /// <summary>How many results were added.</summary>
    public int Count => _count;

    /// <summary>How many batches the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>An empty batch from the pool with room for <paramref name="capacity"/> results. Give it back with <see cref="Release"/> once written.</summary>
    public static BatchRelationshipsReply Rent(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var batch = Pool.Take();
        batch._count = 0;
        batch._pairBytes = 0;
        batch._results.For(capacity);
        batch._rented = 1;
        return batch;
    }

    /// <summary>Adds the next result: request pair <paramref name="index"/>, found (the batch now owns <paramref name="relationship"/> and gives it back).</summary>
    public void AddRelationship(BatchRelationshipsRequest request, int index, RelationshipReply relationship)
    {
        var (offset, size) = CopyPair(request, index);
        _results.Current[_count++] = new Result(offset, size, relationship, relationship.Size(), 0, "", "");
    }

    /// <summary>Adds the next result: request pair <paramref name="index"/>, refused or not found.</summary>
    public void AddError(BatchRelationshipsRequest request, int index, int code, string field, string reason)
    {
        var (offset, size) = CopyPair(request, index);
        var body = WireFields.Int64Size(CodeField, code) + WireFields.StringSize(ErrorFieldField, field) + WireFields.StringSize(ReasonField, reason);
        _results.Current[_count++] = new Result(offset, size, null, body, code, field, reason);
    }

    /// <summary>
    /// Gives the batch back to the pool, and the relationship replies it holds to theirs; nothing may
    /// read it afterwards. Does nothing once given back, so a batch is never pooled twice.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            for (var i = 0; i < _count; i++)
            {
                _results.Current[i].Relationship?.Release();
            }

            Array.Clear(_results.Current, 0, _count); // keeps no reply or string alive
            _results.Drop();
            _pairs.Drop();
            _count = 0;
            Pool.Return(this);
        }
    }

    /// <inheritdoc />
    public int Size()
    {
        var size = 0;
        for (var i = 0; i < _count; i++)
        {
            size += WireFields.MessageSize(ResultsField, ResultSize(_results.Current[i]));
        }

        return size;
    }

    /// <inheritdoc />
    public void Write(Span<byte> destination)
    {
        var writer = new WireWriter(destination);
        for (var i = 0; i < _count; i++)
        {
            ref readonly var result = ref _results.Current[i];
            writer.MessageHeader(ResultsField, ResultSize(result));
            writer.MessageHeader(PairField, result.PairSize);
            _pairs.Current.AsSpan(result.PairOffset, result.PairSize).CopyTo(writer.Reserve(result.PairSize));

            if (result.Relationship is { } relationship)
            {
                writer.MessageHeader(RelationshipField, result.BodySize);
                relationship.Write(writer.Reserve(result.BodySize));
            }
            else
            {
                writer.MessageHeader(ErrorField, result.BodySize);
                WireFields.WriteVarint(ref writer, CodeField, (ulong)(long)result.Code);
                WireFields.WriteString(ref writer, ErrorFieldField, result.Field);
                WireFields.WriteString(ref writer, ReasonField, result.Reason);
            }
        }

        if (writer.Position != destination.Length)
        {
            throw new InvalidOperationException($"A batch of relationships wrote {writer.Position} bytes where {destination.Length} were reserved.");
        }
    }

    private static int ResultSize(in Result result) =>
        WireFields.MessageSize(PairField, result.PairSize)
        + WireFields.MessageSize(result.Relationship is null ? ErrorField : RelationshipField, result.BodySize);

    /// <summary>Copies a request pair's echo after the ones already held; where it lies.</summary>
    private (int Offset, int Size) CopyPair(BatchRelationshipsRequest request, int index)
    {
        var size = request.PairSize(index);
        if (_pairBytes + size > _pairs.Current.Length)
        {
            _pairs.Grow(_pairBytes, _pairBytes + size);
        }

        var offset = _pairBytes;
        request.WritePair(index, _pairs.Current.AsSpan(offset, size));
        _pairBytes += size;
        return (offset, size);
    }

    /// <summary>One result: where its pair's echo lies, and either the relationship or the error, with the sizes of both.</summary>
    private readonly record struct Result(int PairOffset, int PairSize, RelationshipReply? Relationship, int BodySize, int Code, string Field, string Reason);
}

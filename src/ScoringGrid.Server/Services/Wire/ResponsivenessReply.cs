using ScoringGrid.Scoring;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// An account's responsiveness as a response, written to the wire as a scoringgrid.v1.ResponsivenessResponse
/// by <see cref="WireReplyMarshaller{T}"/>, field by field from the scoring model's
/// <see cref="ResponsivenessScore"/>, without building the generated messages. The bytes are those the
/// generated message would write.
/// </summary>
/// <remarks>
/// The server rents replies (<see cref="Rent"/>) and gives each back once written (<see cref="Release"/>,
/// from the marshaller), so a GetResponsiveness allocates no reply once the pool holds as many as there
/// are calls in flight.
/// </remarks>
public sealed class ResponsivenessReply : IWireReply
{
    /// <summary>Most replies kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    private const int AccountIdField = 1;
    private const int SummaryField = 2;
    private const int AsOfField = 3;

    private static readonly ReusePool<ResponsivenessReply> Pool = new(MaxPooled, static () => new ResponsivenessReply());

    private ResponsivenessScore _score;
    private int _summarySize;
    private int _rented; // 1 while rented from the pool

    private ResponsivenessReply()
    {
    }

    /// <summary>The account (account_id).</summary>
    public string AccountId { get; private set; } = "";

    /// <summary>The figures (summary).</summary>
    public ref readonly ResponsivenessScore Score => ref _score;

    /// <summary>The evaluation instant (as_of).</summary>
    public long AsOfMs { get; private set; }

    /// <summary>How many replies the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>A reply from the pool for an account's responsiveness. Give it back with <see cref="Release"/> once it is written.</summary>
    public static ResponsivenessReply Rent(string accountId, in ResponsivenessScore score, long asOfMs)
    {
        var reply = Pool.Take();
        reply.AccountId = accountId;
        reply._score = score;
        reply._summarySize = ResponsivenessSummaryFields.Size(score);
        reply.AsOfMs = asOfMs;
        reply._rented = 1;
        return reply;
    }

    /// <summary>
    /// Gives a reply back to the pool; nothing may read it afterwards. Does nothing once given back,
    /// so a reply is never pooled twice.
    /// </summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1)
        {
            _score = default; // keeps no listing alive
            AccountId = "";
            Pool.Return(this);
        }
    }

    /// <summary>The encoded size in bytes.</summary>
    public int Size() =>
        WireFields.StringSize(AccountIdField, AccountId) + WireFields.MessageSize(SummaryField, _summarySize) + WireFields.Int64Size(AsOfField, AsOfMs);

    /// <summary>Writes the response into <paramref name="destination"/>, exactly <see cref="Size"/> bytes long.</summary>
    public void Write(Span<byte> destination)
    {
        var writer = new WireWriter(destination);
        WireFields.WriteString(ref writer, AccountIdField, AccountId);
        ResponsivenessSummaryFields.Write(ref writer, SummaryField, _summarySize, _score);
        WireFields.WriteVarint(ref writer, AsOfField, (ulong)AsOfMs);
        if (writer.Position != destination.Length)
        {
            throw new InvalidOperationException($"A responsiveness response wrote {writer.Position} bytes where {destination.Length} were reserved.");
        }
    }
}

using ScoringGrid.Scoring;
using ScoringGrid.Server.Memory;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// An account's open expectations as a response, written to the wire as a
/// scoringgrid.v1.ListOpenExpectationsResponse by <see cref="WireReplyMarshaller{T}"/>, field by field
/// from the scoring model's listing (<see cref="ResponsivenessScore.OpenExpectations"/>, oldest first),
/// without building the generated messages (an object per expectation and the list). The bytes are
/// those the generated message would write.
/// </summary>
/// <remarks>
/// The server rents replies (<see cref="Rent"/>) and gives each back once written (<see cref="Release"/>,
/// from the marshaller), so a ListOpenExpectations allocates no reply once the pool holds as many as
/// there are calls in flight (the listing itself is the scoring model's).
/// </remarks>
public sealed class OpenExpectationsReply : IWireReply
{
    /// <summary>Most replies kept for reuse; calls in flight beyond it make new ones.</summary>
    public const int MaxPooled = 1024;

    /// <summary>Most expectations whose sizes a pooled reply keeps room for; a longer listing gets room of its own, dropped on release.</summary>
    public const int MaxKeptEntries = 1024;

    private const int AccountIdField = 1;
    private const int ExpectationsField = 2;
    private const int TotalOpenField = 3;
    private const int AsOfField = 4;

    private const int FromAccountField = 1;
    private const int EventIdField = 2;
    private const int OpenedAtField = 4;
    private const int WaitingField = 5;
    private const int PastSlaField = 6;

    private static readonly ReusePool<OpenExpectationsReply> Pool = new(MaxPooled, static () => new OpenExpectationsReply());

    private KeptArray<int> _sizes = new(16, MaxKeptEntries); // each listed expectation's bytes, without its tag and length
    private IReadOnlyList<OpenExpectation> _listed = [];
    private int _listedSize; // the expectations' bytes, tags and lengths included
    private int _rented; // 1 while rented from the pool

    private OpenExpectationsReply()
    {
    }

    /// <summary>The account (account_id).</summary>
    public string AccountId { get; private set; } = "";

    /// <summary>The expectations listed (expectations), oldest first.</summary>
    public IReadOnlyList<OpenExpectation> Listed => _listed;

    /// <summary>All open expectations of the account (total_open).</summary>
    public uint TotalOpen { get; private set; }

    /// <summary>The SLA the expectations are judged past against, ms (an expectation's past_sla).</summary>
    public long SlaMs { get; private set; }

    /// <summary>The evaluation instant (as_of).</summary>
    public long AsOfMs { get; private set; }

    /// <summary>How many replies the pool holds now.</summary>
    internal static int PooledCount => Pool.Count;

    /// <summary>
    /// A reply from the pool listing <paramref name="score"/>'s open expectations (its listing, its total
    /// and its SLA). Give it back with <see cref="Release"/> once it is written.
    /// </summary>
    public static OpenExpectationsReply Rent(string accountId, in ResponsivenessScore score, long asOfMs)
    {
        var reply = Pool.Take();
        reply.AccountId = accountId;
        reply._listed = score.OpenExpectations;
        reply.TotalOpen = unchecked((uint)score.Open);
        reply.SlaMs = score.SlaMs;
        reply.AsOfMs = asOfMs;
        reply.Resolve();
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
            _listed = []; // keeps no listing alive
            _sizes.Drop();
            AccountId = "";
            Pool.Return(this);
        }
    }

    /// <summary>The encoded size in bytes.</summary>
    public int Size() =>
        WireFields.StringSize(AccountIdField, AccountId) + _listedSize
        + WireFields.UInt32Size(TotalOpenField, TotalOpen) + WireFields.Int64Size(AsOfField, AsOfMs);

    /// <summary>Writes the response into <paramref name="destination"/>, exactly <see cref="Size"/> bytes long.</summary>
    public void Write(Span<byte> destination)
    {
        var writer = new WireWriter(destination);
        WireFields.WriteString(ref writer, AccountIdField, AccountId);
        var sizes = _sizes.Current;
        for (var i = 0; i < _listed.Count; i++)
        {
            var open = _listed[i];
            writer.MessageHeader(ExpectationsField, sizes[i]);
            WireFields.WriteString(ref writer, FromAccountField, open.Sender);
            WireFields.WriteString(ref writer, EventIdField, open.EventId);
            WireFields.WriteVarint(ref writer, OpenedAtField, (ulong)open.OpenedAtMs);
            WireFields.WriteVarint(ref writer, WaitingField, (ulong)open.AgeMs);
            if (open.AgeMs > SlaMs)
            {
                writer.Varint(PastSlaField, 1);
            }
        }

        WireFields.WriteVarint(ref writer, TotalOpenField, TotalOpen);
        WireFields.WriteVarint(ref writer, AsOfField, (ulong)AsOfMs);
        if (writer.Position != destination.Length)
        {
            throw new InvalidOperationException($"An open expectations response wrote {writer.Position} bytes where {destination.Length} were reserved.");
        }
    }

    /// <summary>Finds each expectation's size once, for <see cref="Size"/> and <see cref="Write"/>.</summary>
    private void Resolve()
    {
        var sizes = _sizes.For(_listed.Count);
        var total = 0;
        for (var i = 0; i < _listed.Count; i++)
        {
            var open = _listed[i];
            var size = WireFields.StringSize(FromAccountField, open.Sender) + WireFields.StringSize(EventIdField, open.EventId)
                + WireFields.Int64Size(OpenedAtField, open.OpenedAtMs) + WireFields.Int64Size(WaitingField, open.AgeMs)
                + (open.AgeMs > SlaMs ? 2 : 0);
            sizes[i] = size;
            total += WireFields.MessageSize(ExpectationsField, size);
        }

        _listedSize = total;
    }
}

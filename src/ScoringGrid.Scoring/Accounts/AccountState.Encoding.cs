namespace ScoringGrid.Scoring;

/// <summary>The account's binary stored form: what <see cref="Save"/> keeps, without a snapshot's objects.</summary>
public sealed partial class AccountState
{
    /// <summary>Version byte of the form written by <see cref="Write"/>.</summary>
    public const byte EncodingVersion = 1;

    private const byte HasEpoch = 1;
    private const byte HasEvents = 2;
    private const byte HasResponsivenessCutoff = 4;
    private const byte HasKaushikFirstDay = 8;
    private const byte KnownFlags = HasEpoch | HasEvents | HasResponsivenessCutoff | HasKaushikFirstDay;

    /// <summary>
    /// Writes the state as <see cref="Save"/> keeps it (raw retained events, no derived values): a
    /// version byte, the id, a flags byte for the values that may be unset, the decayed sums, counts
    /// per kind, conversion values, event times, then the responsiveness timelines, the fans and the
    /// Kaushik days. Allocates nothing beyond the writer's buffer.
    /// </summary>
    /// <param name="writer">Where to write.</param>
    public void Write(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        long cutoff = ResponsivenessCutoffMs;
        long firstDay = _kaushik.FirstRetainedDay;
        byte flags = (byte)((_decay.Epoch != DecayedPair.NoEpoch ? HasEpoch : 0)
            | (_lastEventMs != long.MinValue ? HasEvents : 0)
            | (cutoff != long.MinValue ? HasResponsivenessCutoff : 0)
            | (firstDay != long.MinValue ? HasKaushikFirstDay : 0));

        writer.WriteByte(EncodingVersion);
        writer.WriteString(_id);
        writer.WriteByte(flags);
        if ((flags & HasEpoch) != 0)
        {
            writer.WriteInt(_decay.Epoch);
            writer.WriteDouble(_decay.First);
            writer.WriteDouble(_decay.Second);
        }

        Span<long> counts = stackalloc long[InteractionKinds.ArrayLength];
        foreach (bool received in (ReadOnlySpan<bool>)[false, true])
        {
            _counts.CopyTo(received, counts);
            writer.WriteUInt((ulong)counts.Length);
            foreach (long count in counts)
            {
                writer.WriteUInt((ulong)count);
            }
        }

        writer.WriteDouble(_conversionValueGiven);
        writer.WriteDouble(_conversionValueReceived);
        if ((flags & HasEvents) != 0)
        {
            writer.WriteInt(_firstEventMs);
            writer.WriteInt(_lastEventMs);
        }

        if ((flags & HasResponsivenessCutoff) != 0)
        {
            writer.WriteInt(cutoff);
        }

        if ((flags & HasKaushikFirstDay) != 0)
        {
            writer.WriteInt(firstDay);
        }

        if (_responsiveness is { } responsiveness)
        {
            responsiveness.Write(writer);
        }
        else
        {
            writer.WriteUInt(0);
        }

        _followers.Write(writer);
        ReadOnlySpan<KaushikBucket> buckets = _kaushik.Buckets;
        writer.WriteUInt((ulong)buckets.Length);
        foreach (ref readonly KaushikBucket b in buckets)
        {
            writer.WriteInt(b.Day);
            writer.WriteInt(b.Posts);
            writer.WriteInt(b.Conversations);
            writer.WriteInt(b.Shares);
            writer.WriteInt(b.Likes);
            writer.WriteInt(b.Conversions);
            writer.WriteDouble(b.Value);
        }
    }

    /// <summary>
    /// Reads a state written by <see cref="Write"/>, as <see cref="Load"/> rebuilds one from a snapshot
    /// (derived values are recomputed).
    /// </summary>
    /// <param name="reader">The stored bytes, positioned at the state.</param>
    /// <param name="ids">Strings for the ids of other accounts, shared with the rest of memory; null: new strings.</param>
    /// <exception cref="InvalidDataException">The bytes are not a stored state of a known version, or are damaged.</exception>
    public static AccountState Read(ref StateReader reader, IAccountIdPool? ids = null)
    {
        byte version = reader.ReadByte("the account state's version");
        if (version != EncodingVersion)
        {
            throw reader.Damaged("the account state's version", $"format {version}; this version reads format {EncodingVersion}");
        }

        string id = reader.ReadId("the account id", ids);
        if (id.Length == 0)
        {
            throw reader.Damaged("the account id", "an empty id");
        }

        var state = new AccountState(id);
        byte flags = reader.ReadByte("the account state's flags");
        if ((flags & ~KnownFlags) != 0)
        {
            throw reader.Damaged("the account state's flags", $"flags {flags}");
        }

        if ((flags & HasEpoch) != 0)
        {
            state._decay = new DecayedPair
            {
                Epoch = reader.ReadInt("the decay epoch"),
                First = reader.ReadDouble("the engagement given"),
                Second = reader.ReadDouble("the engagement received"),
            };
        }

        Span<long> counts = stackalloc long[InteractionKinds.ArrayLength];
        foreach (bool received in (ReadOnlySpan<bool>)[false, true])
        {
            string what = received ? "the counts received" : "the counts given";
            int stored = reader.ReadCount(what, 1);
            counts.Clear();
            for (int k = 0; k < stored; k++)
            {
                ulong count = reader.ReadUInt(what);
                if (count > long.MaxValue)
                {
                    throw reader.Damaged(what, $"a count of {count}");
                }

                if (k < counts.Length)
                {
                    counts[k] = (long)count; // kinds a later version added are ignored, as a snapshot's are
                }
            }

            state._counts.Load(received, counts);
        }

        state._conversionValueGiven = reader.ReadDouble("the conversion value given");
        state._conversionValueReceived = reader.ReadDouble("the conversion value received");
        if ((flags & HasEvents) != 0)
        {
            state._firstEventMs = reader.ReadInt("the first event time");
            state._lastEventMs = reader.ReadInt("the last event time");
        }

        long? firstDay = null;
        if ((flags & HasResponsivenessCutoff) != 0)
        {
            state._responsivenessCutoffMs = reader.ReadInt("the responsiveness cutoff");
        }

        if ((flags & HasKaushikFirstDay) != 0)
        {
            firstDay = reader.ReadInt("the first Kaushik day");
        }

        if ((flags & HasEvents) != 0)
        {
            long latestDay = TimeUnits.DayOf(state._lastEventMs);
            long retainedDays = unchecked(latestDay - (firstDay ?? latestDay) + 1);
            if (retainedDays is < 1 or > ScoringModel.MaxKaushikRetentionDays)
            {
                throw reader.Damaged("the first Kaushik day", $"{retainedDays} days retained");
            }

            state._kaushik.Advance(latestDay, retainedDays);
        }

        ResponsivenessTracker.Read(ref reader, state.Responsiveness, ids);
        state._followers.Read(ref reader, ids);
        int days = reader.ReadCount("the Kaushik days", 14);
        for (int i = 0; i < days; i++)
        {
            state._kaushik.Restore(new KaushikBucket
            {
                Day = reader.ReadInt("a Kaushik day"),
                Posts = reader.ReadInt32("a Kaushik day's posts"),
                Conversations = reader.ReadInt32("a Kaushik day's conversations"),
                Shares = reader.ReadInt32("a Kaushik day's shares"),
                Likes = reader.ReadInt32("a Kaushik day's likes"),
                Conversions = reader.ReadInt32("a Kaushik day's conversions"),
                Value = reader.ReadDouble("a Kaushik day's value"),
            });
        }

        return state;
    }
}

using System.Buffers;
using ScoringGrid.Scoring;
using ScoringGrid.Server.Accounts;
using ScoringGrid.Server.Grains;

namespace ScoringGrid.Server.Persistence;

/// <summary>
/// The binary stored form of an account grain: a format byte, a flags byte for the parts present,
/// then the scores (<see cref="AccountState.Write"/>), the attributes and the three ranked lists,
/// other accounts named by id (handles never leave the process). Written into the thread's pooled
/// <see cref="StateWriter"/>: a checkpoint makes one array per account, the record itself.
/// </summary>
/// <remarks>
/// Records written as JSON by earlier versions begin with <c>{</c>, never <see cref="FormatVersion"/>,
/// and are still read (<see cref="JsonAccountRecord"/>).
/// </remarks>
internal static class AccountRecord
{
    /// <summary>The first byte of a record in this form.</summary>
    public const byte FormatVersion = 1;

    private const byte HasScores = 1;
    private const byte HasAttributes = 2;
    private const byte HasRankings = 4;
    private const byte KnownParts = HasScores | HasAttributes | HasRankings;
    private const int IdChars = 512;

    /// <summary>The record of <paramref name="state"/>.</summary>
    public static byte[] Encode(AccountGrainState state, AccountDirectory directory)
    {
        StateWriter writer = StateWriter.Rent();
        try
        {
            Write(writer, state, directory);
            return writer.ToArray();
        }
        finally
        {
            StateWriter.Return(writer);
        }
    }

    /// <summary>Writes the record of <paramref name="state"/>.</summary>
    public static void Write(StateWriter writer, AccountGrainState state, AccountDirectory directory)
    {
        byte parts = (byte)((state.Scores is null ? 0 : HasScores)
            | (state.Attributes is null ? 0 : HasAttributes)
            | (state.Rankings is null ? 0 : HasRankings));
        writer.WriteByte(FormatVersion);
        writer.WriteByte(parts);
        state.Scores?.Write(writer);
        if (state.Attributes is { } attributes)
        {
            writer.WriteString(attributes.DisplayName);
            writer.WriteInt(attributes.Segment);
            writer.WriteUInt((ulong)attributes.Topics.Count);
            foreach (string topic in attributes.Topics)
            {
                writer.WriteString(topic);
            }

            writer.WriteInt(attributes.UpdatedAtMs);
        }

        if (state.Rankings is { } rankings)
        {
            WriteRankings(writer, rankings, directory);
        }
    }

    /// <summary>Reads a record written by <see cref="Write"/>; the accounts it names are numbered in <paramref name="accounts"/>.</summary>
    /// <exception cref="InvalidDataException">The record is damaged or of another format.</exception>
    public static AccountGrainState Decode(ReadOnlySpan<byte> data, TenantAccounts accounts)
    {
        var reader = new StateReader(data);
        byte format = reader.ReadByte("the account record's format");
        if (format != FormatVersion)
        {
            throw reader.Damaged("the account record's format", $"format {format}; this version reads format {FormatVersion}");
        }

        byte parts = reader.ReadByte("the account record's parts");
        if ((parts & ~KnownParts) != 0)
        {
            throw reader.Damaged("the account record's parts", $"flags {parts}");
        }

        var state = new AccountGrainState();
        if ((parts & HasScores) != 0)
        {
            state.Scores = AccountState.Read(ref reader, accounts);
        }

        if ((parts & HasAttributes) != 0)
        {
            var attributes = new AccountAttributes
            {
                DisplayName = reader.ReadString("the display name"),
                Segment = reader.ReadInt32("the segment"),
            };
            int topics = reader.ReadCount("the topics", 1);
            for (int i = 0; i < topics; i++)
            {
                attributes.Topics.Add(reader.ReadString("a topic"));
            }

            attributes.UpdatedAtMs = reader.ReadInt("the attributes' update time");
            state.Attributes = attributes;
        }

        if ((parts & HasRankings) != 0)
        {
            state.Rankings = ReadRankings(ref reader, accounts);
        }

        reader.ExpectEnd("the account record");
        return state;
    }

    private static void WriteRankings(StateWriter writer, TopRelationships<int> rankings, AccountDirectory directory)
    {
        writer.WriteUInt((ulong)rankings.Capacity);
        writer.WriteUInt((ulong)rankings.Lists);
        RankedRelationship<int>[] entries = ArrayPool<RankedRelationship<int>>.Shared.Rent(rankings.Capacity);
        try
        {
            for (int list = 0; list < rankings.Lists; list++)
            {
                int count = rankings.Top(entries, list);
                writer.WriteUInt((ulong)count);
                for (int i = 0; i < count; i++)
                {
                    writer.WriteString(directory.IdOf(entries[i].Other));
                    writer.WriteDouble(entries[i].Key);
                }
            }
        }
        finally
        {
            ArrayPool<RankedRelationship<int>>.Shared.Return(entries);
        }
    }

    private static TopRelationships<int> ReadRankings(ref StateReader reader, TenantAccounts accounts)
    {
        int capacity = reader.ReadUInt32("the ranking capacity", ScoringModel.MaxTopRelationshipsCapacity);
        if (capacity < 1)
        {
            throw reader.Damaged("the ranking capacity", "a capacity of 0");
        }

        int lists = reader.ReadUInt32("the number of ranked lists", RankingLists.Count);
        if (lists != RankingLists.Count)
        {
            throw reader.Damaged("the number of ranked lists", $"{lists} lists where there are {RankingLists.Count}");
        }

        var rankings = new TopRelationships<int>(capacity, accounts.Directory.IdOrder, RankingLists.Count);
        Span<char> chars = stackalloc char[IdChars];
        for (int list = 0; list < lists; list++)
        {
            int count = reader.ReadCount("a ranked list", 9);
            for (int i = 0; i < count; i++)
            {
                int length = reader.ReadChars("a ranked account", chars, out string? whole);
                ReadOnlySpan<char> id = whole is null ? chars[..length] : whole.AsSpan();
                if (id.IsEmpty)
                {
                    throw reader.Damaged("a ranked account", "an empty id");
                }

                double key = reader.ReadDouble("a ranking key");
                if (double.IsNaN(key))
                {
                    throw reader.Damaged("a ranking key", "NaN, which ranks nowhere");
                }

                rankings.Update(accounts.GetOrAdd(id, TenantAccounts.Hash(id)), key, list);
            }
        }

        return rankings;
    }
}

namespace ScoringGrid.Scoring;

/// <summary>The followers' part of an account's binary stored form (see <see cref="AccountState.Write"/>).</summary>
internal partial struct FollowerTracker
{
    private const byte EngagedFlag = 4; // beside the follow state (0 to 2) in a record's flags byte

    /// <summary>Writes every record, in the order held: the account, a flags byte, then the times that are set.</summary>
    public readonly void Write(StateWriter writer)
    {
        writer.WriteUInt((ulong)TrackedAccounts);
        if (_fans is not null)
        {
            foreach (KeyValuePair<string, FanRecord> pair in _fans)
            {
                WriteRecord(writer, pair.Key, pair.Value);
            }

            return;
        }

        for (int i = 0; i < _smallCount; i++)
        {
            WriteRecord(writer, _small![i].Fan, SmallRecord(i));
        }
    }

    /// <summary>Restores the records <see cref="Write"/> wrote.</summary>
    public void Read(ref StateReader reader, IAccountIdPool? ids)
    {
        int count = reader.ReadCount("fans", 2);
        for (int i = 0; i < count; i++)
        {
            string fan = reader.ReadId("a fan", ids);
            byte flags = reader.ReadByte("a fan's flags");
            byte state = (byte)(flags & ~EngagedFlag);
            if (state > FanRecord.Unfollowed)
            {
                throw reader.Damaged("a fan's flags", $"flags {flags}");
            }

            Restore(fan, new FanRecord
            {
                FollowState = state,
                FollowEventMs = state == FanRecord.NoFollowEvent ? long.MinValue : reader.ReadInt("a fan's follow time"),
                LastEngagedMs = (flags & EngagedFlag) != 0 ? reader.ReadInt("a fan's engagement time") : long.MinValue,
            });
        }
    }

    private static void WriteRecord(StateWriter writer, string fan, in FanRecord record)
    {
        bool engaged = record.LastEngagedMs != long.MinValue;
        writer.WriteString(fan);
        writer.WriteByte((byte)(record.FollowState | (engaged ? EngagedFlag : 0)));
        if (record.FollowState != FanRecord.NoFollowEvent)
        {
            writer.WriteInt(record.FollowEventMs);
        }

        if (engaged)
        {
            writer.WriteInt(record.LastEngagedMs);
        }
    }
}

using System.Globalization;

namespace ScoringGrid.Grains;

/// <summary>ETag format (decimal record versions), conflicts and checkpoint validation shared by the durable providers.</summary>
internal static class RecordRules
{
    /// <summary>The ETag of a record version.</summary>
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version an ETag names; false for an ETag this provider never issued.</summary>
    public static bool TryParse(string etag, out long version) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;

    /// <summary>The exception for a write or delete whose ETag does not match the stored one, naming the provider.</summary>
    public static InconsistentStateException Conflict(string provider, string stateName, GrainId grainId, long? stored, string? expected)
    {
        var storedETag = stored is { } version ? Format(version) : null;
        return new InconsistentStateException(
            $"ETag conflict on {stateName} of grain {grainId} in {provider} storage: stored ETag {storedETag ?? "none (no record)"}, the writer had {expected ?? "none (expected no record)"}.",
            storedETag,
            expected);
    }

    /// <summary>Rejects a checkpoint that holds a null (a record named twice is not looked for: see <see cref="Validate(Checkpoint)"/>).</summary>
    public static void ValidateRecords(Checkpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(checkpoint.Records, nameof(Checkpoint.Records));
        ArgumentNullException.ThrowIfNull(checkpoint.AddedKeys, nameof(Checkpoint.AddedKeys));
        foreach (var record in checkpoint.Records)
        {
            Validate(record);
        }
    }

    /// <summary>Rejects a checkpoint that names a record twice or holds a null.</summary>
    public static void Validate(Checkpoint checkpoint)
    {
        ValidateRecords(checkpoint);
        if (checkpoint.Records.Count < 2)
        {
            return;
        }

        var seen = new HashSet<(string, GrainId)>(checkpoint.Records.Count);
        foreach (var record in checkpoint.Records)
        {
            if (!seen.Add((record.StateName, record.GrainId)))
            {
                throw new ArgumentException($"The checkpoint holds {record.StateName} of grain {record.GrainId} twice; each record may be written once per checkpoint.", nameof(checkpoint));
            }
        }
    }

    /// <summary>Rejects a record write with a missing field.</summary>
    public static void Validate(GrainRecordWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(write.StateName, nameof(GrainRecordWrite.StateName));
        ArgumentNullException.ThrowIfNull(write.Data, nameof(GrainRecordWrite.Data));
        if (write.GrainId.Type is null)
        {
            throw new ArgumentException("GrainRecordWrite.GrainId is the default value; it names no grain.", nameof(write));
        }
    }
}

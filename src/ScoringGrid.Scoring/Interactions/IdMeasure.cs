namespace ScoringGrid.Scoring;

/// <summary>What the validation rules need to know of one id field: whether it is empty, too long or not text.</summary>
public enum IdMeasure : byte
{
    /// <summary>Absent or empty.</summary>
    Empty,

    /// <summary>Present, valid UTF-8 and within <see cref="ScoringModel.MaxIdBytes"/>.</summary>
    WithinLimit,

    /// <summary>Longer than <see cref="ScoringModel.MaxIdBytes"/> UTF-8 bytes.</summary>
    OverLimit,

    /// <summary>Bytes that are not UTF-8 (proto3 strings must be).</summary>
    InvalidUtf8,
}

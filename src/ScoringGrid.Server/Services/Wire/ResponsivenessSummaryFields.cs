using Google.Protobuf;
using ScoringGrid.Scoring;

namespace ScoringGrid.Server.Services.Wire;

/// <summary>
/// The fields of a scoringgrid.v1.ResponsivenessSummary written from the scoring model's
/// <see cref="ResponsivenessScore"/>, as the generated message writes them: the counts and the SLA left
/// out at 0, the optional rate and answer times written whenever present. Embedded by
/// <see cref="AccountScoreReply"/> (AccountScore.responsiveness) and <see cref="ResponsivenessReply"/>
/// (ResponsivenessResponse.summary).
/// </summary>
internal static class ResponsivenessSummaryFields
{
    private const int AnsweredField = 1;
    private const int OpenWithinSlaField = 2;
    private const int OpenPastSlaField = 3;
    private const int ResponseRateField = 4;
    private const int MedianAnswerField = 5;
    private const int P90AnswerField = 6;
    private const int AnswerSamplesField = 7;
    private const int SlaField = 8;

    /// <summary>The summary's bytes (its fields, without the tag and length that embed it).</summary>
    public static int Size(in ResponsivenessScore score) =>
        WireFields.UInt64Size(AnsweredField, (ulong)score.Answered)
        + WireFields.UInt64Size(OpenWithinSlaField, (ulong)(score.Open - score.OpenPastSla))
        + WireFields.UInt64Size(OpenPastSlaField, (ulong)score.OpenPastSla)
        + (score.ResponseRate is null ? 0 : CodedOutputStream.ComputeTagSize(ResponseRateField) + 8)
        + (score.MedianAnswerMs is { } median ? CodedOutputStream.ComputeTagSize(MedianAnswerField) + CodedOutputStream.ComputeInt64Size(median) : 0)
        + (score.P90AnswerMs is { } p90 ? CodedOutputStream.ComputeTagSize(P90AnswerField) + CodedOutputStream.ComputeInt64Size(p90) : 0)
        + WireFields.UInt64Size(AnswerSamplesField, (ulong)score.AnswerSamples)
        + WireFields.Int64Size(SlaField, score.SlaMs);

    /// <summary>Writes the summary as the embedded message <paramref name="field"/> of <paramref name="size"/> bytes (<see cref="Size"/>).</summary>
    public static void Write(ref WireWriter writer, int field, int size, in ResponsivenessScore score)
    {
        writer.MessageHeader(field, size);
        WireFields.WriteVarint(ref writer, AnsweredField, (ulong)score.Answered);
        WireFields.WriteVarint(ref writer, OpenWithinSlaField, (ulong)(score.Open - score.OpenPastSla));
        WireFields.WriteVarint(ref writer, OpenPastSlaField, (ulong)score.OpenPastSla);
        if (score.ResponseRate is { } rate)
        {
            writer.Double(ResponseRateField, rate); // optional: written whatever its value
        }

        if (score.MedianAnswerMs is { } median)
        {
            writer.Varint(MedianAnswerField, (ulong)median);
        }

        if (score.P90AnswerMs is { } p90)
        {
            writer.Varint(P90AnswerField, (ulong)p90);
        }

        WireFields.WriteVarint(ref writer, AnswerSamplesField, (ulong)score.AnswerSamples);
        WireFields.WriteVarint(ref writer, SlaField, (ulong)score.SlaMs);
    }
}

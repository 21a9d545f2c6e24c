using System.Buffers;

namespace ScoringGrid.Scoring;

/// <summary>The tracker's part of an account's binary stored form (see <see cref="AccountState.Write"/>).</summary>
internal sealed partial class ResponsivenessTracker
{
    /// <summary>
    /// Writes every retained event, a timeline at a time: the counterpart once, then its expectations
    /// and its answering events (main entries only: links are made again from them), each time as the
    /// difference from the one before.
    /// </summary>
    public void Write(StateWriter writer)
    {
        writer.WriteUInt((ulong)TimelineCount);
        foreach (CounterpartTimeline timeline in Timelines())
        {
            writer.WriteString(timeline.Counterpart);
            writer.WriteUInt((ulong)timeline.Expectations.Count);
            long previous = 0;
            foreach (ref readonly ExpectationEntry e in timeline.Expectations.Span)
            {
                writer.WriteInt(unchecked(e.TimeMs - previous));
                writer.WriteString(e.EventId);
                previous = e.TimeMs;
            }

            int main = 0;
            foreach (ref readonly AnswerEntry a in timeline.Answers.Span)
            {
                main += a.IsLink ? 0 : 1;
            }

            writer.WriteUInt((ulong)main);
            previous = 0;
            foreach (ref readonly AnswerEntry a in timeline.Answers.Span)
            {
                if (!a.IsLink)
                {
                    writer.WriteInt(unchecked(a.TimeMs - previous));
                    writer.WriteString(a.EventId);
                    writer.WriteOptionalString(a.InReplyTo);
                    previous = a.TimeMs;
                }
            }
        }
    }

    /// <summary>
    /// Reads what <see cref="Write"/> wrote into <paramref name="tracker"/> (made when the first event
    /// needs it): every expectation first, then the answering events in event-time order, as a
    /// snapshot's load adds them, so each timeline is built in order rather than recomputed.
    /// </summary>
    public static void Read(ref StateReader reader, Func<ResponsivenessTracker> tracker, IAccountIdPool? ids)
    {
        int timelines = reader.ReadCount("responsiveness timelines", 3);
        if (timelines == 0)
        {
            return;
        }

        ResponsivenessTracker? target = null;
        StoredAnswer[] answers = [];
        int answerCount = 0;
        try
        {
            for (int t = 0; t < timelines; t++)
            {
                string counterpart = reader.ReadId("a responsiveness counterpart", ids);
                int expectations = reader.ReadCount("expectations of a counterpart", 2);
                long time = 0;
                for (int i = 0; i < expectations; i++)
                {
                    time = unchecked(time + reader.ReadInt("an expectation's time"));
                    string eventId = reader.ReadString("an expectation's event id");
                    (target ??= tracker()).AddExpectation(counterpart, time, eventId);
                }

                int main = reader.ReadCount("answers to a counterpart", 3);
                time = 0;
                for (int i = 0; i < main; i++)
                {
                    time = unchecked(time + reader.ReadInt("an answer's time"));
                    string eventId = reader.ReadString("an answer's event id");
                    string? inReplyTo = reader.ReadOptionalString("an answer's in_reply_to");
                    if (answerCount == answers.Length)
                    {
                        StoredAnswer[] larger = ArrayPool<StoredAnswer>.Shared.Rent(Math.Max(16, 2 * answers.Length));
                        answers.AsSpan(0, answerCount).CopyTo(larger);
                        Release(answers, answerCount);
                        answers = larger;
                    }

                    answers[answerCount++] = new StoredAnswer(counterpart, time, eventId, inReplyTo);
                }
            }

            Span<StoredAnswer> read = answers.AsSpan(0, answerCount);
            read.Sort(StoredAnswer.Compare);
            foreach (ref readonly StoredAnswer a in read)
            {
                (target ??= tracker()).AddAnswer(a.Target, a.TimeMs, a.EventId, a.InReplyTo);
            }
        }
        finally
        {
            Release(answers, answerCount);
        }
    }

    private static void Release(StoredAnswer[] answers, int count)
    {
        if (answers.Length > 0)
        {
            answers.AsSpan(0, count).Clear();
            ArrayPool<StoredAnswer>.Shared.Return(answers);
        }
    }

    /// <summary>An answering event read from a stored form, waiting to be added in event-time order.</summary>
    private readonly record struct StoredAnswer(string Target, long TimeMs, string EventId, string? InReplyTo)
    {
        public static readonly Comparison<StoredAnswer> Compare = static (x, y) =>
            x.TimeMs != y.TimeMs ? x.TimeMs.CompareTo(y.TimeMs) : string.CompareOrdinal(x.EventId, y.EventId);
    }
}

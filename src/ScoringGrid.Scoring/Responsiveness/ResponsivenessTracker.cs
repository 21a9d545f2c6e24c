namespace ScoringGrid.Scoring;

/// <summary>
/// Responsiveness of one account, in event time (design brief §4).
/// </summary>
/// <remarks>
/// <para>
/// Rules. Each inbound MENTION or DIRECT_MESSAGE from S opens an expectation (S, t). Each answering event
/// of the account (REPLY or DIRECT_MESSAGE) to T, taken in event-time order (ties by event id), closes
/// every still-open expectation from T opened at or before its time. A REPLY whose in_reply_to names an
/// expectation from another sender S also counts as an answer on S's timeline, where the same rule applies
/// (it closes every open expectation from S at or before its time, the named one included when it is not
/// later than the reply; an in_reply_to naming an expectation opened after the reply closes nothing). An
/// answering event that closes something yields one answer-time sample: its time minus the oldest
/// expectation it closes, over both timelines.
/// </para>
/// <para>
/// Out-of-order arrivals. The state is a function of the set of events applied, never of their order:
/// events are kept per counterpart, sorted by (occurred_at, event id); an event that arrives in order is
/// folded in incrementally, one that arrives out of order makes its counterpart's timeline recompute from
/// its sorted events (O(events of that counterpart)); an answer that names, through in_reply_to, an
/// expectation not seen yet waits in a pending index and is linked when the expectation arrives.
/// </para>
/// <para>
/// Retention. Only events at or after the cutoff (00:00 UTC of the day of the account's latest event,
/// minus <see cref="ScoringModel.ResponsivenessRetentionMs"/>) are kept; older ones are dropped when the
/// cutoff moves (at most once per day of event time) and ignored when they arrive. The cutoff depends only
/// on the latest event time, so this too is the same for any arrival order.
/// </para>
/// </remarks>
internal sealed class ResponsivenessTracker
{
    // Collections are created when first needed (most accounts never need most of them); the shared empty ones are never written.
    private static readonly Dictionary<string, AnswerRecord> NoPending = new(StringComparer.Ordinal);
    private static readonly List<CounterpartTimeline> NoneWithOpen = [];
    private CounterpartTimeline? _single; // the only timeline while there is at most one (then _timelines is null)
    private Dictionary<string, CounterpartTimeline>? _timelines; // every timeline, once there have been two counterparts
    private Dictionary<string, string>? _expectationSenders; // expectation event id → sender; built when the first in_reply_to needs it
    private Dictionary<string, AnswerRecord> _pending = NoPending;
    private List<CounterpartTimeline> _withOpen = NoneWithOpen; // timelines with open expectations (unordered; index kept in each)
    private SortedSamples _samples = SortedSamples.Empty;
    private long _answered;
    private int _open;

    /// <summary>Events before this time are not retained; <see cref="long.MinValue"/> before any event.</summary>
    public long CutoffMs { get; private set; } = long.MinValue;

    public int OpenCount => _open;

    public long AnsweredCount => _answered;

    public int SampleCount => _samples.Count;

    /// <summary>The expectation id → sender index, built from the retained expectations on first use and kept from then on.</summary>
    private Dictionary<string, string> ExpectationSenders()
    {
        if (_expectationSenders is null)
        {
            var senders = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (CounterpartTimeline timeline in Timelines())
            {
                foreach (ExpectationEntry entry in timeline.Expectations)
                {
                    senders[entry.EventId] = timeline.Counterpart;
                }
            }

            _expectationSenders = senders;
        }

        return _expectationSenders;
    }

    /// <summary>Moves the cutoff forward (never back), dropping what falls before it.</summary>
    public void AdvanceCutoff(long cutoffMs)
    {
        if (cutoffMs <= CutoffMs)
        {
            return;
        }

        CutoffMs = cutoffMs;
        if (TimelineCount > 0 || _pending.Count > 0)
        {
            Prune();
        }
    }

    /// <summary>
    /// Whether an inbound expectation (sender, time, id) would be open once applied with the cutoff at
    /// <paramref name="cutoffAfter"/>: retained, and no answer that counts for the sender at or after its time.
    /// </summary>
    public bool WouldOpen(string sender, long timeMs, string eventId, long cutoffAfter)
    {
        if (timeMs < cutoffAfter)
        {
            return false;
        }

        if (TryGetTimeline(sender, out CounterpartTimeline? timeline)
            && timeline.Answers.Count > 0
            && timeline.Answers[^1].TimeMs >= timeMs)
        {
            return false;
        }

        if (_pending.TryGetValue(eventId, out AnswerRecord? answer))
        {
            for (; answer is not null; answer = answer.NextPending)
            {
                if (answer.TimeMs >= timeMs && !string.Equals(answer.Target, sender, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Open expectations that would remain once the cutoff moves to <paramref name="cutoffAfter"/>.</summary>
    public int OpenAfterCutoff(long cutoffAfter)
    {
        if (cutoffAfter <= CutoffMs)
        {
            return _open;
        }

        int dropped = 0;
        foreach (CounterpartTimeline timeline in _withOpen)
        {
            List<ExpectationEntry> expectations = timeline.Expectations;
            for (int i = timeline.OpenFrom; i < expectations.Count && expectations[i].TimeMs < cutoffAfter; i++)
            {
                dropped++;
            }
        }

        return _open - dropped;
    }

    /// <summary>Records an inbound MENTION or DIRECT_MESSAGE from <paramref name="sender"/>.</summary>
    public void AddExpectation(string sender, long timeMs, string eventId)
    {
        if (timeMs < CutoffMs)
        {
            return;
        }

        CounterpartTimeline timeline = GetOrCreate(sender);
        if (_expectationSenders is not null)
        {
            _expectationSenders[eventId] = sender;
        }

        var entry = new ExpectationEntry(timeMs, eventId);
        bool linked = AttachPending(eventId, timeline);
        List<ExpectationEntry> expectations = timeline.WritableExpectations();
        expectations.Insert(UpperBound(expectations, entry), entry);

        if (!linked && (timeline.Answers.Count == 0 || timeline.Answers[^1].TimeMs < timeMs))
        {
            // No answer at or after it: it is open, and no answer's closures change.
            Sync(timeline);
        }
        else if (!linked)
        {
            // Only the first answer at or after it takes it into its range.
            Reclose(timeline, FirstAnswerAtOrAfter(timeline.Answers, timeMs));
            ReopenAndSync(timeline);
        }
        else
        {
            Recompute(timeline);
        }
    }

    /// <summary>Records an answering event (REPLY or DIRECT_MESSAGE) by the account to <paramref name="target"/>.</summary>
    public void AddAnswer(string target, long timeMs, string eventId, string? inReplyTo)
    {
        if (timeMs < CutoffMs)
        {
            return;
        }

        var answer = new AnswerRecord(timeMs, eventId, target, string.IsNullOrEmpty(inReplyTo) ? null : inReplyTo);
        AddToTimeline(GetOrCreate(target), answer);

        if (answer.InReplyTo is string named)
        {
            if (ExpectationSenders().TryGetValue(named, out string? sender))
            {
                if (!string.Equals(sender, target, StringComparison.Ordinal))
                {
                    TryGetTimeline(sender, out CounterpartTimeline? linked);
                    linked = linked ?? throw new InvalidOperationException("expectation index out of sync");
                    answer.LinkedTimeline = linked;
                    AddToTimeline(linked, answer);
                }
            }
            else
            {
                if (ReferenceEquals(_pending, NoPending))
                {
                    _pending = new Dictionary<string, AnswerRecord>(StringComparer.Ordinal);
                }

                _pending.TryGetValue(named, out AnswerRecord? head);
                answer.NextPending = head;
                _pending[named] = answer;
            }
        }
    }

    /// <summary>Median and p90 by nearest rank, counts, and the open expectations oldest first.</summary>
    public ResponsivenessScore Score(long asOfMs, long slaMs, int maxListed)
    {
        // Every open expectation is counted (past the SLA or not); only the oldest maxListed are
        // listed: none when none is asked (an account's score), all sorted when all fit, else the
        // oldest kept in a bounded heap, so a query never sorts thousands to list fifty.
        List<OpenExpectation>? all = maxListed >= _open && _open > 0 ? new List<OpenExpectation>(_open) : null;
        PriorityQueue<OpenExpectation, OpenExpectation>? oldest = maxListed > 0 && all is null && _open > 0
            ? new PriorityQueue<OpenExpectation, OpenExpectation>(maxListed + 1, OpenExpectationOrder.NewestFirst)
            : null;
        long pastSla = 0;
        foreach (CounterpartTimeline timeline in _withOpen)
        {
            List<ExpectationEntry> expectations = timeline.Expectations;
            if (all is null && oldest is null)
            {
                // Nothing to list: a timeline's expectations are in time order and the open ones follow
                // the closed, so those past the SLA (opened before as-of − SLA, in whole ms) are found by
                // one binary search.
                pastSla += Math.Max(0, CountAtOrBefore(expectations, asOfMs - slaMs - 1) - timeline.OpenFrom);
                continue;
            }

            for (int i = timeline.OpenFrom; i < expectations.Count; i++)
            {
                ExpectationEntry e = expectations[i];
                long age = asOfMs - e.TimeMs;
                if (age > slaMs)
                {
                    pastSla++;
                }

                var entry = new OpenExpectation(timeline.Counterpart, e.TimeMs, e.EventId, Math.Max(0, age));
                if (all is not null)
                {
                    all.Add(entry);
                }
                else if (oldest!.Count < maxListed)
                {
                    oldest.Enqueue(entry, entry);
                }
                else
                {
                    oldest.EnqueueDequeue(entry, entry); // drops the newest of the N + 1
                }
            }
        }

        IReadOnlyList<OpenExpectation> listed;
        if (all is not null)
        {
            all.Sort(OpenExpectationOrder.OldestFirst);
            if (all.Count > maxListed)
            {
                all.RemoveRange(maxListed, all.Count - maxListed);
            }

            listed = all;
        }
        else if (oldest is not null)
        {
            var sorted = new OpenExpectation[oldest.Count];
            for (int i = sorted.Length - 1; i >= 0; i--)
            {
                sorted[i] = oldest.Dequeue();
            }

            listed = sorted;
        }
        else
        {
            listed = [];
        }

        long denominator = _answered + pastSla;
        return new ResponsivenessScore
        {
            SlaMs = slaMs,
            Answered = _answered,
            Open = _open,
            OpenPastSla = pastSla,
            ResponseRate = denominator == 0 ? null : (double)_answered / denominator,
            AnswerSamples = _samples.Count,
            MedianAnswerMs = _samples.Percentile(1, 2),
            P90AnswerMs = _samples.Percentile(9, 10),
            OpenExpectations = listed,
            RetainedFromMs = CutoffMs == long.MinValue ? null : CutoffMs,
        };
    }

    /// <summary>Every retained expectation as (sender, entry), for snapshots.</summary>
    public IEnumerable<(string Sender, ExpectationEntry Entry)> RetainedExpectations()
    {
        foreach (CounterpartTimeline timeline in Timelines())
        {
            foreach (ExpectationEntry entry in timeline.Expectations)
            {
                yield return (timeline.Counterpart, entry);
            }
        }
    }

    /// <summary>Every retained answering event (once each), for snapshots.</summary>
    public IEnumerable<AnswerRecord> RetainedAnswers()
    {
        foreach (CounterpartTimeline timeline in Timelines())
        {
            foreach (AnswerRecord answer in timeline.Answers)
            {
                if (!ReferenceEquals(answer.LinkedTimeline, timeline))
                {
                    yield return answer;
                }
            }
        }
    }

    /// <summary>Restores the cutoff of an empty tracker (snapshot load).</summary>
    public void RestoreCutoff(long cutoffMs)
    {
        if (TimelineCount > 0)
        {
            throw new InvalidOperationException("restore the cutoff before any event");
        }

        CutoffMs = cutoffMs;
    }

    private CounterpartTimeline GetOrCreate(string counterpart)
    {
        if (_timelines is null)
        {
            CounterpartTimeline? single = _single;
            if (single is null)
            {
                return _single = new CounterpartTimeline(counterpart);
            }

            if (string.Equals(single.Counterpart, counterpart, StringComparison.Ordinal))
            {
                return single;
            }

            _timelines = new Dictionary<string, CounterpartTimeline>(StringComparer.Ordinal) { [single.Counterpart] = single };
            _single = null;
        }

        if (!_timelines.TryGetValue(counterpart, out CounterpartTimeline? timeline))
        {
            timeline = new CounterpartTimeline(counterpart);
            _timelines.Add(counterpart, timeline);
        }

        return timeline;
    }

    private bool AttachPending(string eventId, CounterpartTimeline timeline)
    {
        if (!_pending.Remove(eventId, out AnswerRecord? answer))
        {
            return false;
        }

        bool any = false;
        while (answer is not null)
        {
            AnswerRecord? next = answer.NextPending;
            answer.NextPending = null;
            if (!string.Equals(answer.Target, timeline.Counterpart, StringComparison.Ordinal))
            {
                answer.LinkedTimeline = timeline;
                List<AnswerRecord> answers = timeline.WritableAnswers();
                answers.Insert(UpperBound(answers, answer), answer);
                any = true;
            }

            answer = next;
        }

        return any;
    }

    private void AddToTimeline(CounterpartTimeline timeline, AnswerRecord answer)
    {
        List<AnswerRecord> answers = timeline.WritableAnswers();
        if (answers.Count == 0 || AnswerRecord.Compare(answers[^1], answer) < 0)
        {
            // In order: earlier answers keep their closures; this one closes the open prefix up to its time.
            answers.Add(answer);
            List<ExpectationEntry> expectations = timeline.Expectations;
            int start = timeline.OpenFrom;
            int i = start;
            while (i < expectations.Count && expectations[i].TimeMs <= answer.TimeMs)
            {
                i++;
            }

            SetOldestClosed(timeline, answer, i > start ? expectations[start].TimeMs : long.MaxValue);
            timeline.OpenFrom = i;
            Sync(timeline);
            RefreshSample(answer);
        }
        else
        {
            // Out of order: the answer takes the start of its successor's range; no other answer changes.
            int index = UpperBound(answers, answer);
            answers.Insert(index, answer);
            Reclose(timeline, index);
            if (index + 1 < answers.Count)
            {
                Reclose(timeline, index + 1);
            }

            ReopenAndSync(timeline);
        }
    }

    /// <summary>
    /// Re-derives the closure of answer <paramref name="index"/> of a timeline and its sample: in
    /// event-time order, an answer closes the expectations after the previous answer's time up to
    /// its own (the earlier ones were closed by earlier answers), so its range needs no pass over
    /// the timeline: two binary searches.
    /// </summary>
    private void Reclose(CounterpartTimeline timeline, int index)
    {
        List<AnswerRecord> answers = timeline.Answers;
        List<ExpectationEntry> expectations = timeline.Expectations;
        AnswerRecord answer = answers[index];
        int from = index == 0 ? 0 : CountAtOrBefore(expectations, answers[index - 1].TimeMs);
        int to = CountAtOrBefore(expectations, answer.TimeMs);
        SetOldestClosed(timeline, answer, to > from ? expectations[from].TimeMs : long.MaxValue);
        RefreshSample(answer);
    }

    /// <summary>Sets where the open expectations start (after the last answer's time) and syncs the totals.</summary>
    private void ReopenAndSync(CounterpartTimeline timeline)
    {
        List<AnswerRecord> answers = timeline.Answers;
        timeline.OpenFrom = answers.Count == 0 ? 0 : CountAtOrBefore(timeline.Expectations, answers[^1].TimeMs);
        Sync(timeline);
    }

    /// <summary>Number of expectations opened at or before <paramref name="timeMs"/> (they are sorted by time).</summary>
    private static int CountAtOrBefore(List<ExpectationEntry> expectations, long timeMs)
    {
        int lo = 0;
        int hi = expectations.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (expectations[mid].TimeMs <= timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Index of the first answer at or after <paramref name="timeMs"/> (answers are sorted by time).</summary>
    private static int FirstAnswerAtOrAfter(List<AnswerRecord> answers, long timeMs)
    {
        int lo = 0;
        int hi = answers.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (answers[mid].TimeMs < timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Re-derives a timeline's closures from its sorted events, then its answers' samples.</summary>
    private void Recompute(CounterpartTimeline timeline)
    {
        List<ExpectationEntry> expectations = timeline.Expectations;
        List<AnswerRecord> answers = timeline.Answers;
        int i = 0;
        for (int j = 0; j < answers.Count; j++)
        {
            AnswerRecord answer = answers[j];
            int start = i;
            while (i < expectations.Count && expectations[i].TimeMs <= answer.TimeMs)
            {
                i++;
            }

            SetOldestClosed(timeline, answer, i > start ? expectations[start].TimeMs : long.MaxValue);
        }

        timeline.OpenFrom = i;
        Sync(timeline);
        for (int j = 0; j < answers.Count; j++)
        {
            RefreshSample(answers[j]);
        }
    }

    private static void SetOldestClosed(CounterpartTimeline timeline, AnswerRecord answer, long oldestMs)
    {
        if (ReferenceEquals(answer.LinkedTimeline, timeline))
        {
            answer.LinkedOldestClosedMs = oldestMs;
        }
        else
        {
            answer.OwnOldestClosedMs = oldestMs;
        }
    }

    private void RefreshSample(AnswerRecord answer)
    {
        long oldest = Math.Min(answer.OwnOldestClosedMs, answer.LinkedOldestClosedMs);
        long sample = oldest == long.MaxValue ? AnswerRecord.NoSample : answer.TimeMs - oldest;
        if (sample == answer.Sample)
        {
            return;
        }

        if (answer.Sample != AnswerRecord.NoSample)
        {
            _samples.Remove(answer.Sample);
        }

        if (sample != AnswerRecord.NoSample)
        {
            if (ReferenceEquals(_samples, SortedSamples.Empty))
            {
                _samples = new SortedSamples();
            }

            _samples.Add(sample);
        }

        answer.Sample = sample;
    }

    private void Sync(CounterpartTimeline timeline)
    {
        int answered = timeline.OpenFrom;
        int open = timeline.OpenCount;
        _answered += answered - timeline.CountedAnswered;
        _open += open - timeline.CountedOpen;
        timeline.CountedAnswered = answered;
        timeline.CountedOpen = open;
        if (open > 0)
        {
            AddWithOpen(timeline);
        }
        else
        {
            RemoveWithOpen(timeline);
        }
    }

    private void Prune()
    {
        long cutoff = CutoffMs;
        var changed = new List<CounterpartTimeline>();
        foreach (CounterpartTimeline timeline in Timelines())
        {
            List<ExpectationEntry> expectations = timeline.Expectations;
            int dropExpectations = 0;
            while (dropExpectations < expectations.Count && expectations[dropExpectations].TimeMs < cutoff)
            {
                _expectationSenders?.Remove(expectations[dropExpectations].EventId);
                dropExpectations++;
            }

            List<AnswerRecord> answers = timeline.Answers;
            int dropAnswers = 0;
            while (dropAnswers < answers.Count && answers[dropAnswers].TimeMs < cutoff)
            {
                AnswerRecord answer = answers[dropAnswers];
                if (!ReferenceEquals(answer.LinkedTimeline, timeline) && answer.Sample != AnswerRecord.NoSample)
                {
                    _samples.Remove(answer.Sample);
                    answer.Sample = AnswerRecord.NoSample;
                }

                dropAnswers++;
            }

            if (dropExpectations > 0 || dropAnswers > 0)
            {
                expectations.RemoveRange(0, dropExpectations);
                answers.RemoveRange(0, dropAnswers);
                changed.Add(timeline);
            }
        }

        // A retained answer linked through in_reply_to to an expectation that was just dropped loses the link.
        var unlinked = new List<AnswerRecord>();
        foreach (CounterpartTimeline timeline in changed)
        {
            List<AnswerRecord> answers = timeline.Answers;
            for (int j = answers.Count - 1; j >= 0; j--)
            {
                AnswerRecord answer = answers[j];
                if (ReferenceEquals(answer.LinkedTimeline, timeline) && !ExpectationSenders().ContainsKey(answer.InReplyTo!))
                {
                    answers.RemoveAt(j);
                    answer.LinkedTimeline = null;
                    answer.LinkedOldestClosedMs = long.MaxValue;
                    unlinked.Add(answer);
                }
            }
        }

        foreach (CounterpartTimeline timeline in changed)
        {
            Recompute(timeline);
        }

        foreach (AnswerRecord answer in unlinked)
        {
            RefreshSample(answer);
        }

        if (_pending.Count > 0)
        {
            foreach (string key in new List<string>(_pending.Keys))
            {
                AnswerRecord? keptHead = null;
                AnswerRecord? keptTail = null;
                for (AnswerRecord? answer = _pending[key]; answer is not null;)
                {
                    AnswerRecord? next = answer.NextPending;
                    answer.NextPending = null;
                    if (answer.TimeMs >= cutoff)
                    {
                        if (keptTail is null)
                        {
                            keptHead = answer;
                        }
                        else
                        {
                            keptTail.NextPending = answer;
                        }

                        keptTail = answer;
                    }

                    answer = next;
                }

                if (keptHead is null)
                {
                    _pending.Remove(key);
                }
                else
                {
                    _pending[key] = keptHead;
                }
            }
        }

        foreach (CounterpartTimeline timeline in changed)
        {
            if (timeline.IsEmpty)
            {
                RemoveTimeline(timeline);
                RemoveWithOpen(timeline);
            }
        }
    }

    private int TimelineCount => _timelines?.Count ?? (_single is null ? 0 : 1);

    private bool TryGetTimeline(string counterpart, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CounterpartTimeline? timeline)
    {
        if (_timelines is not null)
        {
            return _timelines.TryGetValue(counterpart, out timeline);
        }

        timeline = _single;
        if (timeline is not null && string.Equals(timeline.Counterpart, counterpart, StringComparison.Ordinal))
        {
            return true;
        }

        timeline = null;
        return false;
    }

    private IEnumerable<CounterpartTimeline> Timelines() =>
        _timelines is not null ? _timelines.Values : _single is null ? [] : [_single];

    private void RemoveTimeline(CounterpartTimeline timeline)
    {
        if (_timelines is not null)
        {
            _timelines.Remove(timeline.Counterpart);
        }
        else if (ReferenceEquals(_single, timeline))
        {
            _single = null;
        }
    }

    /// <summary>Room for one more element; a list's first array holds one (most timelines stay that small).</summary>
    private static void Reserve<T>(List<T> list)
    {
        int count = list.Count;
        if (count == list.Capacity)
        {
            list.Capacity = count == 0 ? 1 : count * 2;
        }
    }

    private void AddWithOpen(CounterpartTimeline timeline)
    {
        if (timeline.WithOpenIndex < 0)
        {
            if (ReferenceEquals(_withOpen, NoneWithOpen))
            {
                _withOpen = [];
            }

            timeline.WithOpenIndex = _withOpen.Count;
            Reserve(_withOpen);
            _withOpen.Add(timeline);
        }
    }

    private void RemoveWithOpen(CounterpartTimeline timeline)
    {
        int index = timeline.WithOpenIndex;
        if (index < 0)
        {
            return;
        }

        int last = _withOpen.Count - 1;
        CounterpartTimeline moved = _withOpen[last];
        _withOpen[index] = moved;
        moved.WithOpenIndex = index;
        _withOpen.RemoveAt(last);
        timeline.WithOpenIndex = -1;
    }

    private static int UpperBound(List<ExpectationEntry> list, in ExpectationEntry item)
    {
        int lo = 0;
        int hi = list.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (ExpectationEntry.Compare(list[mid], item) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(List<AnswerRecord> list, AnswerRecord item)
    {
        int lo = 0;
        int hi = list.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (AnswerRecord.Compare(list[mid], item) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

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
/// Storage. Each counterpart's events are arrays of structs inside its timeline (no object per event).
/// An answer linked through in_reply_to has two entries: its main one in its target's timeline and a
/// link in the sender's; a link finds its main entry by (time, event id) and its rank among equal
/// entries, so identical answers pair first with first.
/// </para>
/// <para>
/// Retention. Only events at or after the cutoff (00:00 UTC of the day of the account's latest event,
/// minus <see cref="ScoringModel.ResponsivenessRetentionMs"/>) are kept; older ones are dropped when the
/// cutoff moves (at most once per day of event time) and ignored when they arrive. The cutoff depends only
/// on the latest event time, so this too is the same for any arrival order.
/// </para>
/// </remarks>
internal sealed partial class ResponsivenessTracker
{
    // Collections are created when first needed (most accounts never need most of them); the shared empty ones are never written.
    private static readonly Dictionary<string, List<PendingAnswer>> NoPending = new(StringComparer.Ordinal);
    private static readonly List<CounterpartTimeline> NoneWithOpen = [];
    private CounterpartTimeline? _single; // the only timeline while there is at most one (then _timelines is null)
    private Dictionary<string, CounterpartTimeline>? _timelines; // every timeline, once there have been two counterparts
    private Dictionary<string, string>? _expectationSenders; // expectation event id → sender; built when the first in_reply_to needs it
    private Dictionary<string, List<PendingAnswer>> _pending = NoPending; // in_reply_to → answers waiting for that expectation
    private List<CounterpartTimeline> _withOpen = NoneWithOpen; // timelines with open expectations (unordered; index kept in each)
    private SortedSamples _samples = SortedSamples.Empty;
    private long _answered;
    private int _open;

    /// <summary>Events before this time are not retained; <see cref="long.MinValue"/> before any event.</summary>
    public long CutoffMs { get; private set; } = long.MinValue;

    public int OpenCount => _open;

    public long AnsweredCount => _answered;

    public int SampleCount => _samples.Count;

    private int TimelineCount => _timelines?.Count ?? (_single is null ? 0 : 1);

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
            && timeline.Answers.Last.TimeMs >= timeMs)
        {
            return false;
        }

        if (_pending.TryGetValue(eventId, out List<PendingAnswer>? waiting))
        {
            foreach (PendingAnswer answer in waiting)
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
            Span<ExpectationEntry> expectations = timeline.Expectations.Span;
            for (int i = timeline.OpenFrom; i < expectations.Length && expectations[i].TimeMs < cutoffAfter; i++)
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
        timeline.Expectations.Insert(UpperBound(timeline.Expectations.Span, entry), entry);

        if (!linked && (timeline.Answers.Count == 0 || timeline.Answers.Last.TimeMs < timeMs))
        {
            // No answer at or after it: it is open, and no answer's closures change.
            Sync(timeline);
        }
        else if (!linked)
        {
            // Only the first answer at or after it takes it into its range.
            Reclose(timeline, FirstAnswerAtOrAfter(timeline.Answers.Span, timeMs));
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

        string? named = string.IsNullOrEmpty(inReplyTo) ? null : inReplyTo;
        CounterpartTimeline own = GetOrCreate(target);
        CounterpartTimeline? linked = null;
        bool waits = false;
        if (named is not null)
        {
            if (ExpectationSenders().TryGetValue(named, out string? sender))
            {
                if (!string.Equals(sender, target, StringComparison.Ordinal))
                {
                    TryGetTimeline(sender, out linked);
                    linked = linked ?? throw new InvalidOperationException("expectation index out of sync");
                }
            }
            else
            {
                waits = true;
            }
        }

        AddToTimeline(own, AnswerEntry.Main(timeMs, eventId, named, linked?.Counterpart));
        if (linked is not null)
        {
            AddToTimeline(linked, AnswerEntry.Link(timeMs, eventId, named!, target));
        }

        if (waits)
        {
            if (ReferenceEquals(_pending, NoPending))
            {
                _pending = new Dictionary<string, List<PendingAnswer>>(StringComparer.Ordinal);
            }

            if (!_pending.TryGetValue(named!, out List<PendingAnswer>? waiting))
            {
                _pending.Add(named!, waiting = new List<PendingAnswer>(1));
            }

            waiting.Add(new PendingAnswer(target, timeMs, eventId));
        }
    }

    /// <summary>Median and p90 by nearest rank, counts, and the open expectations oldest first.</summary>
    public ResponsivenessScore Score(long asOfMs, long slaMs, int maxListed)
    {
        // Every open expectation is counted: a timeline's expectations are in time order and the open
        // ones follow the closed, so those past the SLA (opened before as-of − SLA, in whole ms) are found
        // by one binary search per timeline. Only the oldest maxListed are listed (none when none is asked,
        // an account's score), in one array that is the answer: all of them sorted when all fit, else the
        // oldest kept in a bounded heap, each timeline read only while it is older than the newest kept,
        // so a query never looks at thousands to list fifty.
        long pastSla = 0;
        foreach (CounterpartTimeline timeline in _withOpen)
        {
            pastSla += Math.Max(0, CountAtOrBefore(timeline.Expectations.Span, asOfMs - slaMs - 1) - timeline.OpenFrom);
        }

        int listedCount = Math.Min(maxListed, _open);
        OpenExpectation[] listed = listedCount == 0 ? [] : new OpenExpectation[listedCount];
        if (listedCount == _open && listedCount > 0)
        {
            int n = 0;
            foreach (CounterpartTimeline timeline in _withOpen)
            {
                for (int i = timeline.OpenFrom; i < timeline.Expectations.Count; i++)
                {
                    listed[n++] = Open(timeline, timeline.Expectations[i], asOfMs);
                }
            }

            listed.AsSpan().Sort(OpenExpectationOrder.OldestFirstComparison);
        }
        else if (listedCount > 0)
        {
            var oldest = new OldestHeap(listed);
            foreach (CounterpartTimeline timeline in _withOpen)
            {
                for (int i = timeline.OpenFrom; i < timeline.Expectations.Count; i++)
                {
                    ExpectationEntry e = timeline.Expectations[i];
                    if (oldest.IsFull && e.TimeMs > oldest.NewestKeptMs)
                    {
                        break; // this one and the rest of its timeline are newer than every one kept
                    }

                    oldest.Offer(Open(timeline, e, asOfMs));
                }
            }

            listed.AsSpan().Sort(OpenExpectationOrder.OldestFirstComparison);
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

    /// <summary>An open expectation as listed: its sender, when it was opened, its event, how long it has waited at as-of (0 when opened after).</summary>
    private static OpenExpectation Open(CounterpartTimeline timeline, in ExpectationEntry e, long asOfMs) =>
        new(timeline.Counterpart, e.TimeMs, e.EventId, Math.Max(0, asOfMs - e.TimeMs));

    /// <summary>Every retained expectation as (sender, entry), for snapshots.</summary>
    public IEnumerable<(string Sender, ExpectationEntry Entry)> RetainedExpectations()
    {
        foreach (CounterpartTimeline timeline in Timelines())
        {
            for (int i = 0; i < timeline.Expectations.Count; i++)
            {
                yield return (timeline.Counterpart, timeline.Expectations[i]);
            }
        }
    }

    /// <summary>Every retained answering event (its main entry, once each) as (target, entry), for snapshots.</summary>
    public IEnumerable<(string Target, AnswerEntry Entry)> RetainedAnswers()
    {
        foreach (CounterpartTimeline timeline in Timelines())
        {
            for (int i = 0; i < timeline.Answers.Count; i++)
            {
                AnswerEntry answer = timeline.Answers[i];
                if (!answer.IsLink)
                {
                    yield return (timeline.Counterpart, answer);
                }
            }
        }
    }

    /// <summary>
    /// What <see cref="Score"/> answers for a tracker with no event and the given cutoff
    /// (<see cref="long.MinValue"/>: none), without making one: nothing answered, open or listed.
    /// </summary>
    public static ResponsivenessScore ScoreOfNone(long slaMs, long cutoffMs) => new()
    {
        SlaMs = slaMs,
        OpenExpectations = [],
        RetainedFromMs = cutoffMs == long.MinValue ? null : cutoffMs,
    };

    /// <summary>Restores the cutoff of an empty tracker (snapshot load).</summary>
    public void RestoreCutoff(long cutoffMs)
    {
        if (TimelineCount > 0)
        {
            throw new InvalidOperationException("restore the cutoff before any event");
        }

        CutoffMs = cutoffMs;
    }

    /// <summary>The expectation id → sender index, built from the retained expectations on first use and kept from then on.</summary>
    private Dictionary<string, string> ExpectationSenders()
    {
        if (_expectationSenders is null)
        {
            var senders = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (CounterpartTimeline timeline in Timelines())
            {
                foreach (ExpectationEntry entry in timeline.Expectations.Span)
                {
                    senders[entry.EventId] = timeline.Counterpart;
                }
            }

            _expectationSenders = senders;
        }

        return _expectationSenders;
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

    /// <summary>Links the answers waiting for expectation <paramref name="eventId"/> (from <paramref name="timeline"/>'s counterpart); whether any was.</summary>
    private bool AttachPending(string eventId, CounterpartTimeline timeline)
    {
        if (!_pending.Remove(eventId, out List<PendingAnswer>? waiting))
        {
            return false;
        }

        bool any = false;
        foreach (PendingAnswer answer in waiting)
        {
            if (string.Equals(answer.Target, timeline.Counterpart, StringComparison.Ordinal))
            {
                continue;
            }

            ref AnswerEntry main = ref UnlinkedMain(answer, eventId);
            main.Other = timeline.Counterpart;
            var link = AnswerEntry.Link(answer.TimeMs, answer.EventId, eventId, answer.Target);
            timeline.Answers.Insert(UpperBound(timeline.Answers.Span, link), link);
            any = true;
        }

        return any;
    }

    /// <summary>The main entry of a pending answer: the first of its equals not linked yet.</summary>
    private ref AnswerEntry UnlinkedMain(PendingAnswer answer, string inReplyTo) =>
        ref FindMain(answer.Target, answer.TimeMs, answer.EventId, inReplyTo, linkedTo: null, rank: 0);

    /// <summary>
    /// The main entry of the link at <paramref name="index"/> of <paramref name="timeline"/>: in the
    /// target's timeline, the entry of the same time, event id and in_reply_to linked to this
    /// timeline, of the same rank among such entries as the link among its equals.
    /// </summary>
    private ref AnswerEntry MainOf(CounterpartTimeline timeline, int index)
    {
        Span<AnswerEntry> links = timeline.Answers.Span;
        ref AnswerEntry link = ref links[index];
        int rank = 0;
        for (int j = index - 1; j >= 0 && AnswerEntry.Compare(links[j], link) == 0; j--)
        {
            if (links[j].SameGroup(link))
            {
                rank++;
            }
        }

        return ref FindMain(link.Other!, link.TimeMs, link.EventId, link.InReplyTo, timeline.Counterpart, rank);
    }

    /// <summary>
    /// In <paramref name="target"/>'s timeline, the main entry of the event (time, id) with this
    /// in_reply_to, linked to <paramref name="linkedTo"/> (null: not linked), skipping the first
    /// <paramref name="rank"/> such entries.
    /// </summary>
    private ref AnswerEntry FindMain(string target, long timeMs, string eventId, string? inReplyTo, string? linkedTo, int rank)
    {
        if (TryGetTimeline(target, out CounterpartTimeline? timeline))
        {
            Span<AnswerEntry> answers = timeline.Answers.Span;
            for (int j = LowerBound(answers, timeMs, eventId); j < answers.Length && AnswerEntry.Compare(answers[j], timeMs, eventId) == 0; j++)
            {
                ref AnswerEntry entry = ref answers[j];
                if (!entry.IsLink
                    && string.Equals(entry.Other, linkedTo, StringComparison.Ordinal)
                    && string.Equals(entry.InReplyTo, inReplyTo, StringComparison.Ordinal)
                    && rank-- == 0)
                {
                    return ref entry;
                }
            }
        }

        throw new InvalidOperationException("answer entries out of sync");
    }

    private void AddToTimeline(CounterpartTimeline timeline, in AnswerEntry answer)
    {
        if (timeline.Answers.Count == 0 || AnswerEntry.Compare(timeline.Answers.Last, answer) < 0)
        {
            // In order: earlier answers keep their closures; this one closes the open prefix up to its time.
            timeline.Answers.Add(answer);
            Span<ExpectationEntry> expectations = timeline.Expectations.Span;
            int start = timeline.OpenFrom;
            int i = start;
            while (i < expectations.Length && expectations[i].TimeMs <= answer.TimeMs)
            {
                i++;
            }

            timeline.OpenFrom = i;
            SetOldestClosed(timeline, timeline.Answers.Count - 1, i > start ? expectations[start].TimeMs : long.MaxValue);
            Sync(timeline);
        }
        else
        {
            // Out of order: the answer takes the start of its successor's range; no other answer changes.
            int index = UpperBound(timeline.Answers.Span, answer);
            timeline.Answers.Insert(index, answer);
            Reclose(timeline, index);
            if (index + 1 < timeline.Answers.Count)
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
        Span<AnswerEntry> answers = timeline.Answers.Span;
        Span<ExpectationEntry> expectations = timeline.Expectations.Span;
        int from = index == 0 ? 0 : CountAtOrBefore(expectations, answers[index - 1].TimeMs);
        int to = CountAtOrBefore(expectations, answers[index].TimeMs);
        SetOldestClosed(timeline, index, to > from ? expectations[from].TimeMs : long.MaxValue);
    }

    /// <summary>Sets where the open expectations start (after the last answer's time) and syncs the totals.</summary>
    private void ReopenAndSync(CounterpartTimeline timeline)
    {
        timeline.OpenFrom = timeline.Answers.Count == 0 ? 0 : CountAtOrBefore(timeline.Expectations.Span, timeline.Answers.Last.TimeMs);
        Sync(timeline);
    }

    /// <summary>Number of expectations opened at or before <paramref name="timeMs"/> (they are sorted by time).</summary>
    private static int CountAtOrBefore(Span<ExpectationEntry> expectations, long timeMs)
    {
        int lo = 0;
        int hi = expectations.Length;
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

    /// <summary>Index of the first answer at or after <paramref name="timeMs"/>: every event id sorts at or after the empty one.</summary>
    private static int FirstAnswerAtOrAfter(Span<AnswerEntry> answers, long timeMs) => LowerBound(answers, timeMs, string.Empty);

    /// <summary>Re-derives a timeline's closures from its sorted events, and so its answers' samples.</summary>
    private void Recompute(CounterpartTimeline timeline)
    {
        Span<ExpectationEntry> expectations = timeline.Expectations.Span;
        int i = 0;
        for (int j = 0; j < timeline.Answers.Count; j++)
        {
            long answeredAt = timeline.Answers[j].TimeMs;
            int start = i;
            while (i < expectations.Length && expectations[i].TimeMs <= answeredAt)
            {
                i++;
            }

            SetOldestClosed(timeline, j, i > start ? expectations[start].TimeMs : long.MaxValue);
        }

        timeline.OpenFrom = i;
        Sync(timeline);
    }

    /// <summary>Sets what the entry at <paramref name="index"/> closes in its timeline and updates its answer's sample.</summary>
    private void SetOldestClosed(CounterpartTimeline timeline, int index, long oldestMs)
    {
        ref AnswerEntry entry = ref timeline.Answers[index];
        if (!entry.IsLink)
        {
            SetClosures(ref entry, oldestMs, entry.LinkedOldestClosedMs);
        }
        else if (entry.OldestClosedMs != oldestMs)
        {
            entry.OldestClosedMs = oldestMs;
            ref AnswerEntry main = ref MainOf(timeline, index);
            SetClosures(ref main, main.OldestClosedMs, oldestMs);
        }
    }

    /// <summary>Sets a main entry's closures, moving its sample in the samples when it changes.</summary>
    private void SetClosures(ref AnswerEntry main, long oldestMs, long linkedOldestMs)
    {
        long before = main.Sample;
        main.OldestClosedMs = oldestMs;
        main.LinkedOldestClosedMs = linkedOldestMs;
        long after = main.Sample;
        if (after == before)
        {
            return;
        }

        if (before != AnswerEntry.NoSample)
        {
            _samples.Remove(before);
        }

        if (after != AnswerEntry.NoSample)
        {
            if (ReferenceEquals(_samples, SortedSamples.Empty))
            {
                _samples = new SortedSamples();
            }

            _samples.Add(after);
        }
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
            Span<ExpectationEntry> expectations = timeline.Expectations.Span;
            int dropExpectations = 0;
            while (dropExpectations < expectations.Length && expectations[dropExpectations].TimeMs < cutoff)
            {
                _expectationSenders?.Remove(expectations[dropExpectations].EventId);
                dropExpectations++;
            }

            // A main entry takes its sample with it; its link (same time) goes from the other timeline.
            Span<AnswerEntry> answers = timeline.Answers.Span;
            int dropAnswers = 0;
            while (dropAnswers < answers.Length && answers[dropAnswers].TimeMs < cutoff)
            {
                ref AnswerEntry answer = ref answers[dropAnswers];
                if (!answer.IsLink)
                {
                    SetClosures(ref answer, long.MaxValue, long.MaxValue);
                }

                dropAnswers++;
            }

            if (dropExpectations > 0 || dropAnswers > 0)
            {
                timeline.Expectations.RemoveFirst(dropExpectations);
                timeline.Answers.RemoveFirst(dropAnswers);
                changed.Add(timeline);
            }
        }

        // A retained answer linked through in_reply_to to an expectation that was just dropped loses
        // the link (last first, so the ranks of the links before it stand).
        foreach (CounterpartTimeline timeline in changed)
        {
            for (int j = timeline.Answers.Count - 1; j >= 0; j--)
            {
                AnswerEntry answer = timeline.Answers[j];
                if (answer.IsLink && !ExpectationSenders().ContainsKey(answer.InReplyTo!))
                {
                    ref AnswerEntry main = ref MainOf(timeline, j);
                    main.Other = null;
                    SetClosures(ref main, main.OldestClosedMs, long.MaxValue);
                    timeline.Answers.RemoveAt(j);
                }
            }
        }

        foreach (CounterpartTimeline timeline in changed)
        {
            Recompute(timeline);
        }

        if (_pending.Count > 0)
        {
            List<string>? emptied = null;
            foreach (KeyValuePair<string, List<PendingAnswer>> pair in _pending)
            {
                pair.Value.RemoveAll(answer => answer.TimeMs < cutoff);
                if (pair.Value.Count == 0)
                {
                    (emptied ??= []).Add(pair.Key);
                }
            }

            foreach (string key in emptied ?? [])
            {
                _pending.Remove(key);
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

    private static int UpperBound(Span<ExpectationEntry> list, in ExpectationEntry item)
    {
        int lo = 0;
        int hi = list.Length;
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

    /// <summary>Index after the last entry at or before <paramref name="item"/>'s event: where an equal entry goes last.</summary>
    private static int UpperBound(Span<AnswerEntry> list, in AnswerEntry item) => Bound(list, item.TimeMs, item.EventId, upper: true);

    /// <summary>Index of the first entry at or after the event (time, id).</summary>
    private static int LowerBound(Span<AnswerEntry> list, long timeMs, string eventId) => Bound(list, timeMs, eventId, upper: false);

    private static int Bound(Span<AnswerEntry> list, long timeMs, string eventId, bool upper)
    {
        int lo = 0;
        int hi = list.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = AnswerEntry.Compare(list[mid], timeMs, eventId);
            if (c < 0 || (upper && c == 0))
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

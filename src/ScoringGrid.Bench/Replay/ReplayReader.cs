using ScoringGrid.V1;

namespace ScoringGrid.Bench.Replay;

/// <summary>
/// Reads the interactions of a replayed file, in file order, counting what it skips and keeping
/// the first malformed lines (a malformed line is skipped; the replay goes on). One pass; the
/// counters may be read while it runs.
/// </summary>
public sealed class ReplayReader
{
    /// <summary>How many malformed lines are kept for the report.</summary>
    public const int KeptErrors = 10;

    private readonly List<string> _errors = new();
    private long _lines;
    private long _interactions;
    private long _skipped;
    private long _malformed;

    /// <summary>Creates a reader of a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format (<see cref="ReplayFormat.Auto"/> detects it).</param>
    /// <param name="eventPrefix">The run's event id prefix (for lines that carry no id).</param>
    /// <param name="rewriteIds">For JSON lines: prefix the file's event ids with the run's.</param>
    public ReplayReader(string path, ReplayFormat format, string eventPrefix, bool rewriteIds)
    {
        Path = path;
        Format = format == ReplayFormat.Auto ? ReplayFormatDetector.Detect(path) : format;
        EventPrefix = eventPrefix;
        RewriteIds = rewriteIds;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Its format (detected when asked for auto).</summary>
    public ReplayFormat Format { get; }

    /// <summary>The run's event id prefix.</summary>
    public string EventPrefix { get; }

    /// <summary>Whether JSON lines' event ids are prefixed.</summary>
    public bool RewriteIds { get; }

    /// <summary>Lines read.</summary>
    public long Lines => Interlocked.Read(ref _lines);

    /// <summary>Interactions read.</summary>
    public long Interactions => Interlocked.Read(ref _interactions);

    /// <summary>Blank, comment and header lines.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Malformed lines.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>The first <see cref="KeptErrors"/> malformed lines, as "line N: reason".</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToArray();
            }
        }
    }

    /// <summary>The interactions, in file order.</summary>
    public IEnumerable<Interaction> Read()
    {
        var parser = ReplayFormatDetector.CreateParser(Format, EventPrefix, RewriteIds);
        using var reader = new StreamReader(Path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, BufferSize = 1 << 16 });
        long number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            Interlocked.Increment(ref _lines);
            var parsed = parser.Parse(number, line);
            if (parsed.Interaction is { } interaction)
            {
                Interlocked.Increment(ref _interactions);
                yield return interaction;
            }
            else if (parsed.Error is { } error)
            {
                Interlocked.Increment(ref _malformed);
                lock (_errors)
                {
                    if (_errors.Count < KeptErrors)
                    {
                        _errors.Add($"line {number}: {error}");
                    }
                }
            }
            else
            {
                Interlocked.Increment(ref _skipped);
            }
        }
    }
}

using System.Globalization;

namespace ScoringGrid.Server.Tests.Replay;

/// <summary>One line of the CollegeMsg log: a private message from one account to another.</summary>
public readonly record struct CollegeMessage(int Line, string From, string To, long AtMs);

/// <summary>
/// The real message log in ../shared/data/collegemsg/, and figures computed from it directly,
/// independently of the server: message counts per pair, two-way pairs, and responsiveness
/// (each message opens an expectation on its recipient; a message back answers every open
/// expectation from that sender opened at or before it, timed from the oldest one).
/// </summary>
public sealed class CollegeMsgLog
{
    private CollegeMsgLog(IReadOnlyList<CollegeMessage> messages) => Messages = messages;

    public IReadOnlyList<CollegeMessage> Messages { get; }

    public static string FilePath
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ScoringGrid.sln")))
            {
                directory = directory.Parent;
            }

            if (directory?.Parent is null)
            {
                throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
            }

            return Path.Combine(directory.Parent.FullName, "shared", "data", "collegemsg", "CollegeMsg.txt");
        }
    }

    public static CollegeMsgLog Load()
    {
        var messages = new List<CollegeMessage>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(FilePath))
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            messages.Add(new CollegeMessage(lineNumber, parts[0], parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture) * 1000));
        }

        return new CollegeMsgLog(messages);
    }

    /// <summary>Messages sent from one account to another, per direction.</summary>
    public Dictionary<(string From, string To), int> DirectedCounts()
    {
        var counts = new Dictionary<(string, string), int>();
        foreach (var m in Messages)
        {
            counts[(m.From, m.To)] = counts.GetValueOrDefault((m.From, m.To)) + 1;
        }

        return counts;
    }

    /// <summary>Responsiveness of one account, from the raw messages.</summary>
    public ReferenceResponsiveness Responsiveness(string account, long asOfMs, long slaMs)
    {
        var answered = 0;
        var openPastSla = 0;
        var openWithinSla = 0;
        var samples = new List<long>();
        foreach (var sender in Messages.Where(m => m.To == account).Select(m => m.From).Distinct())
        {
            var expectations = Messages.Where(m => m.From == sender && m.To == account).Select(m => m.AtMs).Order().ToList();
            var answers = Messages.Where(m => m.From == account && m.To == sender).Select(m => m.AtMs).Order().ToList();
            var next = 0;
            foreach (var answer in answers)
            {
                var oldest = -1L;
                while (next < expectations.Count && expectations[next] <= answer)
                {
                    if (oldest < 0)
                    {
                        oldest = expectations[next];
                    }

                    next++;
                    answered++;
                }

                if (oldest >= 0)
                {
                    samples.Add(answer - oldest);
                }
            }

            for (var i = next; i < expectations.Count; i++)
            {
                if (asOfMs - expectations[i] > slaMs)
                {
                    openPastSla++;
                }
                else
                {
                    openWithinSla++;
                }
            }
        }

        samples.Sort();
        return new ReferenceResponsiveness(answered, openWithinSla, openPastSla, samples);
    }
}

/// <summary>Responsiveness figures computed by the test.</summary>
public sealed record ReferenceResponsiveness(int Answered, int OpenWithinSla, int OpenPastSla, List<long> Samples)
{
    /// <summary>Nearest-rank percentile: the value at rank ceil(q·n).</summary>
    public long? Percentile(double q) =>
        Samples.Count == 0 ? null : Samples[Math.Max(1, (int)Math.Ceiling(q * Samples.Count)) - 1];
}

using System.Globalization;

namespace ScoringGrid.Bench.Peers;

/// <summary>Minimal <c>--name value</c> / <c>--flag</c> parsing.</summary>
public sealed class Args
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Args(IEnumerable<string> args)
    {
        string? name = null;
        foreach (string a in args)
        {
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    Add(name, "true");
                }

                name = a[2..];
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    Add(name[..eq], name[(eq + 1)..]);
                    name = null;
                }
            }
            else if (name is not null)
            {
                Add(name, a);
                name = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{a}'");
            }
        }

        if (name is not null)
        {
            Add(name, "true");
        }
    }

    public string? Get(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var v) ? v[^1] : null;
    }

    public IReadOnlyList<string> All(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var v) ? v : [];
    }

    public string Required(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required");

    public string Str(string name, string fallback) => Get(name) ?? fallback;

    public int Int(string name, int fallback) => Get(name) is string s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;

    public long Long(string name, long fallback) => Get(name) is string s ? long.Parse(s, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Get(name) is string s ? double.Parse(s, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => Get(name) is string s && s != "false" && s != "0";

    /// <summary>Throws when an option was given that the command does not know.</summary>
    public void RejectUnknown()
    {
        string? unknown = _values.Keys.FirstOrDefault(k => !_used.Contains(k));
        if (unknown is not null)
        {
            throw new ArgumentException($"unknown option --{unknown}");
        }
    }

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = list = [];
        }

        list.Add(value);
    }
}

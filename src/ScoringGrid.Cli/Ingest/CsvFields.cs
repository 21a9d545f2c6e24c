using System.Text;

namespace ScoringGrid.Cli.Ingest;

/// <summary>Splits one CSV line into trimmed fields, with RFC 4180 quoting within the line (<c>"a ""quoted"", field"</c>).</summary>
internal static class CsvFields
{
    /// <summary>The fields, or null with a reason when the quoting is broken.</summary>
    public static (List<string>? Fields, string? Error) Split(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < line.Length && line[i] == '"')
            {
                var field = new StringBuilder();
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        closed = true;
                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (!closed)
                {
                    return (null, "a quoted field is not closed (fields cannot span lines)");
                }

                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < line.Length && line[i] != ',')
                {
                    return (null, $"unexpected '{line[i]}' after a quoted field");
                }

                fields.Add(field.ToString());
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                fields.Add(line[i..end].Trim());
                i = end;
            }

            if (i >= line.Length)
            {
                return (fields, null);
            }

            i++; // the comma
        }
    }
}

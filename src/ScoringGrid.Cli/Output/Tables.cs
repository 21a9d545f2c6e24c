using ScoringGrid.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ScoringGrid.Cli.Output;

/// <summary>Table building blocks: plain-text cells (ids are never read as markup) and two-column key/value tables.</summary>
internal static class Tables
{
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    /// <summary>A key/value table with the values right-aligned.</summary>
    public static Table KeyValues(IEnumerable<(string Key, string Value)> rows)
    {
        var table = Create("", "");
        table.HideHeaders();
        table.Columns[1].RightAligned();
        foreach (var (key, value) in rows)
        {
            table.AddTextRow(key, value);
        }

        return table;
    }

    /// <summary>Writes a heading line, the table, and an optional note line under it (headings and notes never wrap to the table's width).</summary>
    public static void WriteTable(this IAnsiConsole console, string title, Table table, string? note = null)
    {
        console.Write(new Text(title + "\n", new Style(decoration: Decoration.Bold)));
        console.Write(table);
        if (note is not null)
        {
            console.Write(new Text(note + "\n", new Style(decoration: Decoration.Dim)));
        }

        console.WriteLine();
    }

    public static Table AddTextRow(this Table table, params string[] cells)
    {
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)));
        return table;
    }

    public static Table RightAlign(this Table table, params int[] columns)
    {
        foreach (var column in columns)
        {
            table.Columns[column].RightAligned();
        }

        return table;
    }

    /// <summary>A kind for people: "direct message", "like".</summary>
    public static string Kind(InteractionKind kind) => kind switch
    {
        InteractionKind.DirectMessage => "direct message",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>A tier for people: "inner circle", "close".</summary>
    public static string Tier(Tier tier) => tier switch
    {
        V1.Tier.InnerCircle => "inner circle",
        V1.Tier.Unspecified => "-",
        _ => tier.ToString().ToLowerInvariant(),
    };

    /// <summary>A segment for people: "customer", "influencer".</summary>
    public static string Segment(V1.Segment segment) => segment == V1.Segment.Unspecified ? "-" : segment.ToString().ToLowerInvariant();
}

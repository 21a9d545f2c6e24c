using System.Text.Json;
using Google.Protobuf;
using ScoringGrid.V1;

namespace ScoringGrid.Client.Compat;

/// <summary>The scripted scenario (clients/compat/scenario.json): accounts to upsert, batches to ingest, queries to run.</summary>
public sealed class Scenario
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default);

    /// <summary>The upserts, in order.</summary>
    public required IReadOnlyList<UpsertAccountRequest> Accounts { get; init; }

    /// <summary>The batches, in order; each gets batch id <c>batch-N</c> (N from 0).</summary>
    public required IReadOnlyList<IngestRequest> Batches { get; init; }

    /// <summary>The queries, in order: the method name and its request as proto3 JSON.</summary>
    public required IReadOnlyList<(string Method, string RequestJson)> Queries { get; init; }

    /// <summary>Reads a scenario file; throws <see cref="FormatException"/> naming the offending entry.</summary>
    public static Scenario Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var accounts = Array(root, "accounts")
            .Select((e, i) => Parse<UpsertAccountRequest>(e, $"accounts[{i}]"))
            .ToList();
        var batches = Array(root, "batches").Select((batch, i) =>
        {
            if (batch.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"batches[{i}]: an array of interactions is expected");
            }

            var request = new IngestRequest { BatchId = "batch-" + i };
            request.Interactions.AddRange(batch.EnumerateArray().Select((e, j) => Parse<Interaction>(e, $"batches[{i}][{j}]")));
            return request;
        }).ToList();
        var queries = Array(root, "queries").Select((q, i) =>
        {
            if (q.ValueKind != JsonValueKind.Object || !q.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"queries[{i}].method: a string is required");
            }

            var request = q.TryGetProperty("request", out var r) ? r.GetRawText() : "{}";
            return (method.GetString()!, request);
        }).ToList();
        return new Scenario { Accounts = accounts, Batches = batches, Queries = queries };
    }

    /// <summary>Parses proto3 JSON into a message; throws <see cref="FormatException"/> naming where.</summary>
    public static T ParseMessage<T>(string json, string where)
        where T : IMessage<T>, new()
    {
        try
        {
            return Parser.Parse<T>(json);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"{where}: {ex.Message}", ex);
        }
        catch (InvalidJsonException ex)
        {
            throw new FormatException($"{where}: {ex.Message}", ex);
        }
    }

    private static T Parse<T>(JsonElement element, string where)
        where T : IMessage<T>, new() => ParseMessage<T>(element.GetRawText(), where);

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new FormatException($"{name}: an array is required");
}

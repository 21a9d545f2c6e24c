using System.Text;
using Google.Protobuf;
using ScoringGrid.Rpc;
using ScoringGrid.V1;

namespace ScoringGrid.Client.Compat;

/// <summary>
/// Plays the compat scenario through <see cref="ScoringGridClient"/>: upserts every account in
/// order, sends every batch over one IngestStream call waiting for every ack, runs every query
/// in order, and writes the answers as proto3 JSON (contract: clients/compat/README.md).
/// </summary>
public static class CompatRunner
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>Runs with command-line arguments; returns the exit status (0 done, 1 failed, 2 bad usage).</summary>
    public static async Task<int> MainAsync(string[] args, TextWriter output, TextWriter error)
    {
        CompatArguments arguments;
        Scenario scenario;
        try
        {
            arguments = CompatArguments.Parse(args);
            scenario = Scenario.Load(arguments.Scenario);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or System.Text.Json.JsonException)
        {
            await error.WriteLineAsync($"compat: {ex.Message}\n{CompatArguments.Usage}");
            return 2;
        }

        try
        {
            await using var client = new ScoringGridClient(new ScoringGridClientOptions
            {
                Address = arguments.Address,
                ApiKey = arguments.ApiKey,
                DefaultTimeout = arguments.Timeout,
                StreamTimeout = arguments.Timeout,
            });
            var document = await RunAsync(client, scenario);
            await File.WriteAllTextAsync(arguments.Out, document.Text, new UTF8Encoding(false));
            await output.WriteLineAsync(
                $"compat (dotnet): {document.Upserts} upserts, {document.Acks} acks, {document.Results} results ({document.Errors} errors) -> {arguments.Out}");
            return 0;
        }
        catch (CompatException ex)
        {
            await error.WriteLineAsync("compat: " + ex.Message);
            return 1;
        }
    }

    /// <summary>Plays the scenario; returns the output document and its counts.</summary>
    public static async Task<CompatOutput> RunAsync(ScoringGridClient client, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(scenario);
        var upserts = new List<string>();
        for (var i = 0; i < scenario.Accounts.Count; i++)
        {
            try
            {
                upserts.Add(Formatter.Format(await client.UpsertAccountAsync(scenario.Accounts[i])));
            }
            catch (RpcException ex)
            {
                throw new CompatException($"accounts[{i}] ({scenario.Accounts[i].Account?.AccountId}): upsert failed: {Describe(ex)}");
            }
        }

        IReadOnlyList<IngestResponse> acks;
        try
        {
            acks = await client.IngestBatchesAsync(scenario.Batches);
        }
        catch (RpcException ex)
        {
            throw new CompatException("batches: IngestStream failed: " + Describe(ex));
        }

        for (var i = 0; i < acks.Count; i++)
        {
            var batch = scenario.Batches[i];
            var ack = acks[i];
            if (ack.BatchId != batch.BatchId || ack.Accepted + ack.Duplicates + ack.Rejected.Count != batch.Interactions.Count)
            {
                throw new CompatException(
                    $"batches[{i}]: the ack (batch {ack.BatchId}: {ack.Accepted} accepted, {ack.Duplicates} duplicates, {ack.Rejected.Count} rejected) does not account for batch {batch.BatchId} of {batch.Interactions.Count}");
            }
        }

        var results = new List<string>();
        var errors = 0;
        for (var i = 0; i < scenario.Queries.Count; i++)
        {
            var (method, json) = scenario.Queries[i];
            string result;
            try
            {
                result = $"{{\"method\": {Quote(method)}, \"response\": {await QueryAsync(client, method, json, $"queries[{i}].request")}}}";
            }
            catch (RpcException ex)
            {
                errors++;
                result = $"{{\"method\": {Quote(method)}, \"error\": {{\"code\": {Quote(StatusNames.Canonical(ex.StatusCode))}}}}}";
            }
            catch (FormatException ex)
            {
                throw new CompatException(ex.Message);
            }

            results.Add(result);
        }

        var text = new StringBuilder();
        text.Append("{\n \"client\": \"dotnet\",\n");
        AppendArray(text, "upserts", upserts, last: false);
        AppendArray(text, "acks", acks.Select(a => Formatter.Format(a)).ToList(), last: false);
        AppendArray(text, "results", results, last: true);
        text.Append("}\n");
        return new CompatOutput(text.ToString(), upserts.Count, acks.Count, results.Count, errors);
    }

    private static async Task<string> QueryAsync(ScoringGridClient client, string method, string json, string where) => method switch
    {
        "GetAccount" => Formatter.Format(await client.GetAccountAsync(Scenario.ParseMessage<GetAccountRequest>(json, where))),
        "GetAccountScore" => Formatter.Format(await client.GetAccountScoreAsync(Scenario.ParseMessage<GetAccountScoreRequest>(json, where))),
        "GetRelationship" => Formatter.Format(await client.GetRelationshipAsync(Scenario.ParseMessage<GetRelationshipRequest>(json, where))),
        "BatchGetRelationships" => Formatter.Format(await client.BatchGetRelationshipsAsync(Scenario.ParseMessage<BatchGetRelationshipsRequest>(json, where))),
        "GetTopRelationships" => Formatter.Format(await client.GetTopRelationshipsAsync(Scenario.ParseMessage<GetTopRelationshipsRequest>(json, where))),
        "GetResponsiveness" => Formatter.Format(await client.GetResponsivenessAsync(Scenario.ParseMessage<GetResponsivenessRequest>(json, where))),
        "ListOpenExpectations" => Formatter.Format(await client.ListOpenExpectationsAsync(Scenario.ParseMessage<ListOpenExpectationsRequest>(json, where))),
        _ => throw new FormatException($"{where[..where.LastIndexOf('.')]}.method: unknown method '{method}'"),
    };

    private static void AppendArray(StringBuilder text, string name, IReadOnlyList<string> items, bool last)
    {
        text.Append(" \"").Append(name).Append("\": [");
        for (var i = 0; i < items.Count; i++)
        {
            text.Append(i == 0 ? "\n  " : ",\n  ").Append(items[i]);
        }

        text.Append(items.Count == 0 ? "]" : "\n ]").Append(last ? "\n" : ",\n");
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static string Describe(RpcException ex) => $"{StatusNames.Canonical(ex.StatusCode)}: {ex.Status.Detail}";

    private sealed class CompatException(string message) : Exception(message);
}

/// <summary>The runner's output document and what it holds.</summary>
/// <param name="Text">The JSON document.</param>
/// <param name="Upserts">Upsert responses.</param>
/// <param name="Acks">Ingest acks.</param>
/// <param name="Results">Query results.</param>
/// <param name="Errors">Query results that are errors.</param>
public sealed record CompatOutput(string Text, int Upserts, int Acks, int Results, int Errors);

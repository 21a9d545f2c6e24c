using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ScoringGrid.Bench.Peers.Workload;

/// <summary>
/// Workload files: JSON lines, one proto3-JSON scoringgrid.v1.Interaction per line
/// (<c>{"eventId":"e1","actor":"ann","target":"bob","kind":"INTERACTION_KIND_LIKE","occurredAt":"1767225600000"}</c>).
/// Reading accepts what proto3 JSON allows for these fields (int64 as string or number, kind as
/// name or number, lowerCamel or original field names); blank lines are skipped.
/// </summary>
public static class WorkloadFile
{
    /// <summary>
    /// Reads a whole workload file into memory. Throws <see cref="FormatException"/> with the line number
    /// on malformed JSON; an interaction that ScoringGrid would reject (missing or unknown kind, missing
    /// actor or event id, a target on POST, none or the actor itself on a directed kind) is left out and
    /// counted in <paramref name="rejected"/>, as the server would answer INVALID_ARGUMENT for it alone.
    /// </summary>
    public static List<Interaction> Read(string path, out int rejected, int limit = int.MaxValue)
    {
        rejected = 0;
        var list = new List<Interaction>();
        int lineNo = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (list.Count >= limit)
            {
                break;
            }

            try
            {
                list.Add(Parse(line));
            }
            catch (InvalidInteractionException)
            {
                rejected++;
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{lineNo}: {e.Message}", e);
            }
        }

        return list;
    }

    /// <summary>Parses one line.</summary>
    public static Interaction Parse(string line)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(line);
        var r = new Utf8JsonReader(utf8);
        string eventId = "", actor = "", target = "", inReplyTo = "";
        byte kind = 0;
        long? occurredAt = null;
        double? value = null, sentiment = null;
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("expected a JSON object");
        }

        while (r.Read() && r.TokenType != JsonTokenType.EndObject)
        {
            string name = r.GetString()!;
            r.Read();
            if (r.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            switch (name)
            {
                case "eventId" or "event_id": eventId = r.GetString()!; break;
                case "actor": actor = r.GetString()!; break;
                case "target": target = r.GetString()!; break;
                case "inReplyTo" or "in_reply_to": inReplyTo = r.GetString()!; break;
                case "kind":
                    kind = r.TokenType == JsonTokenType.Number ? (byte)r.GetInt32() : Model.KindOf(r.GetString()!);
                    break;
                case "occurredAt" or "occurred_at":
                    occurredAt = r.TokenType == JsonTokenType.Number
                        ? r.GetInt64()
                        : long.Parse(r.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                    break;
                case "value": value = Number(ref r); break;
                case "sentiment": sentiment = Number(ref r); break;
                default: r.Skip(); break;
            }
        }

        if (eventId.Length == 0 || actor.Length == 0)
        {
            throw new InvalidInteractionException("eventId and actor are required");
        }

        if (kind == 0)
        {
            throw new InvalidInteractionException("kind is missing or unknown");
        }

        if (occurredAt is null)
        {
            throw new InvalidInteractionException("occurredAt is required");
        }

        if (Model.IsDirected(kind) ? target.Length == 0 || target == actor : target.Length != 0 && kind == Model.Post)
        {
            throw new InvalidInteractionException(kind == Model.Post ? "POST has no target" : "target is required and must differ from actor");
        }

        return new Interaction(eventId, actor, target, kind, occurredAt.Value, inReplyTo, value, sentiment);
    }

    /// <summary>A well-formed line whose interaction is not valid.</summary>
    public sealed class InvalidInteractionException(string message) : FormatException(message);

    private static double Number(ref Utf8JsonReader r) =>
        r.TokenType == JsonTokenType.Number ? r.GetDouble() : double.Parse(r.GetString()!, CultureInfo.InvariantCulture);

    /// <summary>Writes interactions as JSON lines (proto3 JSON: lowerCamel names, int64 as string, kind by name, defaults left out).</summary>
    public static void Write(string path, IEnumerable<Interaction> interactions)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new ArrayBufferWriter<byte>(512);
        var options = new JsonWriterOptions { Indented = false, SkipValidation = true };
        using var w = new Utf8JsonWriter(buffer, options);
        foreach (Interaction i in interactions)
        {
            buffer.ResetWrittenCount();
            w.Reset(buffer);
            w.WriteStartObject();
            w.WriteString("eventId", i.EventId);
            w.WriteString("actor", i.Actor);
            if (i.Target.Length > 0)
            {
                w.WriteString("target", i.Target);
            }

            w.WriteString("kind", Model.KindNames[i.Kind]);
            w.WriteString("occurredAt", i.OccurredAtMs.ToString(CultureInfo.InvariantCulture));
            if (i.InReplyTo.Length > 0)
            {
                w.WriteString("inReplyTo", i.InReplyTo);
            }

            if (i.Value is double v)
            {
                w.WriteNumber("value", v);
            }

            if (i.Sentiment is double s)
            {
                w.WriteNumber("sentiment", s);
            }

            w.WriteEndObject();
            w.Flush();
            file.Write(buffer.WrittenSpan);
            file.WriteByte((byte)'\n');
        }
    }
}

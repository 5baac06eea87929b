using System.Text.Json;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Backup;

/// <summary>One event of a backup's log as a JSON line, with the chain hash it had.</summary>
internal static class EventLine
{
    public static void Write(Utf8JsonWriter w, Stream line, RecordedEvent e, byte[] hash)
    {
        w.WriteStartObject();
        w.WriteNumber("p", e.Position);
        w.WriteString("s", e.StreamId);
        w.WriteNumber("v", e.Version);
        w.WriteString("id", e.EventId);
        w.WriteString("t", e.Type);
        w.WriteString("d", e.Data);
        w.WriteString("u", e.Metadata.UserId);
        w.WriteString("o", e.Metadata.OrganizationId);
        w.WriteString("c", e.Metadata.CorrelationId);
        if (e.Metadata.CausationId is { } k) w.WriteString("k", k); else w.WriteNull("k");
        w.WriteNumber("at", EventChain.ToUnixMicroseconds(e.RecordedAt));
        w.WriteString("h", Convert.ToHexStringLower(hash));
        w.WriteEndObject();
        w.Flush();
        line.WriteByte((byte)'\n');
        w.Reset(line);
    }

    public static (RecordedEvent Event, string Hash) Read(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var r = doc.RootElement;
        var causation = r.GetProperty("k");
        var e = new RecordedEvent(r.GetProperty("p").GetInt64(), r.GetProperty("s").GetString()!, r.GetProperty("v").GetInt64(), r.GetProperty("id").GetGuid(),
            r.GetProperty("t").GetString()!, r.GetProperty("d").GetString()!,
            new EventMetadata(r.GetProperty("u").GetString()!, r.GetProperty("o").GetString()!, r.GetProperty("c").GetGuid(),
                causation.ValueKind == JsonValueKind.Null ? null : causation.GetGuid()),
            EventChain.FromUnixMicroseconds(r.GetProperty("at").GetInt64()));
        return (e, r.GetProperty("h").GetString()!);
    }
}

/// <summary>A projection's checkpoint (<c>Key</c> null) or one of its documents, as kept in the store's own tables.</summary>
internal sealed record ProjectionRow(string Projection, string? Key, string? Body, long Position);

internal static class ProjectionLine
{
    public static void Write(Utf8JsonWriter w, Stream line, ProjectionRow row)
    {
        JsonSerializer.Serialize(w, row, BackupManifest.Json);
        w.Flush();
        line.WriteByte((byte)'\n');
        w.Reset(line);
    }

    public static ProjectionRow Read(string line) =>
        JsonSerializer.Deserialize<ProjectionRow>(line, BackupManifest.Json) ?? throw new BackupException("an empty line in the projections' entry");
}

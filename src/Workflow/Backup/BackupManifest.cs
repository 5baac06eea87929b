using System.Text.Json;
using System.Text.Json.Serialization;

namespace Saraban.Workflow.Backup;

/// <summary>
/// The first entry of a backup (<c>saraban-backup.json</c>): what it holds and the chain's last hash,
/// so a restore can tell a whole backup from a truncated, altered or foreign one before it writes.
/// </summary>
public sealed record BackupManifest(
    string Format, int Version, string Source, DateTimeOffset TakenAt, long Head, long Events, string ChainHead, int Files, int Documents)
{
    public const string EntryName = "saraban-backup.json";
    public const string FormatName = "saraban-backup";
    public const int CurrentVersion = 1;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };
}

/// <summary>A backup that cannot be restored, or a target that must not be written to: one line for the CLI, nothing written.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

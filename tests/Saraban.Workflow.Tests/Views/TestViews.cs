using System.Text.Json;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Views;

namespace Saraban.Workflow.Tests.Views;

/// <summary>One row per event applied, naming the node that applied it: a doubled event breaks the key, a skipped one is a missing row.</summary>
internal sealed class AppliedEvents(string name = "applied", int? failOn = null, Func<Exception>? failWith = null) : IView
{
    public string Name => name;
    public int SchemaVersion => 1;
    public IReadOnlyList<string> Tables { get; } = ["rows"];
    public string Node { get; set; } = "";
    /// <summary>Whether the failure still happens: a process out of memory may not be next time.</summary>
    public bool Failing { get; set; } = true;

    public IReadOnlyList<string> Schema(SqlDialect dialect) =>
        [$"CREATE TABLE {{{name}.rows}} (position BIGINT PRIMARY KEY, stream_id TEXT NOT NULL, n INTEGER NOT NULL, node TEXT NOT NULL)"];

    public bool Handles(string eventType) => eventType == "test-happened";

    public ValueTask ApplyAsync(RecordedEvent e, ViewWriter w, CancellationToken ct)
    {
        var n = JsonDocument.Parse(e.Data).RootElement.GetProperty("n").GetInt32();
        if (n == failOn && Failing) throw failWith?.Invoke() ?? new InvalidOperationException($"cannot apply n={n}");
        w.Execute($"INSERT INTO {{{name}.rows}} (position, stream_id, n, node) VALUES ($1, $2, $3, $4)", e.Position, e.StreamId, n, Node);
        return ValueTask.CompletedTask;
    }

    public static async Task<List<(long Position, int N, string Node)>> RowsAsync(IViewReader reader, string name = "applied") =>
        await reader.QueryAsync($"SELECT position, n, node FROM {{{name}.rows}} ORDER BY position", r => (r.GetInt64(0), Convert.ToInt32(r.GetValue(1)), r.GetString(2)), default);
}

using System.Runtime.CompilerServices;

namespace Saraban.Tests.Shared;

/// <summary>
/// Where a test run writes its databases and files: a folder of its own under
/// <c>/tmp/saraban-tests</c>, named after the test process. Nothing deletes a file when a test
/// ends (a failed one is worth looking at), so each run's start removes the folders of runs no
/// longer alive: a developer's machine had gathered 27 GB of them. One file, linked into each test project.
/// </summary>
internal static class Scratch
{
    private static string Root => Path.Combine(Path.GetTempPath(), "saraban-tests");

    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(Root, Environment.ProcessId.ToString("x"))).FullName;

    [ModuleInitializer]
    internal static void RemoveThoseOfEndedRuns()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var dir in Directory.EnumerateDirectories(Root))
            if (int.TryParse(Path.GetFileName(dir), System.Globalization.NumberStyles.HexNumber, null, out var pid) && !File.Exists($"/proc/{pid}/status"))
                Try(() => Directory.Delete(dir, recursive: true));
        // Loose files are from runs before the folders: an hour old, their run is over.
        foreach (var file in Directory.EnumerateFiles(Root))
            if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddHours(-1)) Try(() => File.Delete(file));
    }

    private static void Try(Action remove)
    {
        try { remove(); }
        catch (IOException) { } // another run is removing it too
        catch (UnauthorizedAccessException) { }
    }
}

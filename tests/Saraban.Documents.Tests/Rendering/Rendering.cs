using System.Diagnostics;
using Saraban.Documents.Rendering;

namespace Saraban.Documents.Tests.Rendering;

/// <summary>One renderer for the whole test run (fonts and templates load once), and the poppler tools.</summary>
public sealed class RendererFixture : IDisposable
{
    public RendererFixture()
    {
        Renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = Paths.Templates });
    }

    public LetterRenderer Renderer { get; }

    public void Dispose() => Renderer.Dispose();
}

[CollectionDefinition("renderer")]
public sealed class RendererCollection : ICollectionFixture<RendererFixture>;

public static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Templates => Path.Combine(Root, "letter-templates");

    public static string Example(string kind) => Path.Combine(Templates, "examples", kind + ".json");

    public static LetterDocument Letter(string kind) => LetterDocument.Load(Example(kind));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "letter-templates")) && File.Exists(Path.Combine(dir.FullName, "Saraban.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>poppler-utils, run as a reader of the PDF would. A missing tool fails the test: it is never skipped.</summary>
public static class Poppler
{
    public static string Text(byte[] pdf, params string[] options)
    {
        var file = Temp(pdf, ".pdf");
        try
        {
            return Run("pdftotext", [.. options, file, "-"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Renders the first page to PNG and returns its path.</summary>
    public static string Png(byte[] pdf, string outputStem, int dpi = 60, int page = 1)
    {
        var file = Temp(pdf, ".pdf");
        try
        {
            Run("pdftoppm", ["-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", $"{page}", "-l", $"{page}", "-singlefile", file, outputStem]);
            return outputStem + ".png";
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static string Run(string tool, string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error.Result}");
        return output.Result;
    }

    private static string Temp(byte[] bytes, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"saraban-test-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

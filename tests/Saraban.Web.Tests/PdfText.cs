using System.Diagnostics;

namespace Saraban.Web.Tests;

/// <summary>The text of a PDF as poppler's pdftotext gives it back: what a reader's copy and search find.</summary>
internal static class PdfText
{
    public static string Of(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, pdf);
        try
        {
            using var p = Process.Start(new ProcessStartInfo("pdftotext", [path, "-"]) { RedirectStandardOutput = true })!;
            var text = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return text;
        }
        finally { File.Delete(path); }
    }
}

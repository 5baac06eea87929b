using System.Diagnostics;
using System.Text;

namespace Saraban.Documents.Rendering;

/// <summary>
/// An SVG emblem (ครุฑ as a deployment sets it) drawn as a PNG by librsvg's <c>rsvg-convert</c>
/// (Debian's librsvg2-bin), once, when the renderer is built: the letters then carry it as any
/// PNG emblem. Read from standard input, so the SVG has no base address and librsvg loads nothing
/// it names outside itself.
/// </summary>
internal static class SvgRaster
{
    /// <summary>The emblem prints about 3 cm wide: 1,200 pixels are some 1,000 dpi there.</summary>
    private const int Width = 1200;

    public static bool IsSvg(byte[] bytes)
    {
        var head = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 1024)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith("<svg", StringComparison.Ordinal)
            || (head.StartsWith("<?xml", StringComparison.Ordinal) && head.Contains("<svg", StringComparison.Ordinal));
    }

    /// <exception cref="RenderingException">rsvg-convert is missing, or cannot read the file.</exception>
    public static byte[] ToPng(byte[] svg, string source)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo("rsvg-convert", ["--width", Width.ToString(), "--keep-aspect-ratio", "--format", "png"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new RenderingException(RenderingProblem.NotAnImage, $"อ่านไฟล์ SVG {source} ไม่ได้: ไม่พบโปรแกรม rsvg-convert",
                $"{source}: an SVG emblem needs rsvg-convert (Debian's librsvg2-bin): {ex.Message}", ex);
        }

        using (process)
        {
            var output = new MemoryStream();
            var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                process.StandardInput.BaseStream.Write(svg);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // rsvg-convert stopped reading: its message says why.
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                throw new RenderingException(RenderingProblem.NotAnImage, $"ไฟล์ SVG {source} ใช้เวลาวาดนานเกินไป", $"{source}: rsvg-convert took over 20 s");
            }

            reading.Wait();
            if (process.ExitCode != 0 || output.Length == 0)
            {
                var why = errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? $"exit {process.ExitCode}";
                throw new RenderingException(RenderingProblem.NotAnImage, $"{source} ไม่ใช่ไฟล์ SVG ที่อ่านได้", $"{source} is not a readable SVG: {why}");
            }

            return output.ToArray();
        }
    }
}

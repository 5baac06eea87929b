using System.ComponentModel;
using System.Diagnostics;

namespace Saraban.Documents.Reading.Scans;

/// <summary>
/// Runs one of the local OCR tools (pdftoppm, tesseract) as a child process, bounded in time: a
/// scan must never leave the machine, and a stuck tool must not hold a request for ever.
/// </summary>
internal static class ChildProcess
{
    /// <summary>The tool's standard output; a missing tool, a timeout or a failure becomes a <see cref="LetterReadingException"/>.</summary>
    public static string Run(string program, IEnumerable<string> arguments, TimeSpan timeout, string installHint, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // One thread for tesseract: on a shared server the requests are the parallelism, and
        // OpenMP's threads spinning per page cost more than they give (measured on 2 cores).
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception ex)
        {
            throw new LetterReadingException(
                ReadingProblem.OcrToolMissing,
                $"อ่านภาพสแกนไม่ได้ เพราะไม่มีโปรแกรม {program} ในเครื่อง (ติดตั้งด้วย apt-get install {installHint})",
                $"{program} is not installed: apt-get install {installHint}",
                ex);
        }

        using (process)
        using (ct.Register(() => Kill(process)))
        {
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            if (!process.WaitForExit(timeout))
            {
                Kill(process);
                throw new LetterReadingException(
                    ReadingProblem.OcrTimeout,
                    $"อ่านภาพสแกนนานเกิน {timeout.TotalSeconds:0} วินาที จึงหยุดอ่าน",
                    $"{program} took longer than {timeout.TotalSeconds:0} s and was stopped");
            }

            process.WaitForExit();
            ct.ThrowIfCancellationRequested();
            var text = output.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                var detail = errors.GetAwaiter().GetResult().Trim().Split('\n')[0];
                throw new LetterReadingException(
                    ReadingProblem.ScanUnreadable,
                    "อ่านไฟล์สแกนไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ภาพ/PDF ที่เปิดได้",
                    $"{program} failed (exit {process.ExitCode}){(detail.Length > 0 ? ": " + detail : string.Empty)}");
            }

            return text;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }
}

using System.ComponentModel;
using System.Diagnostics;

namespace Saraban.Documents.Reading;

/// <summary>A PDF's text layer through poppler's <c>pdftotext</c>, bounded in time.</summary>
internal static class PdfText
{
    public static string Extract(string path, LetterSourceOptions options)
    {
        var start = new ProcessStartInfo(options.PdfToText)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        if (options.PdfLayout)
        {
            start.ArgumentList.Add("-layout");
        }

        foreach (var argument in (string[])["-enc", "UTF-8", "-q", path, "-"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception ex)
        {
            throw new LetterReadingException(
                ReadingProblem.PdfToolMissing,
                "อ่านไฟล์ PDF ไม่ได้ เพราะไม่มีโปรแกรม pdftotext ในเครื่อง (ติดตั้งด้วย apt-get install poppler-utils)",
                "pdftotext is not installed: apt-get install poppler-utils",
                ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(options.PdfTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new LetterReadingException(
                    ReadingProblem.PdfTimeout,
                    $"อ่านไฟล์ PDF นานเกิน {options.PdfTimeout.TotalSeconds:0} วินาที จึงหยุดอ่าน",
                    $"pdftotext took longer than {options.PdfTimeout.TotalSeconds:0} s and was stopped");
            }

            process.WaitForExit();
            var text = output.GetAwaiter().GetResult();
            if (process.ExitCode != 0)
            {
                var detail = errors.GetAwaiter().GetResult().Trim().Split('\n')[0];
                throw new LetterReadingException(
                    ReadingProblem.PdfUnreadable,
                    "อ่านไฟล์ PDF ไม่ได้ ไฟล์อาจเสียหาย มีรหัสผ่าน หรือห้ามคัดลอกข้อความ",
                    $"pdftotext failed (exit {process.ExitCode}){(detail.Length > 0 ? ": " + detail : string.Empty)}");
            }

            // A scanned letter is pages of images: pdftotext gives nothing but page breaks.
            return string.IsNullOrWhiteSpace(text)
                ? throw new LetterReadingException(
                    ReadingProblem.PdfWithoutText,
                    "ไม่มีข้อความในไฟล์ PDF (สแกนเป็นภาพ?) ต้องผ่าน OCR ก่อนจึงจะอ่านได้",
                    "the PDF has no text layer (scanned images?): run OCR first")
                : text;
        }
    }
}

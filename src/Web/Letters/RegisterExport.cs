using System.Text;
using Saraban.Workflow.Registers;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Letters;

/// <summary>
/// The registers as CSV, to print or file the month's ทะเบียนหนังสือรับ / ทะเบียนหนังสือส่ง: UTF-8
/// with a byte-order mark so spreadsheet programs read the Thai; dates Buddhist-era as on paper, digits
/// western so a spreadsheet can sort and sum them.
/// </summary>
internal static class RegisterExport
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/registers/incoming.csv", async (HttpContext http, Serving.Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            return Csv("incoming-register.csv", ["เลขทะเบียนรับ", "วันเวลารับ", "ที่", "ลงวันที่", "จาก", "เรื่อง", "สถานะ", "หมายเหตุ"],
                (await RegistersApi.IncomingAsync(user, s.Views, Export(http), ct)).Select(e => new[]
                {
                    e.ReceiveNumber?.ToString() ?? "", e.ReceivedAt is { } at ? Time(at) : "", e.DocumentNumber, ThaiDate.FormatFull(e.Date, thaiDigits: false),
                    e.SenderName, e.Subject, e.Status.Thai(), e.Note ?? "",
                }));
        });
        app.MapGet("/registers/outgoing.csv", async (HttpContext http, Serving.Services s, CancellationToken ct) =>
        {
            var user = RegistersApi.Reader(http, s);
            return Csv("outgoing-register.csv", ["ที่", "ลงวันที่", "ชนิด", "เรื่อง", "ถึง", "สถานะ", "หมายเหตุ"],
                (await RegistersApi.OutgoingAsync(user, s.Views, Export(http), ct)).Select(e => new[]
                {
                    e.DocumentNumber ?? "", e.Date is { } d ? ThaiDate.FormatFull(d, thaiDigits: false) : "", e.Kind.Thai(), e.Subject,
                    e.AddresseeName ?? e.AddresseeCount.ToString(), e.Status.Thai(), e.Note ?? "",
                }));
        });
    }

    /// <summary>The lines the page shows (its search), up to the most one file takes.</summary>
    private static RegisterQuery Export(HttpContext http) => RegistersApi.Query(http.Request.Query) with { Limit = RegisterQuery.MaxLimit };

    private static string Time(DateTimeOffset at) =>
        $"{ThaiDate.FormatFull(BangkokTime.DateOf(at), thaiDigits: false)} {at.ToOffset(TimeSpan.FromHours(7)):HH.mm} น.";

    public static IResult Csv(string name, string[] header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder();
        foreach (var row in rows.Prepend(header)) csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", name);
    }

    // RFC 4180 quoting; a leading = + - @ is neutralized so a spreadsheet never runs a subject as a formula.
    private static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0]) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"")}\"" : safe;
    }
}

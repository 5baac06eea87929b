using System.Net;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Serving;

/// <summary>The landing page, in Thai: what this node is connected to and whether the log is intact.</summary>
internal static class HomePage
{
    public static async Task<string> RenderAsync(IEventStore store, CancellationToken ct)
    {
        var head = await store.HeadPositionAsync(ct);
        var today = ThaiDate.FormatFull(BangkokTime.DateOf(DateTimeOffset.UtcNow));
        var backend = store.Backend == "sqlite" ? "SQLite (ฝังในโปรแกรม)" : "PostgreSQL";
        string E(string s) => WebUtility.HtmlEncode(s);
        return $$"""
            <!doctype html>
            <html lang="th">
            <head><meta charset="utf-8"><title>สารบรรณอิเล็กทรอนิกส์ — Saraban</title>
            <style>body{font-family:"TH Sarabun New",Laksaman,sans-serif;font-size:20px;margin:2em;max-width:48em}</style></head>
            <body>
            <h1>ระบบสารบรรณอิเล็กทรอนิกส์</h1>
            <p>วันที่ {{E(today)}}</p>
            <ul>
              <li>ฐานข้อมูล: {{E(backend)}}</li>
              <li>จำนวนเหตุการณ์ในบันทึก: {{E(ThaiDigits.Format(head))}}</li>
            </ul>
            </body></html>
            """;
    }
}

using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Saraban.Workflow.Access;
using Saraban.Workflow.Thai;

namespace Saraban.Web.Pages;

/// <summary>The pages' frame, in Thai: one stylesheet, the signed-in user, the menu.</summary>
internal static class Html
{
    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string Antiforgery(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    /// <summary>A form that posts to <paramref name="action"/> with its antiforgery token.</summary>
    public static string Form(HttpContext http, string action, string inner, string css = "card") =>
        $"<form method=\"post\" action=\"{E(action)}\" class=\"{css}\">{Antiforgery(http)}{inner}</form>";

    public static string Date(DateOnly? d) => d is { } x ? ThaiDate.FormatFull(x) : "";

    public static string Time(DateTimeOffset? t) => t is { } x
        ? $"{ThaiDate.FormatFull(BangkokTime.DateOf(x))} เวลา {ThaiDigits.ToThai(x.ToOffset(TimeSpan.FromHours(7)).ToString("HH.mm"))} น."
        : "";

    public static IResult Page(HttpContext http, string title, UserAccount? user, string body, int status = 200) =>
        Results.Content(Frame(http, title, user, body), "text/html; charset=utf-8", null, status);

    public static string Frame(HttpContext http, string title, UserAccount? user, string body) => $$"""
        <!doctype html>
        <html lang="th">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{E(title)}} — สารบรรณอิเล็กทรอนิกส์</title>
        <style>
        body{font-family:"TH Sarabun New",Laksaman,sans-serif;font-size:20px;margin:0;color:#222}
        header{background:#1f3a5f;color:#fff;padding:.4em 1em;display:flex;gap:1.2em;align-items:center;flex-wrap:wrap}
        header a{color:#fff}header form{margin:0 0 0 auto}
        main{padding:1em 2em;max-width:70em}
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
        .card{border:1px solid #ccc;border-radius:6px;padding:.8em;margin:.8em 0;display:flex;flex-direction:column;gap:.5em;max-width:40em}
        form.inline{display:inline;margin-left:.5em}.error{color:#b00020;font-weight:bold}.muted{color:#666}.urgent{color:#c00;font-weight:bold}
        input,select,textarea,button{font:inherit}textarea{min-height:5em}
        </style></head>
        <body>
        <header><strong>ระบบสารบรรณอิเล็กทรอนิกส์</strong>{{Menu(http, user)}}</header>
        <main><h1>{{E(title)}}</h1>
        {{body}}
        </main></body></html>
        """;

    private static string Menu(HttpContext http, UserAccount? user) => user is null ? "" : $"""
        <a href="/">งานของฉัน</a><a href="/registers/incoming">ทะเบียนรับ</a><a href="/registers/outgoing">ทะเบียนส่ง</a>
        <a href="/letters/paper">ลงรับหนังสือกระดาษ</a><a href="/letters/new">ร่างหนังสือ</a><a href="/tracking">ติดตามหนังสือเวียน</a>{(user.Has(Role.Admin) ? "<a href=\"/admin\">ผู้ใช้</a>" : "")}
        <span>{E(user.FullName)} ({E(user.Position)})</span>
        {Form(http, "/logout", "<button type=\"submit\">ออกจากระบบ</button>", "logout")}
        """;
}

using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Actions;

/// <summary>Where reminders are mailed from: serve's <c>--smtp-host</c>, <c>--smtp-port</c>, <c>--smtp-from</c>.</summary>
public sealed record SmtpSettings(string Host, int Port, string From);

/// <summary>Sends one round's mails over one connection; a refusal of one recipient is that mail's outcome, not the round's.</summary>
public interface IReminderMailer
{
    string From { get; }

    /// <returns>Null when the server took it; the server's words when it refused it for good (a 5xx reply).</returns>
    /// <exception cref="Exception">The server could not be reached or failed for now: the round stops and the mail is tried again.</exception>
    Task<string?> SendAsync(MimeMessage message, CancellationToken ct);

    Task CloseAsync(CancellationToken ct);
}

/// <summary>The reminder as mail (Thai subject and text), and MailKit's SMTP client to send it.</summary>
public sealed class SmtpReminderMailer(SmtpSettings settings) : IReminderMailer, IAsyncDisposable
{
    private SmtpClient? _client;

    public string From => settings.From;

    public async Task<string?> SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (_client is not { IsConnected: true })
        {
            _client?.Dispose();
            _client = new SmtpClient { Timeout = 20_000 };
            // STARTTLS when the server offers it; a local relay without TLS is the usual set-up of a government mail gateway.
            await _client.ConnectAsync(settings.Host, settings.Port, SecureSocketOptions.Auto, ct);
        }
        try
        {
            await _client.SendAsync(message, ct);
            return null;
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            return $"{(int)ex.StatusCode} {ex.Message}";
        }
    }

    public async Task CloseAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true } c) await c.DisconnectAsync(true, ct);
        _client?.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync() => await CloseAsync(CancellationToken.None);

    /// <summary>The mail of one reminder, addressed to the office's central mailbox.</summary>
    public static MimeMessage Compose(ReminderNotice notice, string officeName, string from)
    {
        var days = notice.DaysBefore ?? 0;
        var left = days == 0 ? "ครบกำหนดวันนี้" : $"เหลือเวลาอีก {ThaiDigits.Format(days)} วัน";
        var message = new MimeMessage
        {
            MessageId = ActionReminders.MessageIdOf(notice.NoticeId, from),
            Subject = $"แจ้งเตือน: {notice.Title} — {left} (กำหนด {ThaiDate.FormatFull(notice.Due)})",
            Date = notice.At,
            Body = new TextPart("plain")
            {
                Text = $"""
                    เรียน {officeName}

                    ระบบสารบรรณอิเล็กทรอนิกส์ขอแจ้งเตือนว่า หน่วยงานของท่านยังไม่ได้ดำเนินการเรื่อง "{notice.Title}"
                    ตามหนังสือ {notice.DocumentNumber} ซึ่งกำหนดให้ดำเนินการภายในวันที่ {ThaiDate.FormatFull(notice.Due)} ({left})

                    โปรดดำเนินการในระบบสารบรรณอิเล็กทรอนิกส์ หากดำเนินการแล้ว ขออภัยมา ณ ที่นี้

                    ข้อความนี้ส่งจากระบบโดยอัตโนมัติ โปรดอย่าตอบกลับ
                    """,
            },
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(officeName, notice.MailTo ?? throw new ArgumentException("the notice is not to be mailed")));
        return message;
    }
}

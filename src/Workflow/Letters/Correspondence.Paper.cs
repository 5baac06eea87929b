using Saraban.Workflow.Access;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Numbering;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Letters;

/// <summary>
/// A letter that came on paper (or by e-mail, fax) with its fields typed in by the clerk.
/// </summary>
/// <param name="ActionDue">The date the letter asks its addressee to act by, when it asks.</param>
public sealed record PaperLetter(string SenderName, string DocumentNumber, DateOnly Date, LetterContent Content,
    DateOnly? ActionDue = null, string? SignerName = null, IReadOnlyList<string>? SignerPositionLines = null)
{
    public const int MaxFieldLength = 300;

    public void Validate(DateOnly today)
    {
        Required(SenderName, "ต้องระบุหน่วยงานผู้ส่ง (the sender is missing).");
        Required(DocumentNumber, "ต้องระบุเลขที่หนังสือ (the document number is missing).");
        if (string.IsNullOrWhiteSpace(Content.Subject)) throw new DomainException("ต้องระบุเรื่อง (a letter needs a subject).");
        if (Content.Subject.Length > LetterContent.MaxSubjectLength)
            throw new DomainException($"เรื่องยาวเกิน {ThaiDigits.Format(LetterContent.MaxSubjectLength)} ตัวอักษร (the subject is too long).");
        if (Date > today.AddDays(1))
            throw new DomainException($"วันที่ของหนังสือ {ThaiDate.FormatFull(Date)} อยู่ในอนาคต (the letter's date is in the future).");
    }

    private static void Required(string value, string message)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new DomainException(message);
        if (value.Length > MaxFieldLength) throw new DomainException($"ข้อความยาวเกิน {ThaiDigits.Format(MaxFieldLength)} ตัวอักษร: {value[..40]}… (a field is too long).");
    }
}

public sealed partial class Correspondence
{
    /// <summary>What a ลับที่สุด letter's register line says instead of its subject.</summary>
    public const string TopSecretSubject = "(หนังสือลับที่สุด ไม่บันทึกเนื้อหา)";

    /// <summary>
    /// Registers a letter that came outside the system. Clerks often register a pile after the fact:
    /// <paramref name="receivedAt"/> is when it came, as the clerk gives it, kept apart from when it
    /// was entered. The arrival, its receive number and the start of the office's routing (its
    /// register step done) are one transaction. <paramref name="entryKey"/> makes a retried request
    /// (a double click) return the first registration instead of making a second.
    /// </summary>
    public async Task<(string IncomingStreamId, int ReceiveNumber)> RegisterPaperAsync(string userId, string organizationId, PaperLetter letter,
        DateTimeOffset receivedAt, ArrivalChannel channel = ArrivalChannel.Paper, string? entryKey = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var clerk = access.Authorize(userId, Permission.RegisterIncoming, organizationId, now);
        if (channel != ArrivalChannel.Paper) throw new DomainException("หนังสืออิเล็กทรอนิกส์มาถึงทางระบบเอง (electronic letters arrive by delivery, not by typing).");
        if (entryKey is not null && (entryKey.Length is 0 or > 64 || !entryKey.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
            throw new DomainException("รหัสรายการไม่ถูกต้อง (the entry key must be 1–64 letters, digits or dashes).");
        var stream = IncomingLetter.StreamId(organizationId, "paper-" + (entryKey ?? Guid.CreateVersion7().ToString("N")));
        var (existing, _) = await LoadIncomingAsync(stream, ct);
        if (existing.Registration is { } done) return (stream, done.ReceiveNumber);

        // ลับที่สุด: registered without content (the number, date and sender only), as the 2564
        // amendment keeps such letters off electronic systems.
        if (letter.Content.Secrecy == Secrecy.TopSecret)
        {
            if (letter.Content.Body.Any(b => !string.IsNullOrWhiteSpace(b)) || !string.IsNullOrWhiteSpace(letter.Content.Subject) && letter.Content.Subject != TopSecretSubject)
                throw new DomainException("หนังสือลับที่สุดลงทะเบียนได้โดยไม่บันทึกเรื่องและเนื้อหา เว้นช่องเรื่องไว้ (a top-secret letter is registered without its subject or text).");
            letter = letter with { Content = letter.Content with { Subject = TopSecretSubject, AddresseeLine = "", Enclosures = [], Body = [] } };
        }
        letter.Validate(BangkokTime.DateOf(now));
        if (receivedAt > now.AddMinutes(5)) throw new DomainException("เวลารับหนังสืออยู่ในอนาคต (the received time is in the future).");
        if (BangkokTime.DateOf(receivedAt) < letter.Date)
            throw new DomainException("วันที่รับหนังสือก่อนวันที่ของหนังสือ (the letter was received before its own date).");

        var meta = Meta(clerk, null);
        var (content, key) = Sealed(stream, letter.Content, meta);
        var arrived = new LetterArrived(organizationId, channel, null, null, letter.SenderName.Trim(), letter.DocumentNumber.Trim(), letter.Date,
            content, null, letter.ActionDue, letter.SignerName, letter.SignerPositionLines ?? []);
        var arrival = types.ToEventData(arrived, meta);
        var flow = routing?.StartRegistered(clerk.Organization, stream, userId, now, arrival);
        try
        {
            var number = await numbers.IssueAsync(organizationId, NumberSeries.Incoming, BangkokTime.YearOf(receivedAt), stream, n =>
                [.. With(flow, new StreamAppend(stream, ExpectedVersion.NoStream,
                    [arrival, types.ToEventData(new LetterRegistered(n, receivedAt, now, clerk.User.Id), meta)])), .. key is null ? Array.Empty<StreamAppend>() : [key]], meta, ct);
            return (stream, number);
        }
        catch (WrongExpectedVersionException) when (entryKey is not null)
        {
            // The same entry, sent twice at once: the other request registered it.
            var (again, _) = await LoadIncomingAsync(stream, ct);
            return (stream, again.Registration?.ReceiveNumber ?? throw new DomainException("รายการนี้กำลังลงทะเบียนอยู่ (this entry is being registered)."));
        }
    }
}

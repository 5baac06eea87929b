using Saraban.Documents.Reading;
using Saraban.Documents.Rendering;
using Saraban.Documents.Rendering.Layout;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Thai;
using CitedLetter = Saraban.Documents.Reading.CitedLetter;

namespace Saraban.Web.Letters;

/// <summary>
/// A stored letter as the document the regulation prescribes: its fields in the shape the
/// renderer reads (<see cref="LetterDocument"/>), drawn by the template of its kind. A draft prints
/// with its number left open (ที่ อต ๐๐๒๓.๓/ว …), as on paper before the book gives one.
/// </summary>
internal sealed class LetterPrinting(LetterRenderer renderer, string verificationBase)
{
    /// <summary>The letters' font, for the other printed forms (the destruction list).</summary>
    public Saraban.Documents.Rendering.Fonts.LetterFonts Fonts => renderer.Fonts;
    /// <summary>Draws the receive stamp on a received PDF (a paper letter's scan).</summary>
    public Saraban.Documents.Rendering.Stamp.ReceiveStamper Stamper => renderer.Stamper;

    public static LetterDocument Document(OutgoingLetter letter, Organization sender)
    {
        var content = letter.Content!;
        var circular = content.Kind == LetterKind.Circular;
        var number = letter.Dispatch is { } d
            ? new LetterNumber(sender.LetterPrefix, circular, d.RunningNumber, d.DocumentNumber)
            : new LetterNumber(sender.LetterPrefix, circular, 0, $"ที่ {sender.LetterPrefix}/{(circular ? "ว " : "")}…");
        var signer = letter.Signature is { } s
            ? new Signer(s.SignerName, s.PositionLines[0], s.PositionLines.Count > 1 ? s.PositionLines[1] : null)
            : new Signer("(ยังไม่ลงนาม)", sender.HeadTitle, null);
        if (signer.Position is { } p && p.EndsWith(" ปฏิบัติราชการแทน", StringComparison.Ordinal))
            signer = signer with { Position = p[..^" ปฏิบัติราชการแทน".Length] };
        else if (signer.Position is { } q && q.EndsWith(" รักษาราชการแทน", StringComparison.Ordinal))
            signer = signer with { Position = q[..^" รักษาราชการแทน".Length], ActingIn = signer.ActingFor, ActingFor = null };
        var fields = new LetterFields
        {
            Kind = content.Kind.ToString(),
            Urgency = LetterContent.ThaiName(content.Urgency) is { Length: > 0 } u ? u : null,
            Secrecy = Workflow.Registers.RegisterNames.Thai(content.Secrecy) is { Length: > 0 } x ? x : null,
            DocumentNumber = number,
            Date = letter.Dispatch?.Date ?? BangkokTime.DateOf(DateTimeOffset.UtcNow),
            Subject = content.Subject,
            Addressee = content.AddresseeLine,
            References = content.References.Select(r => new CitedLetter(r.DocumentNumber, r.Date)).ToList(),
            Enclosures = content.EnclosedLetters.Select(e => $"สำเนาหนังสือ{e.From}{(e.From is null ? "" : " ")}{e.DocumentNumber} ลงวันที่ {ThaiDate.FormatFull(e.Date)}")
                .Concat(content.Enclosures).Concat((letter.Files ?? []).Select(Workflow.Files.Enclosures.Line)).ToList(),
            Sender = sender.Name,
            Signer = signer,
            Deadline = letter.ActionDue,
            OwningUnit = string.IsNullOrWhiteSpace(content.OwningUnit) ? null
                : new OwningUnit(content.OwningUnit, string.IsNullOrWhiteSpace(content.Contacts) ? null : content.Contacts.Replace("โทร.", "").Trim(), null, null, []),
            Body = content.Body,
        };
        return new LetterDocument(fields, sender.Address);
    }

    /// <summary>The address the letter's QR code carries: where anyone holding the paper can check it.</summary>
    public string VerificationUrl(OutgoingLetter letter, Organization sender) =>
        Documents.Rendering.Qr.VerificationCode.Url(verificationBase, Document(letter, sender));

    public static string ContentKey(OutgoingLetter letter, Organization sender) =>
        Documents.Rendering.Qr.VerificationCode.ContentKey(Document(letter, sender));

    /// <summary>
    /// The letter laid out as it prints, for the page's preview; the same layout the PDF draws. A
    /// letter's version fixes what it prints, so recent layouts are kept (laying out with Thai line
    /// breaking cost most of a letter page's time).
    /// </summary>
    public LaidOutLetter Layout(OutgoingLetter letter, Organization sender) =>
        _layouts.Get($"out:{letter.Id}:{letter.Version}:{letter.Content?.Subject}:{letter.Content?.Body.Count}:{sender.Name}:{sender.Address}:{(letter.Dispatch is null ? BangkokTime.DateOf(DateTimeOffset.UtcNow) : default)}", () => renderer.Layout(Document(letter, sender)))!;

    private readonly RecentLayouts _layouts = new();

    /// <summary>
    /// A received letter laid out from what arrived (number, date, sender, text, signer), for the
    /// receiving office's preview; null when too little came to print (a paper letter has no text).
    /// </summary>
    public LaidOutLetter? Layout(LetterArrived a, Organization? sender, string streamId) =>
        // Destruction erases a letter's text in place without a new version: what it leaves
        // (an empty body, the subject marked) is part of the key, so no node shows the text after.
        a.Content.Body.Count == 0 ? null : _layouts.Get($"in:{streamId}:{a.Content.Subject}", () => Layout(a, sender));

    private LaidOutLetter? Layout(LetterArrived a, Organization? sender)
    {
        var c = a.Content;
        if (c.Body.Count == 0) return null;
        var fields = new LetterFields
        {
            Kind = c.Kind.ToString(),
            Urgency = LetterContent.ThaiName(c.Urgency) is { Length: > 0 } u ? u : null,
            Secrecy = Workflow.Registers.RegisterNames.Thai(c.Secrecy) is { Length: > 0 } x ? x : null,
            DocumentNumber = new LetterNumber(sender?.LetterPrefix ?? "", c.Kind == LetterKind.Circular, 0, a.DocumentNumber),
            Date = a.Date,
            Subject = c.Subject,
            Addressee = c.AddresseeLine,
            References = c.References.Select(r => new CitedLetter(r.DocumentNumber, r.Date)).ToList(),
            Enclosures = c.EnclosedLetters.Select(e => $"สำเนาหนังสือ{e.From}{(e.From is null ? "" : " ")}{e.DocumentNumber} ลงวันที่ {ThaiDate.FormatFull(e.Date)}")
                .Concat(c.Enclosures).Concat((a.Files ?? []).Select(Workflow.Files.Enclosures.Line)).ToList(),
            Sender = a.SenderName,
            Signer = new Signer(a.SignerName ?? "", a.SignerPositionLines.FirstOrDefault() ?? "", a.SignerPositionLines.Skip(1).FirstOrDefault()),
            Deadline = a.ActionDue,
            OwningUnit = string.IsNullOrWhiteSpace(c.OwningUnit) ? null
                : new OwningUnit(c.OwningUnit, string.IsNullOrWhiteSpace(c.Contacts) ? null : c.Contacts.Replace("โทร.", "").Trim(), null, null, []),
            Body = c.Body,
        };
        try
        {
            return renderer.Layout(new LetterDocument(fields, sender?.Address ?? ""));
        }
        catch (RenderingException)
        {
            return null;
        }
    }

    public byte[] Pdf(OutgoingLetter letter, Organization sender)
    {
        using var output = new MemoryStream();
        renderer.WritePdf(Document(letter, sender), output);
        return output.ToArray();
    }

    public byte[] Docx(OutgoingLetter letter, Organization sender)
    {
        using var output = new MemoryStream();
        renderer.WriteDocx(Document(letter, sender), output);
        return output.ToArray();
    }
}

/// <summary>The layouts of the letters read lately, at most <see cref="Max"/>; all dropped when full.</summary>
internal sealed class RecentLayouts
{
    public const int Max = 2000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LaidOutLetter?> _recent = new(StringComparer.Ordinal);

    public LaidOutLetter? Get(string key, Func<LaidOutLetter?> layout)
    {
        if (_recent.TryGetValue(key, out var laid)) return laid;
        if (_recent.Count >= Max) _recent.Clear();
        return _recent[key] = layout();
    }
}

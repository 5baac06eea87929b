using Saraban.Documents.Reading;
using Saraban.Documents.Rendering.Fonts;
using Saraban.Documents.Rendering.Qr;
using Saraban.Documents.Rendering.Templates;
using Saraban.Documents.Rendering.Thai;
using Saraban.Workflow.Thai;

namespace Saraban.Documents.Rendering.Layout;

/// <summary>
/// Lays a letter out as the regulation's forms do, top to bottom: urgency, Garuda, ที่ and the
/// sender's address, date, เรื่อง, เรียน, อ้างถึง, สิ่งที่ส่งมาด้วย, body, closing, signature with
/// its acting-for lines, and the owning unit's contacts at the bottom.
/// </summary>
internal sealed class LetterComposer(LetterFonts fonts, LineBreakerPool breakers, bool westernDigits = false, bool emblemIsPlaceholder = false)
{
    /// <summary>Written under a placeholder emblem: a letter must not pass for one on the real Garuda.</summary>
    public const string PlaceholderMark = "ตราตัวอย่าง ยังไม่ได้ตั้งค่าตราครุฑ";

    private const double Cm = PageFlow.PointsPerCm;

    public LaidOutLetter Compose(LetterDocument letter, LetterTemplate t, LetterImage emblem, string verificationBase)
    {
        // The QR code verifies the letter as stored; the page prints its digits as the office writes them.
        var url = VerificationCode.Url(verificationBase, letter);
        letter = PrintedDigits.Apply(letter, westernDigits);
        var f = letter.Fields;
        var flow = new PageFlow(fonts, breakers, t);
        var size = t.BodySize;
        var line = flow.LineHeight(size);
        if (t.Header == "memo")
        {
            MemoHeader(flow, letter, t, emblem);
        }
        else
        {
            LetterheadHeader(flow, letter, t, emblem);
        }

        if (emblemIsPlaceholder && flow.Current.OfType<ImageItem>().FirstOrDefault(i => i.Role == "emblem") is { } placed)
        {
            const double markSize = 6;
            var markWidth = flow.Measure(PlaceholderMark, markSize);
            var x = Math.Max(flow.Left, placed.X + ((placed.Width - markWidth) / 2));
            flow.Add(new TextItem("emblemPlaceholder", PlaceholderMark, x, placed.Y + placed.Height + flow.Ascent(markSize) * 0.9, markSize, Red: true));
        }

        if (t.Header != "memo" && t.Subject && f.Subject is { } subject)
        {
            flow.Labelled("subject", "เรื่อง", subject, size, size, false);
        }

        if (f.Addressee is { } addressee)
        {
            flow.Labelled("addressee", t.AddresseeLabel, addressee, size, size, false);
        }

        Numbered(flow, "reference", "อ้างถึง", f.References.Select(Cite).ToList(), size);
        Numbered(flow, "enclosure", "สิ่งที่ส่งมาด้วย", f.Enclosures, size);
        flow.Gap(line * 0.5);
        foreach (var paragraph in f.Body)
        {
            flow.Paragraph("body", paragraph, flow.Left, flow.Right, size, t.FirstLineIndent * Cm, justify: true);
            flow.Gap(t.ParagraphSpacing);
        }

        Ending(flow, letter, t);
        if (t.OwningUnitAtBottom)
        {
            OwningUnit(flow, f.OwningUnit, size);
        }

        var pages = flow.Pages();
        var qr = t.QrSize * Cm;
        var first = pages[0];
        var items = first.Items.Append(new QrItem("qr", VerificationCode.Modules(url), first.Width - (t.Page.Right * Cm) - qr, first.Height - qr - (0.3 * Cm), qr));
        pages = [first with { Items = items.ToList() }, .. pages.Skip(1)];
        if (f.Secrecy is { } secrecy)
        {
            pages = pages.Select(p => p with { Items = [.. p.Items, .. SecrecyMarks(flow, p, secrecy)] }).ToList();
        }

        return new LaidOutLetter(pages, url);
    }

    private static void LetterheadHeader(PageFlow flow, LetterDocument letter, LetterTemplate t, LetterImage emblem)
    {
        var f = letter.Fields;
        var size = t.BodySize;
        var top = flow.Y;
        var h = t.Emblem.Height * Cm;
        var w = h * emblem.AspectRatio;
        flow.Add(new ImageItem("emblem", emblem, t.Emblem.Align == "left" ? flow.Left : (flow.Width - w) / 2, top, w, h));
        if (f.Urgency is { } urgency)
        {
            flow.Add(new TextItem("urgency", urgency, flow.Left, top + flow.Ascent(t.UrgencySize), t.UrgencySize, Bold: true, Red: true));
        }

        flow.Y = top + h + (0.3 * Cm);
        var rowTop = flow.Y;
        var senderX = flow.Width * 0.58;
        if (f.DocumentNumber?.Text is { } number)
        {
            flow.Line("documentNumber", number, flow.Left, size);
        }

        var afterNumber = flow.Y;
        flow.Y = rowTop;
        if (f.Sender is { } sender)
        {
            flow.Paragraph("sender", sender, senderX, flow.Right, size);
        }

        if (letter.SenderAddress is { } address)
        {
            flow.Paragraph("senderAddress", address, senderX, flow.Right, size);
        }

        flow.Y = Math.Max(flow.Y, afterNumber) + (flow.LineHeight(size) * 0.3);
        if (!t.SenderAndDateAtEnd && f.Date is { } date)
        {
            flow.Line("date", ThaiDate.FormatFull(date), flow.Width / 2, size);
        }

        flow.Gap(flow.LineHeight(size) * 0.3);
    }

    private static void MemoHeader(PageFlow flow, LetterDocument letter, LetterTemplate t, LetterImage emblem)
    {
        var f = letter.Fields;
        var top = flow.Y;
        var h = t.Emblem.Height * Cm;
        flow.Add(new ImageItem("emblem", emblem, flow.Left, top, h * emblem.AspectRatio, h));
        if (f.Urgency is { } urgency)
        {
            flow.Add(new TextItem("urgency", urgency, flow.Right - flow.Measure(urgency, t.UrgencySize, true), top + flow.Ascent(t.UrgencySize), t.UrgencySize, true, true));
        }

        var title = t.Title ?? "บันทึกข้อความ";
        flow.Add(new TextItem("title", title, (flow.Width - flow.Measure(title, t.TitleSize, true)) / 2, top + h - (0.1 * Cm), t.TitleSize, Bold: true));
        flow.Y = top + h + (0.2 * Cm);
        var size = t.BodySize;
        var unit = string.Join(' ', new[] { f.Sender, f.OwningUnit?.Name, f.OwningUnit?.Telephone is { } tel ? $"โทร. {tel}" : null }.Where(s => !string.IsNullOrWhiteSpace(s)));
        flow.Labelled("sender", "ส่วนราชการ", unit, size, t.LabelSize, true);
        var rowY = flow.Y;
        var dateX = flow.Left + ((flow.Right - flow.Left) * 0.5);
        flow.Labelled("documentNumber", "ที่", f.DocumentNumber?.Text is { } n ? n.StartsWith("ที่ ", StringComparison.Ordinal) ? n[4..] : n : string.Empty, size, t.LabelSize, true, dateX - 6);
        if (f.Date is { } date)
        {
            var labelWidth = flow.Measure("วันที่ ", t.LabelSize, true);
            flow.Add(new TextItem("dateLabel", "วันที่", dateX, rowY + flow.Ascent(t.LabelSize), t.LabelSize, true));
            flow.Add(new TextItem("date", ThaiDate.FormatFull(date), dateX + labelWidth, rowY + flow.Ascent(t.LabelSize), size));
        }

        if (f.Subject is { } subject)
        {
            flow.Labelled("subject", "เรื่อง", subject, size, t.LabelSize, true);
        }

        flow.Gap(flow.LineHeight(size) * 0.3);
    }

    private static void Numbered(PageFlow flow, string role, string label, IReadOnlyList<string> items, double size)
    {
        if (items.Count == 1)
        {
            flow.Labelled(role, label, items[0], size, size, false);
        }
        else if (items.Count > 1)
        {
            var labelWidth = flow.Measure(label + " ", size);
            flow.Add(new TextItem(role + "Label", label, flow.Left, flow.Y + flow.Ascent(size), size));
            for (var i = 0; i < items.Count; i++)
            {
                var marker = $"{ThaiDigits.Format(i + 1)}. ";
                var markerWidth = flow.Measure(marker, size);
                flow.EnsureRoom(flow.LineHeight(size));
                flow.Add(new TextItem(role + "Number", marker.TrimEnd(), flow.Left + labelWidth, flow.Y + flow.Ascent(size), size));
                flow.Paragraph(role, items[i], flow.Left + labelWidth + markerWidth, flow.Right, size);
            }
        }
    }

    private static string Cite(CitedLetter cited) => string.Join(' ', new[]
    {
        "หนังสือ", cited.DocumentNumber, cited.Date is { } d ? $"ลงวันที่ {ThaiDate.FormatFull(d)}" : null,
    }.Where(s => s is not null));

    private static void Ending(PageFlow flow, LetterDocument letter, LetterTemplate t)
    {
        var f = letter.Fields;
        var size = t.BodySize;
        var line = flow.LineHeight(size);
        var center = flow.Left + ((flow.Right - flow.Left) * 0.62);
        var lines = new List<(string Role, string Text)>();
        if (t.SenderAndDateAtEnd)
        {
            lines.Add(("sender", f.Sender ?? string.Empty));
            lines.Add(("stampSpace", string.Empty));
            lines.Add(("stampSpace", string.Empty));
            lines.Add(("date", f.Date is { } d ? ThaiDate.FormatFull(d) : string.Empty));
        }
        else if (t.Signature && f.Signer is { } signer)
        {
            var closing = letter.Closing ?? t.Closing;
            if (closing is not null)
            {
                lines.Add(("closing", closing));
            }

            lines.Add(("signatureSpace", string.Empty));
            lines.Add(("signatureSpace", string.Empty));
            lines.Add(("signerName", $"({signer.Name})"));
            var delegation = signer.ActingFor is not null ? "ปฏิบัติราชการแทน" : signer.ActingIn is not null ? "รักษาราชการแทน" : null;
            lines.Add(("signerPosition", delegation is null ? signer.Position ?? string.Empty : $"{signer.Position} {delegation}"));
            if ((signer.ActingFor ?? signer.ActingIn) is { } office)
            {
                lines.Add(("actingFor", office));
            }
        }

        // Centred on the signature; a line longer than the room on either side of that centre (an
        // ODLOC secretary-general's position) wraps at words under itself, within the right margin.
        var half = Math.Min(center - flow.Left, flow.Right - center);
        var wrapped = lines.SelectMany(l => l.Text.Length == 0 ? [l] : flow.Wrap(l.Text, 2 * half, size).Select(w => (l.Role, w))).ToList();
        // The block is kept whole on one page: the closing never parts from its signature.
        flow.EnsureRoom((wrapped.Count + 1) * line);
        flow.Gap(line * 0.5);
        foreach (var (role, text) in wrapped)
        {
            if (text.Length == 0)
            {
                flow.Gap(line);
                continue;
            }

            flow.Line(role, text, center - (flow.Measure(text, size) / 2), size);
        }
    }

    private static void OwningUnit(PageFlow flow, OwningUnit? unit, double size)
    {
        if (unit is null)
        {
            return;
        }

        var lines = new List<string>();
        if (unit.Name is { } name)
        {
            lines.Add(name);
        }

        lines.AddRange(new[]
        {
            unit.Telephone is { } tel ? $"โทร. {tel}" : null,
            unit.Fax is { } fax ? $"โทรสาร {fax}" : null,
            unit.Email is { } mail ? $"ไปรษณีย์อิเล็กทรอนิกส์ {mail}" : null,
        }.OfType<string>());
        lines.AddRange(unit.Coordinators.Select(c => string.Join(' ', new[] { "ผู้ประสานงาน", c.Name, c.Telephone is { } t ? $"โทร. {t}" : null }.OfType<string>())));
        var height = lines.Count * flow.LineHeight(size);
        flow.EnsureRoom(height + flow.LineHeight(size));
        flow.Y = Math.Max(flow.Y + flow.LineHeight(size), flow.Bottom - height);
        foreach (var text in lines)
        {
            flow.Line("owningUnit", text, flow.Left, size);
        }
    }

    private static IEnumerable<PageItem> SecrecyMarks(PageFlow flow, LaidOutPage page, string secrecy)
    {
        const double size = 24;
        var x = (page.Width - flow.Measure(secrecy, size, true)) / 2;
        yield return new TextItem("secrecy", secrecy, x, 0.5 * Cm + flow.Ascent(size) - (0.2 * Cm), size, true, true);
        yield return new TextItem("secrecy", secrecy, x, page.Height - (0.4 * Cm), size, true, true);
    }
}

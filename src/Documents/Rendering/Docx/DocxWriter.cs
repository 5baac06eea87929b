using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using QRCoder;
using Saraban.Documents.Reading;
using Saraban.Documents.Rendering.Templates;
using Saraban.Workflow.Thai;
using static Saraban.Documents.Rendering.Docx.DocxParts;

namespace Saraban.Documents.Rendering.Docx;

/// <summary>
/// A letter as a Word document a clerk can open and edit in Word or LibreOffice: real paragraphs in
/// the template's order with Thai complex-script properties, page numbers <c>- ๒ -</c> from page
/// two on, the emblem and the verification QR code as pictures.
/// </summary>
internal static class DocxWriter
{
    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static void Write(LetterDocument letter, LetterTemplate t, LetterImage emblem, string verificationUrl, Stream output)
    {
        using var buffer = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(t.BodySize);
            var body = new Body();
            main.Document = new Document(body);
            var f = letter.Fields;
            var size = t.BodySize;
            var contentWidth = t.Page.Width - t.Page.Left - t.Page.Right;

            if (t.Header == "memo")
            {
                body.Append(Para(new ParagraphProperties(new Tabs(new TabStop { Val = TabStopValues.Center, Position = Twips(contentWidth / 2) })),
                    new Run(Picture(main, main, emblem, t.Emblem.Height, 1)), Tab(), Run(t.Title ?? "บันทึกข้อความ", t.TitleSize, bold: true)));
                if (f.Urgency is { } urgency)
                {
                    body.Append(Para(new ParagraphProperties(new Justification { Val = JustificationValues.Right }), Run(urgency, t.UrgencySize, true, true)));
                }

                var unit = string.Join(' ', new[] { f.Sender, f.OwningUnit?.Name, f.OwningUnit?.Telephone is { } tel ? $"โทร. {tel}" : null }.Where(s => !string.IsNullOrWhiteSpace(s)));
                body.Append(Labelled("ส่วนราชการ", unit, size, t.LabelSize, true));
                var dateTab = Twips(contentWidth / 2);
                body.Append(Para(new ParagraphProperties(new Tabs(new TabStop { Val = TabStopValues.Left, Position = dateTab })),
                    Run("ที่", t.LabelSize, true), Run(" " + StripThi(f.DocumentNumber?.Text), size), Tab(),
                    Run("วันที่", t.LabelSize, true), Run(" " + (f.Date is { } md ? ThaiDate.FormatFull(md) : string.Empty), size)));
                body.Append(Labelled("เรื่อง", f.Subject ?? string.Empty, size, t.LabelSize, true));
            }
            else
            {
                if (f.Urgency is { } urgency)
                {
                    body.Append(Para(null, Run(urgency, t.UrgencySize, true, true)));
                }

                body.Append(Para(new ParagraphProperties(new Justification { Val = t.Emblem.Align == "left" ? JustificationValues.Left : JustificationValues.Center }),
                    new Run(Picture(main, main, emblem, t.Emblem.Height, 1))));
                body.Append(SenderRow(letter, t, contentWidth));
                if (!t.SenderAndDateAtEnd && f.Date is { } date)
                {
                    body.Append(Para(new ParagraphProperties(new Indentation { Left = S(Twips((t.Page.Width / 2) - t.Page.Left)) }), Run(ThaiDate.FormatFull(date), size)));
                }

                if (t.Subject && f.Subject is { } subject)
                {
                    body.Append(Labelled("เรื่อง", subject, size, size, false));
                }
            }

            if (f.Addressee is { } addressee)
            {
                body.Append(Labelled(t.AddresseeLabel, addressee, size, size, false));
            }

            Numbered(body, "อ้างถึง", f.References.Select(r => string.Join(' ', new[] { "หนังสือ", r.DocumentNumber, r.Date is { } d ? $"ลงวันที่ {ThaiDate.FormatFull(d)}" : null }.OfType<string>())).ToList(), size);
            Numbered(body, "สิ่งที่ส่งมาด้วย", f.Enclosures, size);
            foreach (var paragraph in f.Body)
            {
                body.Append(Para(new ParagraphProperties(new ParagraphStyleId { Val = "LetterBody" }), Run(paragraph, size)));
            }

            Ending(body, letter, t, contentWidth);
            if (t.OwningUnitAtBottom && f.OwningUnit is { } owning)
            {
                body.Append(Para(null));
                foreach (var line in OwningLines(owning))
                {
                    body.Append(Para(null, Run(line, size)));
                }
            }

            body.Append(Section(main, t, verificationUrl));
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    /// <summary>
    /// ที่ at the left and the sender's name and address as a block from 58 % of the page, as the
    /// PDF sets them: a borderless two-column table, so the block wraps at words within its own
    /// column instead of after a tab stop (which broke "ท้องถิ่น" in the middle).
    /// </summary>
    private static Table SenderRow(LetterDocument letter, LetterTemplate t, double contentWidth)
    {
        var size = t.BodySize;
        var left = Twips((t.Page.Width * 0.58) - t.Page.Left);
        var right = Twips(contentWidth) - left;
        static TableCell Cell(int width, IEnumerable<Paragraph> paragraphs)
        {
            var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = S(width), Type = TableWidthUnitValues.Dxa }));
            cell.Append(paragraphs);
            return cell;
        }

        var sender = new List<Paragraph> { Para(null, Run(letter.Fields.Sender ?? string.Empty, size)) };
        if (letter.SenderAddress is { } address)
        {
            sender.Add(Para(null, Run(address, size)));
        }

        var none = new TableBorders(
            new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
            new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        return new Table(
            new TableProperties(
                new TableWidth { Width = S(left + right), Type = TableWidthUnitValues.Dxa },
                none,
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa }, new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa })),
            new TableGrid(new GridColumn { Width = S(left) }, new GridColumn { Width = S(right) }),
            new TableRow(
                Cell(left, [Para(null, Run(letter.Fields.DocumentNumber?.Text ?? string.Empty, size))]),
                Cell(right, sender)));
    }

    private static string StripThi(string? number) => number is null ? string.Empty : number.StartsWith("ที่ ", StringComparison.Ordinal) ? number[4..] : number;

    private static Paragraph Labelled(string label, string text, double size, double labelSize, bool bold)
    {
        // Hanging indent as wide as the label, so a long subject wraps under its own first word.
        var hang = Twips(LabelCm(label, labelSize, bold));
        return Para(
            new ParagraphProperties(new Tabs(new TabStop { Val = TabStopValues.Left, Position = hang }), new Indentation { Left = S(hang), Hanging = S(hang) }),
            Run(label, labelSize, bold), Tab(), Run(text, size));
    }

    // Thai labels are short and fixed: about 0.5 cm per character at 16 pt is ample without font metrics.
    private static double LabelCm(string label, double size, bool bold) => ((label.Count(c => c is not (>= '\u0E31' and <= '\u0E3A') and not (>= '\u0E47' and <= '\u0E4E')) * 0.24) + 0.3) * size / 16 * (bold ? 1.05 : 1);

    private static void Numbered(Body body, string label, IReadOnlyList<string> items, double size)
    {
        if (items.Count <= 1)
        {
            if (items.Count == 1)
            {
                body.Append(Labelled(label, items[0], size, size, false));
            }

            return;
        }

        var hang = Twips(LabelCm(label, size, false));
        var numberHang = hang + Twips(0.7);
        for (var i = 0; i < items.Count; i++)
        {
            var props = new ParagraphProperties(
                new Tabs(new TabStop { Val = TabStopValues.Left, Position = hang }, new TabStop { Val = TabStopValues.Left, Position = numberHang }),
                new Indentation { Left = S(numberHang), Hanging = S(numberHang) });
            body.Append(Para(props, Run(i == 0 ? label : string.Empty, size), Tab(), Run($"{ThaiDigits.Format(i + 1)}.", size), Tab(), Run(items[i], size)));
        }
    }

    private static void Ending(Body body, LetterDocument letter, LetterTemplate t, double contentWidth)
    {
        var f = letter.Fields;
        var lines = new List<string?>();
        if (t.SenderAndDateAtEnd)
        {
            lines.AddRange([null, f.Sender, null, null, f.Date is { } d ? ThaiDate.FormatFull(d) : string.Empty]);
        }
        else if (t.Signature && f.Signer is { } signer)
        {
            lines.Add(null);
            if ((letter.Closing ?? t.Closing) is { } closing)
            {
                lines.Add(closing);
            }

            var delegation = signer.ActingFor is not null ? " ปฏิบัติราชการแทน" : signer.ActingIn is not null ? " รักษาราชการแทน" : string.Empty;
            lines.AddRange([null, null, $"({signer.Name})", signer.Position + delegation, signer.ActingFor ?? signer.ActingIn]);
        }

        // Centred under the signature as in the PDF: on 62 % of the text width, wrapped within the
        // right margin; each line kept with the next, so the closing never parts from its signature.
        var indent = S(Twips(contentWidth * 0.24));
        for (var i = 0; i < lines.Count; i++)
        {
            var props = lines[i] is null
                ? new ParagraphProperties()
                : new ParagraphProperties(new Indentation { Left = indent }, new Justification { Val = JustificationValues.Center });
            if (i < lines.Count - 1)
            {
                props.PrependChild(new KeepNext());
            }

            body.Append(lines[i] is { } line ? Para(props, Run(line, t.BodySize)) : Para(props));
        }
    }

    private static IEnumerable<string> OwningLines(OwningUnit unit)
    {
        if (unit.Name is { } name) yield return name;
        if (unit.Telephone is { } tel) yield return $"โทร. {tel}";
        if (unit.Fax is { } fax) yield return $"โทรสาร {fax}";
        if (unit.Email is { } mail) yield return $"ไปรษณีย์อิเล็กทรอนิกส์ {mail}";
        foreach (var c in unit.Coordinators)
        {
            yield return string.Join(' ', new[] { "ผู้ประสานงาน", c.Name, c.Telephone is { } t ? $"โทร. {t}" : null }.OfType<string>());
        }
    }

    private static SectionProperties Section(MainDocumentPart main, LetterTemplate t, string verificationUrl)
    {
        // Page numbers from page two on, centred at the top in Thai digits: "- ๒ -", by the
        // section's thaiNumbers format, which Word applies to the PAGE field. LibreOffice 7.4 has
        // no Thai-digit numbering on import: it shows "- 2 -" (and maps \* ThaiArabic to Thai
        // letters, "- ข -", worse), so the switch is not used.
        var header = main.AddNewPart<HeaderPart>();
        header.Header = new Header(Para(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            Run("- ", t.BodySize), new SimpleField(Run("๒", t.BodySize)) { Instruction = " PAGE " }, Run(" -", t.BodySize)));
        var firstHeader = main.AddNewPart<HeaderPart>();
        firstHeader.Header = new Header(Para(null));

        // The verification QR code at the foot of the first page, right-aligned.
        var footer = main.AddNewPart<FooterPart>();
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(verificationUrl, QRCodeGenerator.ECCLevel.M);
        var png = LetterImage.FromBytes(new PngByteQRCode(data).GetGraphic(4), "QR code");
        footer.Footer = new Footer(Para(new ParagraphProperties(new Justification { Val = JustificationValues.Right }), new Run(Picture(main, footer, png, t.QrSize, 2))));

        return new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
            new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(firstHeader) },
            new FooterReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(footer) },
            new PageSize { Width = (UInt32Value)(uint)Twips(t.Page.Width), Height = (UInt32Value)(uint)Twips(t.Page.Height) },
            new PageMargin
            {
                Top = Twips(t.Page.Top), Bottom = Twips(t.Page.Bottom), Left = (UInt32Value)(uint)Twips(t.Page.Left), Right = (UInt32Value)(uint)Twips(t.Page.Right),
                Header = (UInt32Value)(uint)Twips(0.8), Footer = (UInt32Value)(uint)Twips(0.3), Gutter = 0U,
            },
            new PageNumberType { Format = NumberFormatValues.ThaiNumbers },
            new TitlePage());
    }
}

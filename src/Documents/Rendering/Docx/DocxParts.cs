using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Saraban.Documents.Rendering.Docx;

/// <summary>
/// The Word building blocks: runs and styles with complex-script properties set beside the Latin
/// ones (Word sizes and fonts Thai by <c>w:cs</c> and <c>w:szCs</c>, not by <c>w:sz</c>), and inline images.
/// </summary>
internal static class DocxParts
{
    /// <summary>
    /// The font the PDF embeds, so the DOCX lays out as the PDF does. TH Sarabun New is not on a
    /// Debian machine (fontconfig falls back to DejaVu Sans, and the letter ran to two pages).
    /// </summary>
    public const string FontName = "Laksaman";

    /// <summary>
    /// Laksaman draws 1.504× larger than TH Sarabun New at the same size; the PDF makes up for it
    /// by patching the em (<see cref="Fonts.TrueTypeFace"/>). A word processor cannot, so the
    /// regulation's 16 pt is written as the Laksaman size that looks the same, in half points.
    /// </summary>
    public static string HalfPoints(double size) =>
        ((int)Math.Round(size * 2 * 1000 / Fonts.LetterFonts.SarabunUnitsPerEm)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public const string Thai = "th-TH";

    public static int Twips(double cm) => (int)Math.Round(cm * 1440 / 2.54);

    public static RunProperties RunProps(double size, bool bold = false, bool red = false)
    {
        var props = new RunProperties();
        if (bold)
        {
            props.Append(new Bold(), new BoldComplexScript());
        }

        if (red)
        {
            props.Append(new Color { Val = "FF0000" });
        }

        var half = HalfPoints(size);
        props.Append(new FontSize { Val = half }, new FontSizeComplexScript { Val = half });
        return props;
    }

    public static Run Run(string text, double size, bool bold = false, bool red = false) =>
        new(RunProps(size, bold, red), new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    public static Run Tab() => new(new TabChar());

    public static Styles Styles(double bodySize)
    {
        var half = HalfPoints(bodySize);
        RunPropertiesBaseStyle BaseRun() => new(
            new RunFonts { Ascii = FontName, HighAnsi = FontName, EastAsia = FontName, ComplexScript = FontName },
            new FontSize { Val = half },
            new FontSizeComplexScript { Val = half },
            new Languages { Val = Thai, Bidi = Thai, EastAsia = Thai });
        var defaults = new DocDefaults(
            new RunPropertiesDefault(BaseRun()),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto })));
        var normal = new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true };
        var body = new Style(
            new StyleName { Val = "Letter Body" },
            new BasedOn { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(
                new SpacingBetweenLines { After = "120" }, // the PDF's 6 pt between paragraphs
                new Indentation { FirstLine = Twips(2.5).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new Justification { Val = JustificationValues.ThaiDistribute }))
        { Type = StyleValues.Paragraph, StyleId = "LetterBody" };
        return new Styles(defaults, normal, body);
    }

    /// <summary>An inline picture of <paramref name="heightCm"/> keeping the image's proportions.</summary>
    public static Drawing Picture(MainDocumentPart main, OpenXmlPart owner, LetterImage image, double heightCm, uint id)
    {
        var part = owner switch
        {
            HeaderPart h => h.AddImagePart(image.Format == "png" ? ImagePartType.Png : ImagePartType.Jpeg),
            FooterPart f => f.AddImagePart(image.Format == "png" ? ImagePartType.Png : ImagePartType.Jpeg),
            _ => main.AddImagePart(image.Format == "png" ? ImagePartType.Png : ImagePartType.Jpeg),
        };
        using (var stream = new MemoryStream(image.Bytes, writable: false))
        {
            part.FeedData(stream);
        }

        var relationship = owner.GetIdOfPart(part);
        const long EmuPerCm = 360000;
        var cy = (long)(heightCm * EmuPerCm);
        var cx = (long)(cy * image.AspectRatio);
        var name = $"image{id}";
        return new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = name },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = id, Name = name }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0, DistanceFromBottom = 0, DistanceFromLeft = 0, DistanceFromRight = 0,
        });
    }

    public static Paragraph Para(ParagraphProperties? props, params OpenXmlElement[] content)
    {
        var p = new Paragraph();
        if (props is not null)
        {
            p.Append(props);
        }

        p.Append(content);
        return p;
    }
}

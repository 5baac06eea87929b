using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Saraban.Documents.Rendering.Fonts;

namespace Saraban.Documents.Rendering.Pdf;

/// <summary>
/// Hands PdfSharp our letter fonts. PdfSharp accepts one font resolver per process and only before
/// its first font is used, so this is the one process-wide object of the rendering code: set once,
/// it then only ever gains faces (thread-safe), never changes one.
/// </summary>
internal sealed class PdfSharpFonts : IFontResolver
{
    public const string Family = "SarabanLetter";

    private static readonly Lazy<PdfSharpFonts> Instance = new(() =>
    {
        var resolver = new PdfSharpFonts();
        GlobalFontSettings.FontResolver = resolver;
        return resolver;
    });

    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    private PdfSharpFonts()
    {
    }

    /// <summary>Registers the faces and returns a key under which to ask for them.</summary>
    public static string Register(LetterFonts fonts)
    {
        var instance = Instance.Value;
        var key = $"{Family}-{fonts.Regular.Name}-{fonts.Bold.Name}-{fonts.GetHashCode():x}";
        instance._faces.TryAdd(key, fonts.Regular.Bytes);
        instance._faces.TryAdd(key + "-Bold", fonts.Bold.Bytes);
        return key;
    }

    public static XFont Font(string family, double size, bool bold) =>
        new(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        _faces.ContainsKey(familyName) ? new FontResolverInfo(bold ? familyName + "-Bold" : familyName) : null;

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}

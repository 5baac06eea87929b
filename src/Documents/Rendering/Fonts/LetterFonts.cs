using Saraban.Documents.Rendering.Thai;

namespace Saraban.Documents.Rendering.Fonts;

/// <summary>
/// Regular and bold faces of the letter font, loaded once and shared by every render, each with
/// its HarfBuzz shaper and the subsetter that cuts it down for embedding.
/// </summary>
public sealed class LetterFonts : IDisposable
{
    /// <summary>Where Debian's fonts-tlwg-laksaman-ttf puts its files.</summary>
    public const string DebianDirectory = "/usr/share/fonts/truetype/tlwg";

    /// <summary>Makes Laksaman's em match TH Sarabun New's, so 16 pt is the regulation's 16 pt.</summary>
    public const int SarabunUnitsPerEm = 1504;

    private readonly GlyphShaper _regularShaper;
    private readonly GlyphShaper _boldShaper;

    public LetterFonts(TrueTypeFace regular, TrueTypeFace bold)
    {
        Regular = regular;
        Bold = bold;
        RegularSubset = new FontSubset(regular.Bytes);
        BoldSubset = new FontSubset(bold.Bytes);
        _regularShaper = new GlyphShaper(regular, RegularSubset);
        _boldShaper = new GlyphShaper(bold, BoldSubset);
    }

    public TrueTypeFace Regular { get; }

    public TrueTypeFace Bold { get; }

    internal FontSubset RegularSubset { get; }

    internal FontSubset BoldSubset { get; }

    public TrueTypeFace Face(bool bold) => bold ? Bold : Regular;

    public GlyphShaper Shaper(bool bold) => bold ? _boldShaper : _regularShaper;

    internal FontSubset Subset(bool bold) => bold ? BoldSubset : RegularSubset;

    /// <summary>Laksaman from <paramref name="directory"/> (default: Debian's), sized as TH Sarabun New.</summary>
    public static LetterFonts LoadLaksaman(string directory = DebianDirectory) => new(
        TrueTypeFace.Load(Path.Combine(directory, "Laksaman.ttf"), SarabunUnitsPerEm),
        TrueTypeFace.Load(Path.Combine(directory, "Laksaman-Bold.ttf"), SarabunUnitsPerEm));

    public void Dispose()
    {
        _regularShaper.Dispose();
        _boldShaper.Dispose();
    }
}

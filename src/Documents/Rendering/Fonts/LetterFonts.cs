namespace Saraban.Documents.Rendering.Fonts;

/// <summary>Regular and bold faces of the letter font, loaded once and shared by every render.</summary>
public sealed class LetterFonts
{
    /// <summary>Where Debian's fonts-tlwg-laksaman-ttf puts its files.</summary>
    public const string DebianDirectory = "/usr/share/fonts/truetype/tlwg";

    /// <summary>Makes Laksaman's em match TH Sarabun New's, so 16 pt is the regulation's 16 pt.</summary>
    public const int SarabunUnitsPerEm = 1504;

    public LetterFonts(TrueTypeFace regular, TrueTypeFace bold)
    {
        Regular = regular;
        Bold = bold;
    }

    public TrueTypeFace Regular { get; }

    public TrueTypeFace Bold { get; }

    public TrueTypeFace Face(bool bold) => bold ? Bold : Regular;

    /// <summary>Laksaman from <paramref name="directory"/> (default: Debian's), sized as TH Sarabun New.</summary>
    public static LetterFonts LoadLaksaman(string directory = DebianDirectory) => new(
        TrueTypeFace.Load(Path.Combine(directory, "Laksaman.ttf"), SarabunUnitsPerEm),
        TrueTypeFace.Load(Path.Combine(directory, "Laksaman-Bold.ttf"), SarabunUnitsPerEm));
}

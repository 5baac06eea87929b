namespace Saraban.Documents.Rendering.Thai;

/// <summary>
/// A shaped line: its glyphs in drawing order, the text index each came from (HarfBuzz's
/// cluster: a consonant with its marks is one), and where each glyph's origin sits from the run's
/// start, in font units. <see cref="Advance"/> is the run's natural width.
/// </summary>
public sealed record ShapedRun(string Text, ushort[] Glyphs, int[] Clusters, int[] X, int[] Y, int Advance)
{
    /// <summary>
    /// Where spacing may go: before each glyph that starts a new cluster (not the first, and not
    /// after the last), the places Thai distributed justification spreads a line's slack over.
    /// </summary>
    public int Gaps
    {
        get
        {
            var gaps = 0;
            for (var i = 1; i < Glyphs.Length; i++)
            {
                if (Clusters[i] != Clusters[i - 1])
                {
                    gaps++;
                }
            }

            return gaps;
        }
    }

    /// <summary>
    /// The glyph origins with <paramref name="extra"/> font units added at every cluster boundary:
    /// the marks of a cluster move with their base, so no cluster is ever pulled apart.
    /// </summary>
    public int[] Spaced(double extra)
    {
        var x = new int[X.Length];
        var gaps = 0;
        for (var i = 0; i < X.Length; i++)
        {
            if (i > 0 && Clusters[i] != Clusters[i - 1])
            {
                gaps++;
            }

            x[i] = X[i] + (int)Math.Round(gaps * extra);
        }

        return x;
    }
}

using System.Text.Json;
using Saraban.Documents.Reading;

namespace Saraban.Documents.Tests.Rendering;

/// <summary>A rendered letter read back by the intake reader gives the fields it was rendered from.</summary>
[Collection("renderer")]
public sealed class when_reading_back_a_rendered_letter(RendererFixture fixture)
{
    [Theory]
    [InlineData("circular")]
    [InlineData("external-letter")]
    [InlineData("memo")]
    public void the_intake_reader_finds_the_same_fields(string kind)
    {
        var letter = Paths.Letter(kind);
        var file = Path.Combine(Path.GetTempPath(), $"saraban-readback-{Guid.NewGuid():N}.pdf");
        try
        {
            fixture.Renderer.RenderToFile(letter, file);
            var read = Assert.Single(LetterReader.ReadFile(file).Letters).Fields;
            // The reader cannot see what only the letterhead image or the renderer knows.
            var expected = letter.Fields with { Kind = read.Kind, Body = [] };
            if (kind == "memo")
            {
                // A memo prints its owning unit in the heading, where the reader takes it as the sender's.
                expected = expected with { OwningUnit = read.OwningUnit };
            }

            Assert.Equal(JsonSerializer.Serialize(expected, LetterJson.Indented), JsonSerializer.Serialize(read, LetterJson.Indented));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

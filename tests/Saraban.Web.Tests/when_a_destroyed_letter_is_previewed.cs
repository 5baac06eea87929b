using Saraban.Documents.Rendering;
using Saraban.Web.Letters;
using Saraban.Workflow.Letters;
using Saraban.Workflow.Retention;

namespace Saraban.Web.Tests;

/// <summary>
/// A node keeps recent letters laid out for their pages' previews. Destruction erases a letter's
/// text in place, without a new version: the preview must not outlive it on any node.
/// </summary>
public sealed class when_a_destroyed_letter_is_previewed
{
    [Fact]
    public void the_preview_kept_before_the_destruction_is_not_served_after_it()
    {
        using var renderer = new LetterRenderer(new RenderOptions { TemplateDirectory = global::Saraban.Web.Cli.RenderCommand.FindTemplates() });
        var printing = new LetterPrinting(renderer, "https://saraban.example/V");
        var content = new LetterContent(LetterKind.Circular, Urgency.MostUrgent, Secrecy.None, "ขอเชิญประชุมคณะกรรมการน้ำบาดาลจังหวัด",
            "ผู้ว่าราชการจังหวัด ทุกจังหวัด", [], [], [], ["ด้วยกรมทรัพยากรน้ำบาดาลกำหนดประชุมคณะกรรมการ", "จึงเรียนมาเพื่อโปรดทราบ"],
            "กรมทรัพยากรน้ำบาดาล", "โทร. ๐ ๒๒๘๓ ๔๐๐๐");
        var arrived = new LetterArrived("prov-53", ArrivalChannel.Electronic, "letter-1", "pmo-ops", "สำนักนายกรัฐมนตรี", "๑๒", new DateOnly(2010, 3, 1),
            content, "letter-1", null, "นายสมชาย ใจดี", ["อธิบดีกรมทรัพยากรน้ำบาดาล"]);
        const string stream = "in-prov-53-letter-1";

        var before = printing.Layout(arrived, null, stream);
        Assert.Contains(before!.Texts("subject"), t => t.Item.Text.Contains("น้ำบาดาล"));
        Assert.Same(before, printing.Layout(arrived, null, stream)); // kept: the page's second view lays out nothing

        var erased = arrived with { Content = content with { Subject = ContentErasure.Marker, AddresseeLine = "", Body = [] } };
        Assert.Null(printing.Layout(erased, null, stream));
        // Erased text that still leaves a body (another erasure's shape) is laid out anew, not taken from before.
        var marked = arrived with { Content = content with { Subject = ContentErasure.Marker } };
        Assert.DoesNotContain(printing.Layout(marked, null, stream)!.Texts("subject"), t => t.Item.Text.Contains("น้ำบาดาล"));
    }
}

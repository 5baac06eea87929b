using Saraban.Workflow.Access;
using Saraban.Workflow.Routing;

namespace Saraban.Workflow.Tests.Routing;

public sealed class when_reading_routing_files
{
    private const string Good = """
        # comment
        workflow demo
        version 2
        title ทดลอง
        step register by clerk then decide due 1d
        step decide by head, deputy then dispatch due 12h
        step dispatch by clerk end
        """;

    [Fact]
    public void a_well_formed_file_gives_its_steps_in_order()
    {
        var d = RoutingFile.Parse(Good, "demo.flow");

        Assert.Equal(("demo", 2, "ทดลอง"), (d.Name, d.Version, d.Title));
        Assert.Equal(["register", "decide", "dispatch"], d.Steps.Select(s => s.Name));
        Assert.Equal([Role.Head, Role.Deputy], d.Step("decide").Roles);
        Assert.Equal(TimeSpan.FromHours(12), d.Step("decide").Due);
        Assert.Null(d.Step("dispatch").Next);
    }

    [Fact]
    public void the_routings_shipped_with_the_program_all_load()
    {
        var catalog = RoutingCatalog.Load(Path.Combine(AppContext.BaseDirectory, "workflows"));

        Assert.Equal(["district-forward", "lao-acknowledge", "province-forward", "province-forward-two-level"], catalog.All.Select(d => d.Name).Order());
        Assert.Equal(Role.Deputy, catalog.Latest("province-forward-two-level").Step("screen").Roles.Single());
    }

    [Theory]
    [InlineData("step decide by head then nowhere", 6, "unknown step 'nowhere'")]
    [InlineData("step decide by governor then dispatch", 6, "unknown role")]
    [InlineData("step decide by head then register", 6, "loops back to 'register'")]
    [InlineData("stepp decide by head then dispatch", 6, "expected workflow, version, title or step")]
    [InlineData("step decide by head then dispatch due 0d", 6, "more than zero")]
    [InlineData("step decide by head", 6, "expected that shape")]
    [InlineData("step register by head then dispatch", 6, "appears twice")]
    public void a_broken_step_is_refused_with_its_file_and_line(string decideLine, int line, string message)
    {
        var text = Good.Replace("step decide by head, deputy then dispatch due 12h", decideLine);
        var ex = Assert.Throws<RoutingFileException>(() => RoutingFile.Parse(text, "demo.flow"));

        Assert.StartsWith($"demo.flow:{line}:", ex.Message);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_step_nothing_leads_to_is_refused_as_unreachable()
    {
        var text = Good + "\nstep archive by clerk end\n";
        var ex = Assert.Throws<RoutingFileException>(() => RoutingFile.Parse(text, "demo.flow"));
        Assert.Contains("'archive' cannot be reached", ex.Message);
        Assert.StartsWith("demo.flow:8:", ex.Message);
    }

    [Fact]
    public void a_file_without_a_version_is_refused()
    {
        var ex = Assert.Throws<RoutingFileException>(() => RoutingFile.Parse(Good.Replace("version 2", ""), "demo.flow"));
        Assert.Contains("no 'version N' line", ex.Message);
    }

    [Fact]
    public void a_folder_with_one_broken_file_is_refused_naming_it()
    {
        var folder = Path.Combine(global::Saraban.Tests.Shared.Scratch.Folder, Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.flow"), Good);
        File.WriteAllText(Path.Combine(folder, "b.flow"), Good.Replace("by clerk then decide", "by janitor then decide"));

        var ex = Assert.Throws<RoutingFileException>(() => RoutingCatalog.Load(folder));

        Assert.StartsWith("b.flow:5:", ex.Message);
    }
}

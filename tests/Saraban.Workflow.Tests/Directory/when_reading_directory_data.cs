using Saraban.Workflow.Directory;

namespace Saraban.Workflow.Tests.Directory;

public sealed class when_reading_directory_data
{
    private const string Header = "id,type,name,parent_id,province_code,letter_prefix,address,head_title,mailbox";

    private static IReadOnlyList<Organization> Parse(string text) => DirectoryCsv.Parse(new StringReader(text), "test.csv");

    [Fact]
    public void quoted_fields_may_hold_commas_and_quotes()
    {
        var list = Parse(Header + "\nx,district,\"อำเภอ \"\"ก\"\", ข\",,อต,อต ๐๔๐๑,addr,นายอำเภอ,\n");

        Assert.Equal("อำเภอ \"ก\", ข", list.Single().Name);
        Assert.Null(list.Single().ParentId);
        Assert.Null(list.Single().Mailbox);
    }

    [Fact]
    public void the_central_mailbox_is_read_from_its_column()
    {
        var office = Parse(Header + "\nx,district,อำเภอเมือง,,อต,อต ๐๔๐๑,addr,นายอำเภอ,saraban@x.invalid\n").Single();

        Assert.Equal("saraban@x.invalid", office.Mailbox);
        Assert.All(DirectoryCsv.LoadShipped(), o => Assert.StartsWith("saraban@", o.Mailbox));
    }

    [Theory]
    [InlineData("id,type\n", "test.csv:1")]
    [InlineData(Header + "\nx,district,name\n", "test.csv:2")]
    [InlineData(Header + "\nx,ministry,n,,,อต ๐๔๐๑,a,h,\n", "unknown organization type")]
    [InlineData(Header + "\nx,district,\"open,,,อต ๐๔๐๑,a,h,\n", "unclosed quote")]
    [InlineData(Header + "\nx,district,n,,อต,อต ๐๔๐๑,a,h,saraban at x\n", "bad mailbox")]
    public void a_broken_file_is_refused_naming_file_and_line(string text, string message)
    {
        var ex = Assert.Throws<DirectoryException>(() => Parse(text));
        Assert.Contains(message, ex.Message);
    }
}

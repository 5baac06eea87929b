using Saraban.Workflow.Directory;

namespace Saraban.Workflow.Tests.Directory;

public sealed class when_resolving_addressee_groups
{
    private static readonly Lazy<DirectoryView> National = new(() =>
    {
        var view = DirectoryView.Empty;
        foreach (var e in OrganizationDirectory.DecideRegister(view, DirectoryCsv.LoadShipped())) view.Apply(e, DateTimeOffset.UnixEpoch);
        return view;
    });

    private static DirectoryView Directory => National.Value;

    [Fact]
    public void the_pm_office_reaches_all_76_governors()
    {
        var provinces = AddresseeGroup.AllProvinces.Resolve(Directory);

        Assert.Equal(76, provinces.Count);
        Assert.Contains(provinces, p => p.Name == "จังหวัดอุตรดิตถ์" && p.ProvinceCode == "อต" && p.HeadTitle == "ผู้ว่าราชการจังหวัดอุตรดิตถ์");
    }

    [Fact]
    public void a_province_reaches_its_districts_and_its_province_level_locals()
    {
        var districts = AddresseeGroup.DistrictsOf("prov-53").Resolve(Directory);
        var locals = AddresseeGroup.ProvinceLocalsOf("prov-53").Resolve(Directory);

        Assert.Equal(9, districts.Count);
        Assert.All(districts, d => Assert.StartsWith("นายอำเภอ", d.HeadTitle));
        Assert.Contains(locals, l => l.Type == OrganizationType.ProvincialAdministrativeOrganization);
    }

    [Fact]
    public void pattaya_is_reached_by_chonburi_like_a_city_municipality()
    {
        Assert.Contains(AddresseeGroup.ProvinceLocalsOf("prov-20").Resolve(Directory), o => o.Type == OrganizationType.Pattaya);
    }

    [Fact]
    public void the_cascade_reaches_every_local_office_exactly_once()
    {
        var reached = new List<Organization>();
        foreach (var province in AddresseeGroup.AllProvinces.Resolve(Directory))
        {
            reached.AddRange(AddresseeGroup.ProvinceLocalsOf(province.Id).Resolve(Directory));
            foreach (var district in AddresseeGroup.DistrictsOf(province.Id).Resolve(Directory))
                reached.AddRange(AddresseeGroup.LocalsOf(district.Id).Resolve(Directory));
        }
        reached.Add(Directory.All.Single(o => o.Type == OrganizationType.Bangkok)); // addressed by the PM Office directly

        Assert.Equal(7850, reached.Count);
        Assert.Equal(7850, reached.Select(o => o.Id).Distinct().Count());
        Assert.All(reached, o => Assert.True(o.Type.IsLocal()));
    }

    [Fact]
    public void every_local_office_knows_its_province()
    {
        Assert.All(Directory.All.Where(o => o.Type.IsLocal() && o.Type != OrganizationType.Bangkok),
            o => Assert.Equal(o.ProvinceCode, Directory.ProvinceOf(o.Id)!.ProvinceCode));
    }

    [Theory]
    [InlineData("locals-of:prov-53", "needs a district")]
    [InlineData("districts-of:dist-5301", "needs a province")]
    [InlineData("everyone", "unknown addressee group")]
    [InlineData("districts-of:", "unknown addressee group")]
    public void a_group_that_does_not_fit_the_directory_is_a_clear_error(string text, string message)
    {
        var ex = Assert.Throws<DirectoryException>(() => AddresseeGroup.Parse(text).Resolve(Directory));
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void groups_round_trip_through_their_text_form()
    {
        Assert.Equal(AddresseeGroup.LocalsOf("dist-5301"), AddresseeGroup.Parse(AddresseeGroup.LocalsOf("dist-5301").ToString()));
    }
}

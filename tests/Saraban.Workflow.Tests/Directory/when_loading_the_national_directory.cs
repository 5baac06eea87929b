using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;
using Saraban.Workflow.Tests.EventStore;

namespace Saraban.Workflow.Tests.Directory;

public abstract class when_loading_the_national_directory(Backend backend)
{
    private static readonly EventTypes Types = OrganizationDirectory.Register(new EventTypes());
    private static readonly EventMetadata Admin = new("admin", "pmo-ops", Guid.NewGuid(), null);

    [Fact]
    public async Task every_office_of_the_cascade_is_registered_once()
    {
        await using var store = await backend.NewStoreAsync();
        var directory = new DirectoryService(store, Types);

        var added = await directory.ImportShippedAsync(Admin);
        var again = await directory.ImportShippedAsync(Admin);

        Assert.Equal(8806, added);
        Assert.Equal(0, again);
        var view = directory.Current;
        int Count(OrganizationType t) => view.All.Count(o => o.Type == t);
        Assert.Equal(76, Count(OrganizationType.Province));
        Assert.Equal(878, Count(OrganizationType.District));
        Assert.Equal([76, 30, 195, 2247, 5300, 1, 1], new[]
        {
            OrganizationType.ProvincialAdministrativeOrganization, OrganizationType.CityMunicipality, OrganizationType.TownMunicipality,
            OrganizationType.SubdistrictMunicipality, OrganizationType.SubdistrictAdministrativeOrganization, OrganizationType.Bangkok, OrganizationType.Pattaya,
        }.Select(Count));
        Assert.Equal(7850, view.All.Count(o => o.Type.IsLocal()));
    }

    [Fact]
    public async Task another_node_sees_the_directory_and_its_changes()
    {
        await using var store = await backend.NewStoreAsync();
        var nodeA = new DirectoryService(store, Types);
        var nodeB = new DirectoryService(store, Types);
        await nodeA.ImportShippedAsync(Admin);

        await nodeB.RenameAsync("dist-5302", "อำเภอตรอนใหม่", "นายอำเภอตรอนใหม่", Admin);
        var seenByA = (await nodeA.RefreshAsync()).Get("dist-5302");

        Assert.Equal("อำเภอตรอนใหม่", seenByA.Name);
        Assert.Equal(8806, nodeA.Current.Count);
    }

    [Fact]
    public async Task a_letter_sent_before_a_rename_keeps_the_old_name()
    {
        await using var store = await backend.NewStoreAsync();
        var directory = new DirectoryService(store, Types);
        await directory.ImportShippedAsync(Admin);
        var sentAt = DateTimeOffset.UtcNow;
        await Task.Delay(20);

        await directory.RenameAsync("dist-5302", "อำเภอตรอนใหม่", "นายอำเภอตรอนใหม่", Admin);

        Assert.Equal("อำเภอตรอน", directory.Current.FindAsOf("dist-5302", sentAt)!.Name);
        Assert.Equal("อำเภอตรอนใหม่", directory.Current.Get("dist-5302").Name);
    }

    [Fact]
    public async Task an_sao_upgraded_to_a_municipality_keeps_its_id_and_place()
    {
        await using var store = await backend.NewStoreAsync();
        var directory = new DirectoryService(store, Types);
        await directory.ImportShippedAsync(Admin);
        var sao = directory.Current.All.First(o => o.Type == OrganizationType.SubdistrictAdministrativeOrganization);
        var tambon = sao.Name["องค์การบริหารส่วนตำบล".Length..];

        await directory.ChangeTypeAsync(sao.Id, OrganizationType.SubdistrictMunicipality, "เทศบาลตำบล" + tambon, "นายกเทศมนตรีตำบล" + tambon, Admin);

        var now = directory.Current.Get(sao.Id);
        Assert.Equal(OrganizationType.SubdistrictMunicipality, now.Type);
        Assert.Contains(now, AddresseeGroup.LocalsOf(sao.ParentId!).Resolve(directory.Current));
    }

    [Fact]
    public async Task bad_changes_are_refused_and_nothing_is_stored()
    {
        await using var store = await backend.NewStoreAsync();
        var directory = new DirectoryService(store, Types);
        await directory.ImportShippedAsync(Admin);
        var before = await store.HeadPositionAsync();
        var municipality = directory.Current.All.First(o => o.Type == OrganizationType.SubdistrictMunicipality);

        var downgrade = await Assert.ThrowsAsync<DirectoryException>(() =>
            directory.ChangeTypeAsync(municipality.Id, OrganizationType.SubdistrictAdministrativeOrganization, "x", "y", Admin));
        var unknown = await Assert.ThrowsAsync<DirectoryException>(() => directory.RenameAsync("dist-9999", "x", "y", Admin));
        var prefix = await Assert.ThrowsAsync<DirectoryException>(() => directory.SetLetterPrefixAsync("prov-53", "อต/๐๐๒๓", Admin));
        var duplicate = await Assert.ThrowsAsync<DirectoryException>(() => directory.RegisterAsync(
            [new Organization("prov-53", OrganizationType.Province, "จังหวัดซ้ำ", "pmo-ops", "อต", "อต ๐๐๑๗", "", "ผู้ว่าราชการจังหวัด")], Admin));

        Assert.Contains("cannot become", downgrade.Message);
        Assert.Contains("unknown organization", unknown.Message);
        Assert.Contains("prov-53", prefix.Message);
        Assert.Contains("exists already", duplicate.Message);
        Assert.Equal(before, await store.HeadPositionAsync());
    }

    [Fact]
    public async Task a_letter_prefix_typed_with_western_digits_is_stored_in_thai_digits()
    {
        await using var store = await backend.NewStoreAsync();
        var directory = new DirectoryService(store, Types);
        await directory.ImportShippedAsync(Admin);

        await directory.SetLetterPrefixAsync("prov-53", "อต0023.10", Admin);

        Assert.Equal("อต ๐๐๒๓.๑๐", directory.Current.Get("prov-53").LetterPrefix);
    }
}

public sealed class when_loading_the_national_directory_on_sqlite() : when_loading_the_national_directory(new SqliteBackend());
public sealed class when_loading_the_national_directory_on_postgres() : when_loading_the_national_directory(new PostgresBackend());

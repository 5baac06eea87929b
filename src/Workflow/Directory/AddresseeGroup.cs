namespace Saraban.Workflow.Directory;

/// <summary>
/// Who a circular goes to, named the way offices name it ("ผู้ว่าราชการจังหวัด ทุกจังหวัด").
/// Written as text in routing files and the API: <c>all-provinces</c>, <c>districts-of:prov-53</c>,
/// <c>province-locals-of:prov-53</c> (its อบจ., city municipalities and Pattaya), <c>locals-of:dist-5301</c>
/// (the district's municipalities and อบต.).
/// </summary>
public sealed record AddresseeGroup(string Kind, string? Of)
{
    public static readonly AddresseeGroup AllProvinces = new("all-provinces", null);
    public static AddresseeGroup DistrictsOf(string provinceId) => new("districts-of", provinceId);
    public static AddresseeGroup ProvinceLocalsOf(string provinceId) => new("province-locals-of", provinceId);
    public static AddresseeGroup LocalsOf(string districtId) => new("locals-of", districtId);

    public override string ToString() => Of is null ? Kind : $"{Kind}:{Of}";

    public static AddresseeGroup Parse(string text)
    {
        var parts = text.Trim().Split(':', 2);
        var group = new AddresseeGroup(parts[0], parts.Length > 1 ? parts[1] : null);
        return group.Kind switch
        {
            "all-provinces" when group.Of is null => group,
            "districts-of" or "province-locals-of" or "locals-of" when !string.IsNullOrWhiteSpace(group.Of) => group,
            _ => throw new DirectoryException($"ไม่รู้จักกลุ่มผู้รับ '{text}' (unknown addressee group; use all-provinces, districts-of:<province>, province-locals-of:<province>, locals-of:<district>)."),
        };
    }

    /// <summary>The offices the group names today, in directory order.</summary>
    public IReadOnlyList<Organization> Resolve(DirectoryView directory) => Kind switch
    {
        "all-provinces" => directory.All.Where(o => o.Type == OrganizationType.Province).ToList(),
        "districts-of" => Children(directory, OrganizationType.Province, t => t == OrganizationType.District),
        "province-locals-of" => Children(directory, OrganizationType.Province, t => t is OrganizationType.ProvincialAdministrativeOrganization
            or OrganizationType.CityMunicipality or OrganizationType.Pattaya),
        "locals-of" => Children(directory, OrganizationType.District, t => t.IsLocal()),
        _ => throw new DirectoryException($"unknown addressee group '{this}'"),
    };

    private List<Organization> Children(DirectoryView directory, OrganizationType parentType, Func<OrganizationType, bool> wanted)
    {
        var parent = directory.Get(Of!);
        if (parent.Type != parentType)
            throw new DirectoryException($"'{parent.Name}' ไม่ใช่{parentType.ThaiName()} ({this} needs a {parentType.Code()}).");
        return directory.ChildrenOf(parent.Id).Where(o => wanted(o.Type)).ToList();
    }
}

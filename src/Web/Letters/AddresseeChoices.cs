using Saraban.Workflow.Directory;

namespace Saraban.Web.Letters;

/// <summary>One choice of the addressee picker: a group (ทุกอำเภอในจังหวัด…) or an office, with what lies below it.</summary>
public sealed record AddresseeChoice(string Value, string Label, bool Group, IReadOnlyList<AddresseeChoice> Below);

/// <summary>
/// The addressees an office would write to, as a tree for the picker (ผู้รับ): the PM Office the
/// provinces; a province its districts (and each district's local offices), its อบจ. and city
/// municipalities; a district its local offices. The groups come first, since a circular goes to them.
/// </summary>
internal static class AddresseeChoices
{
    public static IReadOnlyList<AddresseeChoice> For(DirectoryView directory, Organization office)
    {
        switch (office.Type)
        {
            case OrganizationType.PmOffice or OrganizationType.Unit:
                var provinces = AddresseeGroup.AllProvinces.Resolve(directory);
                return [new(AddresseeGroup.AllProvinces.ToString(), $"ผู้ว่าราชการจังหวัด ทุกจังหวัด ({Pages.Show.N(provinces.Count)} แห่ง)", true,
                    provinces.Select(p => Office(p)).ToList())];
            case OrganizationType.Province:
                var districts = AddresseeGroup.DistrictsOf(office.Id).Resolve(directory);
                var direct = AddresseeGroup.ProvinceLocalsOf(office.Id).Resolve(directory);
                return
                [
                    new(AddresseeGroup.DistrictsOf(office.Id).ToString(), $"นายอำเภอ ทุกอำเภอ ({Pages.Show.N(districts.Count)} อำเภอ)", true,
                        districts.Select(d => Office(d, [new(AddresseeGroup.LocalsOf(d.Id).ToString(), $"อปท. ทุกแห่งใน{d.Name}", true, [])])).ToList()),
                    new(AddresseeGroup.ProvinceLocalsOf(office.Id).ToString(), $"อบจ. และเทศบาลนครที่จังหวัดแจ้งโดยตรง ({Pages.Show.N(direct.Count)} แห่ง)", true,
                        direct.Select(o => Office(o)).ToList()),
                ];
            case OrganizationType.District:
                var locals = AddresseeGroup.LocalsOf(office.Id).Resolve(directory);
                return [new(AddresseeGroup.LocalsOf(office.Id).ToString(), $"อปท. ทุกแห่งในอำเภอ ({Pages.Show.N(locals.Count)} แห่ง)", true,
                    locals.Select(o => Office(o)).ToList())];
            default:
                return office.ParentId is { } parent && directory.Find(parent) is { } up ? [Office(up)] : [];
        }
    }

    private static AddresseeChoice Office(Organization o, IReadOnlyList<AddresseeChoice>? below = null) => new(o.Id, o.Name, false, below ?? []);
}

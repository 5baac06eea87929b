namespace Saraban.Workflow.Directory;

/// <summary>The kinds of office a circular passes through, with the codes the directory data uses.</summary>
public enum OrganizationType
{
    /// <summary>สำนักงานปลัดสำนักนายกรัฐมนตรี</summary>
    PmOffice,
    /// <summary>A unit inside an office, e.g. สำนักงาน ก.ก.ถ.</summary>
    Unit,
    /// <summary>จังหวัด (the governor's office)</summary>
    Province,
    /// <summary>อำเภอ</summary>
    District,
    /// <summary>องค์การบริหารส่วนจังหวัด (อบจ.)</summary>
    ProvincialAdministrativeOrganization,
    /// <summary>เทศบาลนคร</summary>
    CityMunicipality,
    /// <summary>เทศบาลเมือง</summary>
    TownMunicipality,
    /// <summary>เทศบาลตำบล</summary>
    SubdistrictMunicipality,
    /// <summary>องค์การบริหารส่วนตำบล (อบต.)</summary>
    SubdistrictAdministrativeOrganization,
    /// <summary>กรุงเทพมหานคร</summary>
    Bangkok,
    /// <summary>เมืองพัทยา</summary>
    Pattaya,
}

public static class OrganizationTypes
{
    private static readonly (OrganizationType Type, string Code, string Thai)[] Table =
    [
        (OrganizationType.PmOffice, "pm-office", "สำนักนายกรัฐมนตรี"),
        (OrganizationType.Unit, "unit", "หน่วยงานภายใน"),
        (OrganizationType.Province, "province", "จังหวัด"),
        (OrganizationType.District, "district", "อำเภอ"),
        (OrganizationType.ProvincialAdministrativeOrganization, "pao", "องค์การบริหารส่วนจังหวัด"),
        (OrganizationType.CityMunicipality, "city-municipality", "เทศบาลนคร"),
        (OrganizationType.TownMunicipality, "town-municipality", "เทศบาลเมือง"),
        (OrganizationType.SubdistrictMunicipality, "subdistrict-municipality", "เทศบาลตำบล"),
        (OrganizationType.SubdistrictAdministrativeOrganization, "sao", "องค์การบริหารส่วนตำบล"),
        (OrganizationType.Bangkok, "bma", "กรุงเทพมหานคร"),
        (OrganizationType.Pattaya, "pattaya", "เมืองพัทยา"),
    ];

    public static string Code(this OrganizationType t) => Table.First(x => x.Type == t).Code;
    public static string ThaiName(this OrganizationType t) => Table.First(x => x.Type == t).Thai;

    public static OrganizationType Parse(string code) =>
        Table.FirstOrDefault(x => x.Code == code) is { Code: not null } hit ? hit.Type
            : throw new DirectoryException($"ไม่รู้จักประเภทหน่วยงาน '{code}' (unknown organization type).");

    /// <summary>Local administrative organizations (องค์กรปกครองส่วนท้องถิ่น, อปท.).</summary>
    public static bool IsLocal(this OrganizationType t) => t is OrganizationType.ProvincialAdministrativeOrganization
        or OrganizationType.CityMunicipality or OrganizationType.TownMunicipality or OrganizationType.SubdistrictMunicipality
        or OrganizationType.SubdistrictAdministrativeOrganization or OrganizationType.Bangkok or OrganizationType.Pattaya;

    /// <summary>
    /// The upgrades the law allows in place (an อบต. becomes a เทศบาลตำบล, a town becomes a city):
    /// the office keeps its id, letters and numbering.
    /// </summary>
    public static bool CanBecome(this OrganizationType from, OrganizationType to) => (from, to) is
        (OrganizationType.SubdistrictAdministrativeOrganization, OrganizationType.SubdistrictMunicipality) or
        (OrganizationType.SubdistrictMunicipality, OrganizationType.TownMunicipality) or
        (OrganizationType.TownMunicipality, OrganizationType.CityMunicipality);
}

/// <summary>An office that sends and receives letters.</summary>
/// <param name="LetterPrefix">รหัสหนังสือ, e.g. <c>อต ๐๐๒๓.๓</c>: data configured per office, never computed.</param>
/// <param name="HeadTitle">ตำแหน่งหัวหน้าส่วนราชการ, e.g. ผู้ว่าราชการจังหวัดอุตรดิตถ์: how letters address it.</param>
/// <param name="Mailbox">The central mailbox (saraban@…, every agency has one since the 2564 amendment): where reminders are mailed;
/// null for offices registered before the directory carried it.</param>
public sealed record Organization(
    string Id,
    OrganizationType Type,
    string Name,
    string? ParentId,
    string? ProvinceCode,
    string LetterPrefix,
    string Address,
    string HeadTitle,
    string? Mailbox = null);

public sealed class DirectoryException(string message) : DomainException(message);

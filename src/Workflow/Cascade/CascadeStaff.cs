using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Cascade;

/// <summary>
/// Simulated staff for every office: a clerk and a head everywhere; provinces, districts and the PM
/// Office also have a deputy with a delegation, so about half of them approve "ปฏิบัติราชการแทน".
/// </summary>
internal static class CascadeStaff
{
    public const string Password = "cascade-simulation";

    public static string Clerk(string office) => $"c.{office}";
    public static string Head(string office) => $"h.{office}";
    public static string Deputy(string office) => $"d.{office}";

    public static bool HasDeputy(Organization o) => o.Type is OrganizationType.Province or OrganizationType.District or OrganizationType.PmOffice;

    public static async Task EnsureAsync(AccessService access, DirectoryView directory, TimeProvider clock, CancellationToken ct)
    {
        await access.RefreshAsync(ct);
        var meta = new EventMetadata("cascade", "system", Guid.CreateVersion7(), null);
        var missing = directory.All.Where(o => access.Current.FindUser(Clerk(o.Id)) is null).ToList();
        var now = clock.GetUtcNow();
        if (missing.Count == 0)
        {
            // A log written on another timeline (the seed's 2567, or real time): the deputies act for their heads then too.
            var deputies = directory.All.Where(HasDeputy).Where(o => !access.Current.DelegationsOf(Deputy(o.Id)).Any(d => d.IsValidAt(now))).ToList();
            if (deputies.Count > 0)
                await access.GrantDelegationsAsync(deputies.Select(o => new AccessService.NewDelegation(Deputy(o.Id), o.Id, DelegationKind.ActingFor, now.AddDays(-1), now.AddYears(1))).ToList(), meta, ct);
            return;
        }
        var users = new List<AccessService.NewUser>();
        foreach (var o in missing)
        {
            users.Add(new(Clerk(o.Id), o.Id, $"เจ้าหน้าที่สารบรรณ {o.Name}", "เจ้าพนักงานธุรการ", [Role.Clerk]));
            users.Add(new(Head(o.Id), o.Id, $"หัวหน้า {o.Name}", o.HeadTitle, [Role.Head]));
            if (HasDeputy(o)) users.Add(new(Deputy(o.Id), o.Id, $"รองหัวหน้า {o.Name}", DeputyTitle(o), [Role.Deputy]));
        }
        await access.RegisterUsersAsync(users, Password, meta, ct);
        await access.GrantDelegationsAsync(missing.Where(HasDeputy)
            .Select(o => new AccessService.NewDelegation(Deputy(o.Id), o.Id, DelegationKind.ActingFor, now.AddDays(-1), now.AddYears(1))).ToList(), meta, ct);
    }

    private static string DeputyTitle(Organization o) => o.Type switch
    {
        OrganizationType.Province => "รองผู้ว่าราชการจังหวัด",
        OrganizationType.District => "ปลัดอำเภอ",
        _ => "รองปลัดสำนักนายกรัฐมนตรี",
    };
}

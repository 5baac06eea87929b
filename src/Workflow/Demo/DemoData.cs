using Saraban.Workflow.Access;
using Saraban.Workflow.Directory;
using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Demo;

/// <summary>
/// What `./saraban serve` needs to be tried at once: the national directory and a user for every
/// role in the example's offices (PM Office, Uttaradit province, its capital district, one LAO).
/// Only added to an empty directory or an office without users; never touches real accounts.
/// </summary>
public static class DemoData
{
    public const string Password = "saraban-demo";

    public sealed record DemoUser(string Id, string OrganizationId, string FullName, string Position, Role[] Roles);

    public static IReadOnlyList<DemoUser> Users(DirectoryView directory)
    {
        var lao = AddresseeGroup.LocalsOf("dist-5301").Resolve(directory)[0];
        return
        [
            new("pmo.clerk", "pmo-ops", "นางสาวกมลวรรณ รับส่ง", "เจ้าพนักงานธุรการชำนาญงาน", [Role.Clerk]),
            new("pmo.head", "pmo-ops", "นายปกรณ์ นำหน้า", "ปลัดสำนักนายกรัฐมนตรี", [Role.Head]),
            new("pmo.deputy", "pmo-ops", "นางพรทิพย์ แทนการ", "รองปลัดสำนักนายกรัฐมนตรี", [Role.Deputy]),
            new("pmo.admin", "pmo-ops", "นายดูแล ระบบดี", "นักวิชาการคอมพิวเตอร์", [Role.Admin]),
            new("odloc.tracker", "pmo-ops-odloc", "นางสาวติดตาม ทุกแห่ง", "นักวิเคราะห์นโยบายและแผนชำนาญการ", [Role.Tracker]),
            new("uttaradit.clerk", "prov-53", "นางสมศรี ใจดี", "เจ้าพนักงานธุรการ", [Role.Clerk]),
            new("uttaradit.governor", "prov-53", "นายชูชาติ กีฬาแปง", "ผู้ว่าราชการจังหวัดอุตรดิตถ์", [Role.Head]),
            new("uttaradit.vice", "prov-53", "นายวิชัย ศรีสุข", "รองผู้ว่าราชการจังหวัด", [Role.Deputy]),
            new("uttaradit.tracker", "prov-53", "นางสาวมาลี ดีงาม", "ท้องถิ่นจังหวัดอุตรดิตถ์", [Role.Tracker]),
            new("uttaradit.admin", "prov-53", "นายสมชาย ดูแลดี", "นักวิชาการคอมพิวเตอร์", [Role.Admin]),
            new("muang.clerk", "dist-5301", "นางสาวจันทร์เพ็ญ ลงรับ", "เจ้าพนักงานปกครอง", [Role.Clerk]),
            new("muang.chief", "dist-5301", "นายอำนาจ ปกครอง", "นายอำเภอเมืองอุตรดิตถ์", [Role.Head]),
            new("muang.deputy", "dist-5301", "นายปลัด ช่วยงาน", "ปลัดอำเภอ (หัวหน้าฝ่ายบริหารงานปกครอง)", [Role.Deputy]),
            new("muang.tracker", "dist-5301", "นางสาวท้องถิ่น อำเภอ", "ท้องถิ่นอำเภอเมืองอุตรดิตถ์", [Role.Tracker]),
            new("lao.clerk", lao.Id, "นางสาวสารบรรณ ท้องถิ่น", "นักจัดการงานทั่วไป", [Role.Clerk]),
            new("lao.head", lao.Id, "นายท้องถิ่น พัฒนา", lao.HeadTitle, [Role.Head]),
        ];
    }

    public static async Task<IReadOnlyList<DemoUser>> EnsureAsync(DirectoryService directory, AccessService access, TimeProvider clock, CancellationToken ct)
    {
        var system = new EventMetadata("system", "system", Guid.CreateVersion7(), null);
        await directory.ImportShippedAsync(system, ct);
        await access.RefreshAsync(ct);
        var users = Users(directory.Current);
        foreach (var u in users.Where(u => access.Current.FindUser(u.Id) is null))
            await access.RegisterUserAsync(u.Id, u.OrganizationId, u.FullName, u.Position, u.Roles, Password, system, ct);
        foreach (var deputy in users.Where(u => u.Roles.Contains(Role.Deputy)))
            if (!access.Current.DelegationsOf(deputy.Id).Any(d => d.IsValidAt(clock.GetUtcNow())))
                await access.GrantDelegationAsync(deputy.Id, deputy.OrganizationId, DelegationKind.ActingFor,
                    clock.GetUtcNow().AddMinutes(-1), clock.GetUtcNow().AddYears(1), system, ct);
        return users;
    }
}

using Saraban.Workflow.Directory;

namespace Saraban.Workflow.Access;

public enum Permission
{
    /// <summary>Read the office's letters: every role of the office, and nobody outside it.</summary>
    Read,
    RegisterIncoming,
    IssueOutgoing,
    Dispatch,
    WriteMinute,
    /// <summary>สั่งการ / ลงนาม: the head's decision or signature.</summary>
    Approve,
    Track,
    Administer,
}

/// <summary>Who is acting, and how they sign: the head in person, or a deputy for the head.</summary>
public sealed record Actor(UserAccount User, Organization Organization, Delegation? Delegation)
{
    /// <summary>The position lines under the signature, e.g. รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน / ผู้ว่าราชการจังหวัดอุตรดิตถ์.</summary>
    public IReadOnlyList<string> PositionLines => Delegation switch
    {
        null => [User.Position],
        { Kind: DelegationKind.ActingFor } => [$"{User.Position} ปฏิบัติราชการแทน", Organization.HeadTitle],
        _ => [$"{User.Position} รักษาราชการแทน", Organization.HeadTitle],
    };
}

/// <summary>Every read and write is checked here against the user's organization, role and delegation.</summary>
public static class Authorization
{
    public static Actor Authorize(AccessView access, DirectoryView directory, string userId, Permission permission, string organizationId, DateTimeOffset at)
    {
        var user = access.FindUser(userId) ?? throw new AccessDeniedException($"ไม่รู้จักผู้ใช้ '{userId}' (unknown user).");
        var organization = directory.Find(organizationId) ?? throw new AccessDeniedException($"ไม่พบหน่วยงานรหัส '{organizationId}' (unknown organization).");
        if (user.OrganizationId != organizationId)
            throw new AccessDeniedException($"{user.FullName} ไม่ได้สังกัด{organization.Name} จึงทำรายการแทนหน่วยงานนี้ไม่ได้ (user '{userId}' does not belong to '{organizationId}').");

        Role[] allowed = permission switch
        {
            Permission.RegisterIncoming or Permission.IssueOutgoing or Permission.Dispatch => [Role.Clerk],
            Permission.WriteMinute => [Role.Clerk, Role.Deputy, Role.Head],
            Permission.Approve => [Role.Head],
            Permission.Track => [Role.Tracker, Role.Head, Role.Deputy],
            Permission.Read => [Role.Clerk, Role.Head, Role.Deputy, Role.Tracker, Role.Admin],
            _ => [Role.Admin],
        };
        if (allowed.Any(user.Has)) return new Actor(user, organization, null);

        if (permission == Permission.Approve && user.Has(Role.Deputy))
        {
            var delegations = access.DelegationsOf(userId).Where(d => d.OrganizationId == organizationId).ToList();
            if (delegations.FirstOrDefault(d => d.IsValidAt(at)) is { } valid) return new Actor(user, organization, valid);
            var last = delegations.Where(d => !d.Revoked).MaxBy(d => d.ValidUntil);
            throw new AccessDeniedException(last switch
            {
                null when delegations.Count > 0 => $"การมอบอำนาจให้ {user.FullName} ถูกยกเลิกแล้ว (the delegation to '{userId}' was revoked).",
                null => $"{user.FullName} ยังไม่ได้รับมอบอำนาจให้ปฏิบัติราชการแทน (no delegation to '{userId}').",
                _ when last.ValidUntil <= at => $"การมอบอำนาจให้ {user.FullName} หมดอายุเมื่อ {Thai.ThaiDate.FormatFull(Thai.BangkokTime.DateOf(last.ValidUntil))} (the delegation to '{userId}' has expired).",
                _ => $"การมอบอำนาจให้ {user.FullName} ยังไม่เริ่มมีผล (the delegation to '{userId}' is not yet valid).",
            });
        }
        throw new AccessDeniedException(
            $"{user.FullName} ไม่มีสิทธิ์{ThaiName(permission)} ต้องเป็น{string.Join(" หรือ ", allowed.Select(r => r.ThaiName()))} (user '{userId}' may not {permission}).");
    }

    private static string ThaiName(Permission p) => p switch
    {
        Permission.RegisterIncoming => "ลงทะเบียนรับหนังสือ",
        Permission.IssueOutgoing => "ออกเลขหนังสือส่ง",
        Permission.Dispatch => "ส่งหนังสือ",
        Permission.WriteMinute => "เกษียนหนังสือ",
        Permission.Approve => "สั่งการหรือลงนาม",
        Permission.Track => "ติดตามงาน",
        Permission.Read => "อ่านหนังสือ",
        _ => "ดูแลระบบ",
    };
}

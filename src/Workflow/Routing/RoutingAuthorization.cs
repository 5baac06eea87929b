using Saraban.Workflow.Access;

namespace Saraban.Workflow.Routing;

public static class RoutingAuthorization
{
    /// <summary>
    /// A step names roles. A deputy listed beside the head acts only under a delegation valid now,
    /// and then signs for the head; any other listed role acts in person.
    /// </summary>
    public static Actor Authorize(AccessService access, string userId, RoutingStep step, string organizationId, DateTimeOffset now)
    {
        var member = access.Authorize(userId, Permission.Read, organizationId, now);
        if (step.Roles.Any(r => r != Role.Deputy && member.User.Has(r))) return member;
        if (step.Roles.Contains(Role.Deputy) && member.User.Has(Role.Deputy))
            return step.Roles.Contains(Role.Head) ? access.Authorize(userId, Permission.Approve, organizationId, now) : member;
        throw new AccessDeniedException($"ขั้นตอน '{step.Name}' เป็นงานของ{string.Join(" หรือ ", step.Roles.Select(r => r.ThaiName()))} ไม่ใช่ของ {member.User.FullName} (step '{step.Name}' is not for user '{userId}').");
    }
}

using Saraban.Workflow.EventStore;

namespace Saraban.Workflow.Access;

public enum Role
{
    /// <summary>เจ้าหน้าที่สารบรรณ: registers incoming and outgoing letters, dispatches.</summary>
    Clerk,
    /// <summary>หัวหน้าส่วนราชการ: decides and signs (ผู้ว่าราชการจังหวัด, นายอำเภอ, นายก…).</summary>
    Head,
    /// <summary>รองหัวหน้า: decides and signs for the head under a valid delegation (ปฏิบัติราชการแทน).</summary>
    Deputy,
    /// <summary>ผู้ติดตามงาน: follows who received and acted on circulars.</summary>
    Tracker,
    /// <summary>ผู้ดูแลระบบ: users, delegations, numbering at go-live.</summary>
    Admin,
}

/// <summary>How a deputy holds the head's power: ปฏิบัติราชการแทน (signing for), or รักษาราชการแทน (holding the office while the head is away).</summary>
public enum DelegationKind { ActingFor, ActingIn }

public sealed record UserRegistered(string UserId, string OrganizationId, string FullName, string Position, Role[] Roles, string PasswordHash);
public sealed record PasswordChanged(string UserId, string PasswordHash);
public sealed record RolesChanged(string UserId, Role[] Roles);
public sealed record DelegationGranted(Guid DelegationId, string DeputyUserId, string OrganizationId, DelegationKind Kind, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil);
public sealed record DelegationRevoked(Guid DelegationId);
/// <summary>A key the web nodes sign their sign-in cookies with (ASP.NET Core data protection), kept in the log so every node shares it.</summary>
public sealed record SessionKeyAdded(string Xml);

public sealed record UserAccount(string Id, string OrganizationId, string FullName, string Position, IReadOnlySet<Role> Roles, string PasswordHash)
{
    public bool Has(Role role) => Roles.Contains(role);
}

public sealed record Delegation(Guid Id, string DeputyUserId, string OrganizationId, DelegationKind Kind, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, bool Revoked)
{
    public bool IsValidAt(DateTimeOffset at) => !Revoked && ValidFrom <= at && at < ValidUntil;
}

public sealed class AccessDeniedException(string message) : DomainException(message);

public static class AccessEvents
{
    public const string StreamId = "access";

    public static EventTypes Register(EventTypes types) => types
        .Register<UserRegistered>("user-registered")
        .Register<PasswordChanged>("password-changed")
        .Register<RolesChanged>("roles-changed")
        .Register<DelegationGranted>("delegation-granted")
        .Register<DelegationRevoked>("delegation-revoked")
        .Register<SessionKeyAdded>("session-key-added");

    public static string ThaiName(this Role role) => role switch
    {
        Role.Clerk => "เจ้าหน้าที่สารบรรณ",
        Role.Head => "หัวหน้าส่วนราชการ",
        Role.Deputy => "รองหัวหน้าส่วนราชการ",
        Role.Tracker => "ผู้ติดตามงาน",
        _ => "ผู้ดูแลระบบ",
    };
}

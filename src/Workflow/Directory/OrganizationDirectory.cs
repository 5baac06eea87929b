using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Directory;

public sealed record OrganizationRegistered(Organization Organization);
/// <summary>A renamed office; letters already sent keep the old name.</summary>
public sealed record OrganizationRenamed(string Id, string Name, string HeadTitle);
/// <summary>An upgrade in place (อบต. → เทศบาลตำบล …), usually with a new name and head title.</summary>
public sealed record OrganizationTypeChanged(string Id, OrganizationType Type, string Name, string HeadTitle);
public sealed record LetterPrefixSet(string Id, string LetterPrefix);

/// <summary>The directory's decisions: pure functions of the current directory and a command.</summary>
public static class OrganizationDirectory
{
    public const string StreamId = "directory";

    public static EventTypes Register(EventTypes types) => types
        .Register<OrganizationRegistered>("organization-registered")
        .Register<OrganizationRenamed>("organization-renamed")
        .Register<OrganizationTypeChanged>("organization-type-changed")
        .Register<LetterPrefixSet>("letter-prefix-set");

    /// <summary>Registers offices in order: every parent must be known, or come earlier in the same list.</summary>
    public static IReadOnlyList<object> DecideRegister(DirectoryView directory, IReadOnlyList<Organization> organizations)
    {
        var added = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<object>(organizations.Count);
        foreach (var o in organizations)
        {
            if (string.IsNullOrWhiteSpace(o.Id) || string.IsNullOrWhiteSpace(o.Name))
                throw new DirectoryException("หน่วยงานต้องมีรหัสและชื่อ (an organization needs an id and a name).");
            if (directory.Find(o.Id) is not null || !added.Add(o.Id))
                throw new DirectoryException($"มีหน่วยงานรหัส '{o.Id}' อยู่แล้ว (organization '{o.Id}' exists already).");
            if (o.ParentId is { } parent && directory.Find(parent) is null && !added.Contains(parent))
                throw new DirectoryException($"ไม่พบหน่วยงานต้นสังกัด '{parent}' ของ '{o.Id}' (unknown parent organization).");
            events.Add(new OrganizationRegistered(o with { LetterPrefix = NormalizePrefix(o.LetterPrefix, o.Id) }));
        }
        return events;
    }

    public static OrganizationRenamed DecideRename(DirectoryView directory, string id, string name, string headTitle)
    {
        var o = Existing(directory, id);
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(headTitle))
            throw new DirectoryException("ชื่อหน่วยงานและตำแหน่งหัวหน้าต้องไม่ว่าง (name and head title are required).");
        if (name == o.Name && headTitle == o.HeadTitle)
            throw new DirectoryException($"'{o.Name}' มีชื่อนี้อยู่แล้ว (nothing to change).");
        return new OrganizationRenamed(id, name.Trim(), headTitle.Trim());
    }

    public static OrganizationTypeChanged DecideChangeType(DirectoryView directory, string id, OrganizationType type, string name, string headTitle)
    {
        var o = Existing(directory, id);
        if (!o.Type.CanBecome(type))
            throw new DirectoryException($"เปลี่ยน{o.Type.ThaiName()}เป็น{type.ThaiName()}ไม่ได้ (a {o.Type.Code()} cannot become a {type.Code()}).");
        return new OrganizationTypeChanged(id, type, name.Trim(), headTitle.Trim());
    }

    public static LetterPrefixSet DecideSetPrefix(DirectoryView directory, string id, string prefix)
    {
        Existing(directory, id);
        return new LetterPrefixSet(id, NormalizePrefix(prefix, id));
    }

    private static Organization Existing(DirectoryView directory, string id) =>
        directory.Find(id) ?? throw new DirectoryException($"ไม่พบหน่วยงานรหัส '{id}' (unknown organization).");

    private static string NormalizePrefix(string prefix, string id)
    {
        try { return new DocumentNumber(prefix, false, 1).Prefix; }
        catch (ThaiFormatException ex) { throw new DirectoryException($"รหัสหนังสือของ '{id}' ไม่ถูกต้อง: {ex.Message}"); }
    }
}

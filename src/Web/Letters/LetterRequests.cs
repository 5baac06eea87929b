using Saraban.Workflow;
using Saraban.Workflow.Directory;
using Saraban.Workflow.Letters;

namespace Saraban.Web.Letters;

public sealed record RegisterRequest(DateTimeOffset? ReceivedAt);
public sealed record MinuteRequest(string? Text);
public sealed record DecisionRequest(Decision Decision, string? Note);
public sealed record NoteRequest(string? Note);

/// <summary>A letter to draft, or this office's letter passing a received one on.</summary>
/// <param name="To">Offices by id, or groups: <c>districts-of:prov-53</c>, <c>province-locals-of:prov-53</c>, <c>locals-of:dist-5301</c>, <c>all-provinces</c>.</param>
public sealed record DraftRequest(
    LetterKind? Kind, Urgency? Urgency, Secrecy? Secrecy, string? Subject, string? AddresseeLine, IReadOnlyList<string>? Body,
    IReadOnlyList<string>? To, DateOnly? ActionDue, IReadOnlyList<string>? Enclosures, string? OwningUnit, string? Contacts)
{
    /// <summary>On a forward: enclose the received letter's files as this letter's own.</summary>
    public bool? CarryFiles { get; init; }

    public IReadOnlyList<string> Addressees(DirectoryView directory)
    {
        var ids = new List<string>();
        foreach (var item in To ?? [])
        {
            var text = item.Trim();
            if (text.Length == 0) continue;
            if (text.Contains(':') || text == "all-provinces") ids.AddRange(AddresseeGroup.Parse(text).Resolve(directory).Select(o => o.Id));
            else ids.Add(directory.Get(text).Id);
        }
        if (ids.Count == 0) throw new DomainException("ต้องระบุผู้รับ (name at least one addressee or group).");
        return ids.Distinct(StringComparer.Ordinal).ToList();
    }

    public LetterContent Content(LetterContent? basis = null) => new(
        Kind ?? basis?.Kind ?? LetterKind.ExternalLetter,
        Urgency ?? basis?.Urgency ?? Workflow.Letters.Urgency.None,
        Secrecy ?? basis?.Secrecy ?? Workflow.Letters.Secrecy.None,
        Trim(Subject) ?? basis?.Subject ?? "",
        Trim(AddresseeLine) ?? basis?.AddresseeLine ?? "",
        [],
        Enclosures?.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).ToList() ?? [],
        [],
        Body?.Where(b => !string.IsNullOrWhiteSpace(b)).Select(b => b.Trim()).ToList() is { Count: > 0 } body ? body : basis?.Body ?? [],
        Trim(OwningUnit) ?? basis?.OwningUnit ?? "",
        Trim(Contacts) ?? basis?.Contacts ?? "");

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Who an office passes a circular on to, unless the clerk says otherwise.</summary>
    public static IReadOnlyList<string> DefaultForwardGroups(Organization office) => office.Type switch
    {
        OrganizationType.Province => [AddresseeGroup.DistrictsOf(office.Id).ToString(), AddresseeGroup.ProvinceLocalsOf(office.Id).ToString()],
        OrganizationType.District => [AddresseeGroup.LocalsOf(office.Id).ToString()],
        _ => [],
    };

    public static string DefaultAddresseeLine(Organization office) => office.Type switch
    {
        OrganizationType.Province => "นายอำเภอ ทุกอำเภอ นายกองค์การบริหารส่วนจังหวัด และนายกเทศมนตรีนคร",
        OrganizationType.District => "นายกเทศมนตรี และนายกองค์การบริหารส่วนตำบล ทุกแห่ง",
        _ => "",
    };

    /// <summary>The body a forwarding letter starts from: it names the letter it passes on.</summary>
    public static IReadOnlyList<string> ForwardBody(LetterArrived received) =>
    [
        $"ด้วย{received.SenderName}ได้มีหนังสือ{received.DocumentNumber} ลงวันที่ {Workflow.Thai.ThaiDate.FormatFull(received.Date)} เรื่อง {received.Content.Subject} รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย",
        "จึงเรียนมาเพื่อทราบ และดำเนินการในส่วนที่เกี่ยวข้องต่อไป",
    ];
}

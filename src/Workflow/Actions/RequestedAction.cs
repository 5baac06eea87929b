using Saraban.Workflow.EventStore;
using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Actions;

/// <summary>The circular reached an office it asks to act: the office's own deadline (and session), from the letter it received.</summary>
/// <param name="Origin">The letter that first asked (the PM Office's circular): every office's action links to it.</param>
/// <param name="IncomingStreamId">The office's copy of the letter that asked it.</param>
public sealed record ActionAssigned(string OfficeId, string Origin, string Key, ActionKind Kind, string Title, IReadOnlyList<string> Forms,
    DateOnly? Opens, DateOnly Due, int? Session, IReadOnlyList<int> RemindDaysBefore, string IncomingStreamId, string DocumentNumber, DateTimeOffset ArrivedAt);
/// <summary>A later circular moved the deadline; it holds for this office from the moment that circular reached it.</summary>
public sealed record ActionDeadlineMoved(DateOnly Due, string IncomingStreamId, string DocumentNumber, DateTimeOffset EffectiveAt);
public enum FormStatus { NotStarted, InProgress, Submitted }
/// <summary>Where one form of a submission stands (ยังไม่เริ่ม, กำลังดำเนินการ, ส่งแล้ว): <see cref="At"/> is when it happened, as given.</summary>
public sealed record FormStatusRecorded(string Form, FormStatus Status, DateTimeOffset At, string By, string? Reference, bool Late, string RecordedBy);
/// <summary>One person the office nominates (ผู้เข้าร่วมประชุม).</summary>
public sealed record Nominee(string Name, string Position, string Phone, string Email);
/// <summary>The reply form, whole: a correction replaces the list.</summary>
public sealed record NomineesReplied(IReadOnlyList<Nominee> Nominees, DateTimeOffset At, bool Late, string RecordedBy);
public sealed record ActionConfirmed(DateTimeOffset At, bool Late, string RecordedBy);
/// <summary>A reminder went to the office, <see cref="DaysBefore"/> days before its deadline.</summary>
public sealed record ActionReminderSent(int DaysBefore, DateOnly Due, DateTimeOffset At, string? MailedTo);
/// <summary>The day after the deadline: the office's district and province were told it has not acted.</summary>
public sealed record ActionOverdueNotified(DateOnly Due, IReadOnlyList<string> NotifiedOffices, DateTimeOffset At);

/// <summary>
/// One office's part in one requested action (stream <c>act-{office}-{origin}-{key}</c>): its deadline
/// history, what it submitted or replied, by whom and when, and the reminders it was sent.
/// </summary>
public sealed record RequestedAction(long Version, ActionAssigned? Assignment, IReadOnlyList<ActionDeadlineMoved> Moves,
    IReadOnlyDictionary<string, FormStatusRecorded> Forms, NomineesReplied? Reply, ActionConfirmed? Confirmation,
    IReadOnlyList<ActionReminderSent> Reminders, ActionOverdueNotified? Overdue)
{
    public const int MaxNominees = 50;
    public static readonly RequestedAction Empty = new(0, null, [], new Dictionary<string, FormStatusRecorded>(), null, null, [], null);

    public static string StreamId(string officeId, string origin, string key) => $"act-{officeId}-{origin}-{key}";

    public static EventTypes Register(EventTypes types) => types
        .Register<ActionAssigned>("action-assigned")
        .Register<ActionDeadlineMoved>("action-deadline-moved")
        .Register<FormStatusRecorded>("action-form-recorded")
        .Register<NomineesReplied>("action-nominees-replied")
        .Register<ActionConfirmed>("action-confirmed")
        .Register<ActionReminderSent>("action-reminder-sent")
        .Register<ActionOverdueNotified>("action-overdue-notified");

    public RequestedAction Apply(object e) => (e switch
    {
        ActionAssigned a => this with { Assignment = a },
        ActionDeadlineMoved m => this with { Moves = [.. Moves, m] },
        FormStatusRecorded f => this with { Forms = new Dictionary<string, FormStatusRecorded>(Forms) { [f.Form] = f } },
        NomineesReplied r => this with { Reply = r },
        ActionConfirmed c => this with { Confirmation = c },
        ActionReminderSent r => this with { Reminders = [.. Reminders, r] },
        ActionOverdueNotified o => this with { Overdue = o },
        _ => this,
    }) with { Version = Version + 1 };

    /// <summary>The deadline that held for this office at <paramref name="at"/>: an extension counts only once it had reached the office.</summary>
    public DateOnly DueAt(DateTimeOffset at) =>
        Moves.Where(m => m.EffectiveAt <= at).Select(m => (DateOnly?)m.Due).LastOrDefault() ?? Assignment!.Due;

    /// <summary>The deadline now in force: the last one that reached the office.</summary>
    public DateOnly Due => Moves.Count > 0 ? Moves[^1].Due : Assignment!.Due;

    /// <summary>When the office finished what was asked, if it has: the last form submitted, the reply, or the confirmation.</summary>
    public DateTimeOffset? DoneAt => Assignment?.Kind switch
    {
        ActionKind.Submission when Assignment.Forms.All(f => Forms.GetValueOrDefault(f)?.Status == FormStatus.Submitted) =>
            Assignment.Forms.Max(f => Forms[f].At),
        ActionKind.ReplyForm => Reply?.At,
        ActionKind.Acknowledgement => Confirmation?.At,
        _ => null,
    };

    public bool Started => Forms.Values.Any(f => f.Status != FormStatus.NotStarted) || Reply is not null || Confirmation is not null;

    public bool IsLate(DateTimeOffset at) => BangkokTime.DateOf(at) > DueAt(at);

    /// <summary>Where the office stands at <paramref name="now"/>, as the compliance view counts it (<see cref="ActionStanding.StateOn"/>).</summary>
    public ActionState StateAt(DateTimeOffset now) =>
        DoneAt is not null ? (Forms.Values.Any(f => f.Late) || Reply?.Late == true || Confirmation?.Late == true ? ActionState.DoneLate : ActionState.Done)
        : BangkokTime.DateOf(now) > Due ? ActionState.Overdue
        : Started ? ActionState.InProgress : ActionState.NotStarted;

    /// <summary>Records one form's state; null when it is already so (the same import twice changes nothing).</summary>
    public static FormStatusRecorded? DecideForm(RequestedAction state, string form, FormStatus status, DateTimeOffset at, string by,
        string? reference, string recordedBy, DateTimeOffset now)
    {
        var a = Assigned(state);
        if (a.Kind != ActionKind.Submission) throw new DomainException($"คำขอ '{a.Title}' ไม่ใช่การส่งแบบ (this action has no forms).");
        if (!a.Forms.Contains(form))
            throw new DomainException($"คำขอนี้ไม่มีแบบ '{form}' มีเพียง {string.Join(", ", a.Forms)} (the action has no form '{form}').");
        if (at > now.AddMinutes(5)) throw new DomainException("วันเวลาที่ส่งอยู่ในอนาคต (the time is in the future).");
        if (string.IsNullOrWhiteSpace(by)) throw new DomainException("ต้องระบุผู้ส่ง (who submitted is required).");
        var current = state.Forms.GetValueOrDefault(form);
        if (current is not null && current.Status == status && current.By == by.Trim() && current.Reference == reference
            && (status != FormStatus.Submitted || current.At == at)) return null;
        if (status == FormStatus.Submitted && a.Opens is { } opens && BangkokTime.DateOf(at) < opens)
            throw new DomainException($"ยังไม่ถึงวันเริ่มส่ง {ThaiDate.FormatFull(opens)} (the window opens on {opens:yyyy-MM-dd}).");
        if (current?.Status == FormStatus.Submitted && BangkokTime.DateOf(now) > state.DueAt(now))
            throw new DomainException($"แบบ '{form}' ส่งแล้ว แก้ไขได้ก่อนกำหนดส่ง {ThaiDate.FormatFull(state.DueAt(now))} เท่านั้น (a submitted form can be corrected only before the deadline).");
        return new FormStatusRecorded(form, status, at, by.Trim(), reference, status == FormStatus.Submitted && state.IsLate(at), recordedBy);
    }

    public static NomineesReplied? DecideReply(RequestedAction state, IReadOnlyList<Nominee> nominees, DateTimeOffset now, string recordedBy)
    {
        var a = Assigned(state);
        if (a.Kind != ActionKind.ReplyForm) throw new DomainException($"คำขอ '{a.Title}' ไม่ใช่แบบตอบรับ (this action takes no reply form).");
        if (nominees.Count == 0) throw new DomainException("ต้องมีผู้เข้าร่วมอย่างน้อยหนึ่งคน (name at least one person).");
        if (nominees.Count > MaxNominees) throw new DomainException($"ระบุผู้เข้าร่วมได้ไม่เกิน {ThaiDigits.Format(MaxNominees)} คน (at most {MaxNominees}).");
        var clean = nominees.Select((n, i) => Clean(n, i + 1)).ToList();
        if (state.Reply is { } before)
        {
            if (before.Nominees.SequenceEqual(clean)) return null;
            if (BangkokTime.DateOf(now) > state.DueAt(now))
                throw new DomainException($"ส่งแบบตอบรับแล้ว แก้ไขได้ก่อนวันที่ {ThaiDate.FormatFull(state.DueAt(now))} เท่านั้น (the reply can be corrected only before the deadline).");
        }
        return new NomineesReplied(clean, now, state.IsLate(now), recordedBy);
    }

    public static ActionConfirmed DecideConfirm(RequestedAction state, DateTimeOffset now, string recordedBy)
    {
        var a = Assigned(state);
        if (a.Kind != ActionKind.Acknowledgement) throw new DomainException($"คำขอ '{a.Title}' ต้องส่งแบบหรือตอบรับ ไม่ใช่เพียงรับทราบ (this action needs more than an acknowledgement).");
        if (state.Confirmation is not null) throw new DomainException("ยืนยันแล้ว (already confirmed).");
        return new ActionConfirmed(now, state.IsLate(now), recordedBy);
    }

    private static Nominee Clean(Nominee n, int line)
    {
        var name = n.Name?.Trim() ?? "";
        var email = n.Email?.Trim() ?? "";
        if (name.Length is 0 or > 200) throw new DomainException($"ผู้เข้าร่วมคนที่ {ThaiDigits.Format(line)}: ต้องมีชื่อ ไม่เกิน ๒๐๐ ตัวอักษร (a name is required).");
        if (email.Length > 0 && (email.Length > 254 || email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace)))
            throw new DomainException($"ผู้เข้าร่วมคนที่ {ThaiDigits.Format(line)}: อีเมล '{email}' ไม่ถูกต้อง (bad e-mail address).");
        return new Nominee(name, n.Position?.Trim() ?? "", ThaiDigits.ToWestern(n.Phone?.Trim() ?? ""), email);
    }

    private static ActionAssigned Assigned(RequestedAction state) =>
        state.Assignment ?? throw new DomainException("หน่วยงานนี้ไม่ได้รับคำขอนี้ (this office was not asked to do this).");
}

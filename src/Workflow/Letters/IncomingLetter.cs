using Saraban.Workflow.Thai;

namespace Saraban.Workflow.Letters;

public enum ArrivalChannel { Electronic, Paper }

/// <summary>A letter reached this office: delivered by the system, or typed in from paper or e-mail.</summary>
/// <param name="FromLetterId">The sender's outgoing letter, when it was sent through this system.</param>
/// <param name="OriginLetterId">The first letter of the chain (the PM Office's circular): what tracking groups by.</param>
public sealed record LetterArrived(string OrganizationId, ArrivalChannel Channel, string? FromLetterId, string? FromOrganizationId,
    string SenderName, string DocumentNumber, DateOnly Date, LetterContent Content, string? OriginLetterId, DateOnly? ActionDue,
    string? SignerName, IReadOnlyList<string> SignerPositionLines,
    Actions.ActionsRequested? Asks = null, IReadOnlyList<Actions.ActionDeadlineExtended>? Extends = null,
    IReadOnlyList<Workflow.Files.Enclosure>? Files = null);

/// <summary>Entered in the receive register (ทะเบียนหนังสือรับ). <see cref="ReceivedAt"/> is when the letter came, as the clerk gives it; <see cref="RegisteredAt"/> when it was entered.</summary>
public sealed record LetterRegistered(int ReceiveNumber, DateTimeOffset ReceivedAt, DateTimeOffset RegisteredAt, string RegisteredBy);
/// <summary>เกษียนหนังสือ</summary>
public sealed record MinuteWritten(string Text, string UserId, string Name, IReadOnlyList<string> PositionLines);
public enum Decision { Forward, Acknowledge, File }
/// <summary>สั่งการ: the head's (or a deputy's, acting for the head) decision on the letter.</summary>
public sealed record LetterDecided(Decision Decision, string Note, string UserId, string Name, IReadOnlyList<string> PositionLines);
public sealed record LetterForwarded(string OutgoingLetterId);
public sealed record LetterAcknowledged(string UserId);
/// <summary>The office did what the letter asked (replied, submitted its assessment).</summary>
public sealed record RequestedActionDone(string Note, string UserId);

/// <summary>A letter as one office received it (stream <c>in-{office}-{key}</c>).</summary>
public sealed record IncomingLetter(long Version, LetterArrived? Arrival, LetterRegistered? Registration, IReadOnlyList<MinuteWritten> Minutes,
    LetterDecided? Decision, string? ForwardedAs, bool Acknowledged, RequestedActionDone? ActionDone, bool Withdrawn = false, PaperScanKept? Scan = null)
{
    public static readonly IncomingLetter Empty = new(0, null, null, [], null, null, false, null);

    /// <summary>One incoming letter per office and delivered letter: delivering or registering twice finds the stream taken.</summary>
    public static string StreamId(string organizationId, string key) => $"in-{organizationId}-{key}";

    public IncomingLetter Apply(object e) => (e switch
    {
        LetterArrived a => this with { Arrival = a },
        LetterRegistered r => this with { Registration = r },
        MinuteWritten m => this with { Minutes = [.. Minutes, m] },
        LetterDecided d => this with { Decision = d },
        LetterForwarded f => this with { ForwardedAs = f.OutgoingLetterId },
        LetterAcknowledged => this with { Acknowledged = true },
        RequestedActionDone x => this with { ActionDone = x },
        LetterWithdrawn or LetterReturned => this with { Withdrawn = true },
        PaperScanKept k => this with { Scan = k },
        _ => this,
    }) with { Version = Version + 1 };

    public static void CheckRegistrable(IncomingLetter state)
    {
        Arrived(state);
        if (state.Registration is { } r)
            throw new DomainException($"หนังสือนี้ลงทะเบียนรับแล้ว เลขรับ {ThaiDigits.Format(r.ReceiveNumber)} (already registered as receive number {r.ReceiveNumber}).");
    }

    public static MinuteWritten DecideMinute(IncomingLetter state, Access.Actor actor, string text)
    {
        Registered(state);
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("เกษียนต้องมีข้อความ (a minute needs text).");
        return new MinuteWritten(text.Trim(), actor.User.Id, actor.User.FullName, actor.PositionLines);
    }

    public static LetterDecided DecideDecision(IncomingLetter state, Access.Actor actor, Decision decision, string note)
    {
        Registered(state);
        if (state.Decision is not null) throw new DomainException($"หนังสือนี้สั่งการแล้วโดย {state.Decision.Name} (already decided).");
        return new LetterDecided(decision, note.Trim(), actor.User.Id, actor.User.FullName, actor.PositionLines);
    }

    public static void CheckForwardable(IncomingLetter state)
    {
        Registered(state);
        if (state.Decision?.Decision != Letters.Decision.Forward)
            throw new DomainException("ยังไม่มีคำสั่งให้แจ้งต่อ (forwarding needs the head's decision to forward).");
        if (state.ForwardedAs is not null) throw new DomainException("หนังสือนี้แจ้งต่อแล้ว (already forwarded).");
    }

    public static LetterAcknowledged DecideAcknowledge(IncomingLetter state, string userId)
    {
        Registered(state);
        if (state.Acknowledged) throw new DomainException("รับทราบแล้ว (already acknowledged).");
        return new LetterAcknowledged(userId);
    }

    public static RequestedActionDone DecideActionDone(IncomingLetter state, string userId, string note)
    {
        Registered(state);
        if (state.ActionDone is not null) throw new DomainException("ดำเนินการแล้ว (the requested action is already recorded).");
        return new RequestedActionDone(note.Trim(), userId);
    }

    private static void Arrived(IncomingLetter state)
    {
        if (state.Arrival is null) throw new DomainException("ไม่พบหนังสือนี้ในรายการหนังสือเข้า (no such incoming letter).");
        if (state.Withdrawn) throw new DomainException("หนังสือนี้ถูกเรียกคืนหรือส่งคืนผู้ส่งแล้ว (the letter was recalled by its sender or returned to it).");
    }

    private static void Registered(IncomingLetter state)
    {
        Arrived(state);
        if (state.Registration is null) throw new DomainException("ต้องลงทะเบียนรับก่อน (register the letter first).");
    }
}
